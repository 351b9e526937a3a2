"""``chipmap watch SOURCES...``: re-read feeds and pages on a schedule and write a digest of what is new."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chipmap.cli.common import EXIT_SOME_FAILED, DbOption, cli_errors, err, fail, out, print_json, write_db


def _write_digest(template: str, text: str, round_number: int, at: str) -> Path:
    path = Path(template.replace("{round}", str(round_number)).replace("{at}", at.replace(":", "")))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write the digest to {path}: {exc.strerror}")
    return path


def watch(
    sources: Annotated[list[str] | None, typer.Argument(help="Feed or page URLs (or feed files) to watch.")] = None,
    every: Annotated[str, typer.Option("--every", help="Time between rounds: 90s, 15m, 1h, 1d.")] = "1h",
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit (for cron).")] = False,
    rounds: Annotated[int | None, typer.Option("--rounds", min=1, help="Stop after this many rounds.")] = None,
    digest: Annotated[str | None, typer.Option(
        "--digest", help="File to write each round's digest to (.json, .html, else Markdown); "
                         "{round} in the name keeps one file per round.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print each digest as JSON.")] = False,
    cluster: Annotated[list[str] | None, typer.Option(
        "--cluster", help="Watch this cluster (saved in the database; repeat for several).")] = None,
    forget: Annotated[list[str] | None, typer.Option("--forget", help="Stop watching this cluster.")] = None,
    db: DbOption = None,
) -> None:
    """Re-read feeds and pages on a schedule, add only new articles, and write a digest per round:
    new organisations, projects, appointments and sites, per watched cluster, each with its source.

    Polite: conditional GET (ETag, Last-Modified), seen entries skipped, back-off after errors.
    State lives in the database's meta table.

    Example: chipmap watch https://example.org/chips.rss --cluster Shaoxing --once --digest digest.md
    """
    from chipmap.config import get_settings
    from chipmap.watch import forget_clusters, parse_duration, render_digest, save_clusters
    from chipmap.watch import watch as run_watch
    from chipmap.watch.digest import Digest

    settings = get_settings()
    target = write_db(db, settings)
    with cli_errors():
        interval = parse_duration(every)
        watched: list[str] | None = None
        if cluster:
            watched = save_clusters(target, cluster, settings=settings)
        if forget:
            watched = forget_clusters(target, forget)
    if not sources:
        if watched is None:
            from chipmap.store import open_database
            from chipmap.watch.state import load_state

            with cli_errors(), open_database(target) as database:
                state = load_state(database)
            watched = state.clusters
            if as_json:
                print_json({"clusters": watched, "rounds": state.rounds,
                            "sources": {k: vars(v) | {"seen": len(v.seen)} for k, v in state.sources.items()}})
                return
            for location, source in state.sources.items():
                out.print(f"{location}: {source.last_status or 'not yet read'}, {len(source.seen)} entries seen"
                          + (f", next try after {source.next_try}" if source.next_try else ""), highlight=False)
        out.print(f"watched clusters: {', '.join(watched) or 'none'}", highlight=False)
        return

    failed = False

    def report(result: Digest) -> None:
        nonlocal failed
        failed = any(s.status == "error" for s in result.sources)
        path = Path(digest) if digest else None
        if path is not None:
            written = _write_digest(digest or "", render_digest(result, path), result.round, result.at)
            line = (f"round {result.round}: {result.added} new article(s), {result.new_items} new item(s)"
                    f" -> {written}")
            (err if as_json else out).print(line, highlight=False)  # stdout stays JSON with --json
        if as_json:
            print_json(result.to_dict())
        elif path is None:
            out.print(render_digest(result), highlight=False, markup=False)

    with cli_errors():
        try:
            run_watch(sources, db=target, every=interval, rounds=1 if once else rounds, settings=settings,
                      on_digest=report)
        except KeyboardInterrupt:
            err.print("stopped", highlight=False)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def register(app: typer.Typer) -> None:
    app.command()(watch)
