"""The on-ramp's commands (init, add-page, draft, ground, export): each a module with ``NAME``,
``add_parser(commands)`` and ``run(args) -> int``, a thin layer over a library module that can
be imported and tested without the command line. :mod:`validation.cli` registers them."""

from validation.commands import add_page, draft, export, ground, init

ONRAMP = (init, add_page, draft, ground, export)
