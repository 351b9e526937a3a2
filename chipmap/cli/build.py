"""``chipmap build`` and ``chipmap remove``: put news into the graph, take an article out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from chipmap.cli.common import cli_errors, err, out, write_db

if TYPE_CHECKING:
    from chipmap.pipeline import BuildSummary

BuildDb = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file path to build into (default: CHIPMAP_DB, "
                              "else chipmap.db here); created when missing."),
]


class _RichProgress:
    """Articles done and articles per second, redrawn on stderr."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("building", total=None, rate=0.0, failed=0)

    def update(self, summary: BuildSummary) -> None:
        self.progress.update(self.task, completed=summary.processed, rate=summary.articles_per_second,
                             failed=summary.failed)


@contextmanager
def _progress(wanted: bool) -> Iterator[_RichProgress | None]:
    if not (wanted and err.is_terminal):
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"),
               TextColumn("{task.completed} articles"), TextColumn("{task.fields[rate]:.1f} articles/s"),
               TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, redirect_stdout=False,
                  redirect_stderr=False) as progress:
        yield _RichProgress(progress)


def _report(summary: BuildSummary) -> None:
    near = f" ({summary.near_duplicates} near)" if summary.near_duplicates else ""
    reread = f" ({summary.reread} read again by the changed extractor)" if summary.reread else ""
    out.print(
        f"{summary.db}: {summary.added} added{reread}, {summary.unchanged} unchanged, "
        f"{summary.duplicates} duplicate{'s' if summary.duplicates != 1 else ''}{near}, "
        f"{summary.failed} failed; {summary.entities_added} new entities, {summary.relations} relations, "
        f"{summary.evidence} evidence rows in {summary.seconds:.1f}s "
        f"({summary.articles_per_second:.1f} articles/s)",
        highlight=False,
    )
    if not summary.errors:
        return
    table = Table(title=f"{summary.failed} input{'s' if summary.failed != 1 else ''} not ingested",
                  title_justify="left", show_lines=False)
    for column in ("file", "line", "stage", "reason"):
        table.add_column(column, overflow="fold")
    for error in summary.errors:
        table.add_row(error.source, "" if error.line is None else str(error.line), error.stage, error.reason)
    err.print(table)


def build(
    sources: Annotated[list[str], typer.Argument(
        help="Files (.txt .md .html .json .jsonl .rss .atom .xml), folders, glob patterns or http(s) URLs "
             "of feeds and pages.")],
    db: BuildDb = None,
    atlas: Annotated[bool, typer.Option("--atlas/--no-atlas",
                                        help="Seed the atlas's organisations, places and facts.")] = True,
    field: Annotated[list[str] | None, typer.Option(
        "--field", help="JSON Lines field mapping NAME=FIELD, repeatable: text, title, url, published, id "
                        "(e.g. --field text=body).")] = None,
    workers: Annotated[int, typer.Option(
        min=1, help="Extraction worker processes on this machine; 1 extracts in this process.")] = 1,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="tcp://HOST:PORT|local:N",
        help="Extract on a dask.distributed cluster: a running scheduler's address, or local:N to start "
             "N local workers (default: CHIPMAP_DASK; unset: no dask).")] = None,
    wait: Annotated[float, typer.Option(
        min=0, help="Seconds to wait for another build on the same database to finish (default: exit 2 "
                    "at once, naming it).")] = 0.0,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default: setting).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a one-line JSON summary.")] = False,
) -> None:
    """Add news articles to the graph: ingest, deduplicate, extract, resolve and store.

    Example: chipmap build ../shared/eval/dev news/*.html https://example.com/feed.rss --db chipmap.db

    Building the same sources again changes nothing; new articles are added
    without a rebuild; a killed build can simply be run again. Inputs that
    cannot be read are listed at the end. Exit code 0 when everything was
    ingested, 1 when some inputs failed, 2 when nothing could be ingested or
    the database is unusable.
    """
    from chipmap.config import get_settings
    from chipmap.pipeline import build as run_build

    with cli_errors(), _progress(not as_json) as progress:
        settings = get_settings()
        summary = run_build(sources, db=write_db(db, settings), atlas=atlas, fields=field or [],
                            workers=workers, model=model, progress=progress, settings=settings,
                            dask=dask, wait=wait)
    if as_json:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, default=str) + "\n")
    else:
        _report(summary)
    raise typer.Exit(summary.exit_code)


def remove(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it, or its original id).")],
    db: BuildDb = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a one-line JSON summary.")] = False,
) -> None:
    """Remove one article's contributions from the graph.

    Example: chipmap remove 3f2a9c41 --db chipmap.db

    Facts that only this article supported disappear; others keep their
    remaining evidence and confidence is recomputed. Exit code 1 if no
    article matches.
    """
    from chipmap.config import get_settings
    from chipmap.store import open_graph

    with cli_errors(), open_graph(write_db(db, get_settings())) as graph:
        result = graph.remove(article_id)
    if as_json:
        sys.stdout.write(json.dumps(
            {"article_id": result.article_id, "evidence": result.evidence, "facts_removed": result.facts_removed,
             "facts_kept": result.facts_kept, "entities_removed": result.entities_removed}) + "\n")
        return
    out.print(f"removed article {result.article_id}: {result.evidence} evidence rows, "
              f"{result.facts_removed} facts gone, {result.facts_kept} kept with other evidence, "
              f"{result.entities_removed} entities gone", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(remove)
