"""Entry point for ``python -m validation``."""

import sys

from validation.cli import program

sys.exit(program(prog="python -m validation"))
