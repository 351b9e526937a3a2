"""What every command shares: consoles, exit codes, error reporting."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from chipmap.errors import ChipmapError, NotFound

if TYPE_CHECKING:
    from chipmap.config import Settings
    from chipmap.store import Graph

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


@contextmanager
def progress_bar(wanted: bool = True, *, label: str = "articles") -> Iterator[Callable[..., None]]:
    """A Rich progress bar with a rate on stderr when it is a terminal; a no-op otherwise."""
    if not (wanted and err.is_terminal):
        yield lambda *_args: None
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, redirect_stdout=False, redirect_stderr=False) as progress:
        task = progress.add_task(label, total=None)

        def advance(*_args: object) -> None:
            progress.advance(task)

        yield advance


def print_json(data: Any) -> None:
    """JSON to stdout, UTF-8, for scripts."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file path (default: CHIPMAP_DB, else chipmap.db "
                              "here, else the demo graph that 'chipmap demo' built); 'toy' for a small "
                              "built-in graph."),
]
#: ``--db toy`` names a small graph built in memory (the atlas plus a few hand-written articles).
TOY_DB = "toy"


def write_db(db: str | None, settings: Settings) -> str:
    """The database a build writes: ``--db``, else the ``db`` setting."""
    return db or settings.db


def read_db(db: str | None, settings: Settings) -> str:
    """The database a query reads (``chipmap.api.reading_database``); says so on stderr when
    it is the demo graph found by default."""
    from chipmap.api import reading_database

    chosen, demo = reading_database(db, settings)
    if demo:
        err.print(f"[dim]reading the demo graph {chosen} (no chipmap.db here; --db to choose)[/]",
                  highlight=False)
    return chosen


def open_for_reading(db: str | None, settings: Settings) -> Graph:
    """The graph a query command reads (never created by reading; ``toy`` built in memory)."""
    if db == TOY_DB:
        from chipmap.demo.toy import toy_graph

        return toy_graph()
    from chipmap.store import open_graph

    return open_graph(read_db(db, settings))
