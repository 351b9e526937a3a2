"""``chipmap report CLUSTER``: the cluster brief a park's team takes to a meeting, as HTML or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chipmap.cli.common import DbOption, cli_errors, fail, out
from chipmap.cli.query import analyst_for, parse_day


def report(
    cluster: Annotated[str, typer.Argument(help="A place or park: name, alias or id.")],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="File to write (- for stdout).",
                                           dir_okay=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="html (self-contained) or pdf.")] = "html",
    vs: Annotated[str | None, typer.Option("--vs", help="Peer cluster to measure gaps and coverage against.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Start of the period (YYYY-MM-DD) for the "
                                                              "timeline and projects.")] = None,
    db: DbOption = None,
) -> None:
    """Write a cluster brief: chain coverage, members by segment, gaps and candidates, projects,
    leaders, a dated timeline and a numbered source list.

    Example: chipmap report Shaoxing --vs Wuxi --since 2023-01-01 --format pdf --out shaoxing.pdf
    """
    from chipmap.report import FORMATS, build_brief, render

    if fmt not in FORMATS:
        fail(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    day = parse_day(since, "--since")
    with analyst_for(db) as analyst, cli_errors():
        brief = build_brief(analyst, cluster, vs=vs, since=day)
        data = render(brief, fmt)
    if str(out_file) == "-":
        typer.get_binary_stream("stdout").write(data)
        return
    try:
        out_file.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {out_file}: {exc.strerror}")
    out.print(f"{brief.name} brief ({fmt}, {len(data):,} bytes, {len(brief.sources)} sources) -> {out_file}",
              highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(report)
