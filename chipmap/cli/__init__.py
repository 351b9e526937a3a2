"""The ``chipmap`` command line: a thin shell over the Python API.

Each command module registers its commands on the one Typer app. Exit codes
scripts can trust: 0 all went well, 1 some inputs failed, 2 nothing could be
done (bad usage, unusable database or settings).
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="chipmap",
    help="Turn chip-industry news into an evidence-backed knowledge graph of China's IC clusters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Command modules under chipmap.cli, each with a ``register(app)`` function.
COMMAND_MODULES: tuple[str, ...] = ("extract", "atlas", "query", "projects", "report", "watch", "review", "serve", "build")

for _name in COMMAND_MODULES:
    importlib.import_module(f"chipmap.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    app()
