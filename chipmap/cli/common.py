"""What every command shares: consoles, exit codes, error reporting."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console

from chipmap.errors import ChipmapError, NotFound

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_UNUSABLE = 2

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    """Print an error to stderr and exit with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn chipmap's own exceptions into clean messages and exit codes, never tracebacks."""
    try:
        yield
    except NotFound as exc:
        fail(str(exc), EXIT_SOME_FAILED)
    except ChipmapError as exc:
        fail(str(exc), EXIT_UNUSABLE)


def print_json(data: Any) -> None:
    """JSON to stdout, UTF-8, for scripts."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
