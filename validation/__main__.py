"""Entry point for ``python -m validation``."""

import sys

from validation.cli import main

sys.exit(main(prog="python -m validation"))
