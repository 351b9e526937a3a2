"""``chipmap review list | accept | reject | verdicts | export | import``: judge what resolution was unsure of.

Resolution records "possibly same as" candidates instead of guessing; a reviewer
accepts a pair (the two entities are merged now) or rejects it (they stay apart
and the pair is not proposed again). Verdicts are kept apart from what builds
write and replayed by every build; ``export`` and ``import`` carry them to
another database as JSON Lines.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from chipmap.cli.common import DbOption, cli_errors, fail, open_for_reading, out, print_json

if TYPE_CHECKING:
    from chipmap.store import Graph
    from chipmap.store.review import Judgement, ReviewStore

review_app = typer.Typer(help="Review uncertain entity merges: list candidates, accept or reject them, "
                              "export and import the verdicts.", no_args_is_help=True)

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Note = Annotated[str, typer.Option("--note", help="Why (kept with the verdict).")]
Items = Annotated[list[str], typer.Argument(
    help="A candidate id from 'chipmap review list', or two entities (ids or names).")]


@contextmanager
def _review(db: str | None) -> Iterator[tuple[Graph, ReviewStore]]:
    from chipmap.config import get_settings
    from chipmap.store.review import ReviewStore

    with cli_errors():
        graph = open_for_reading(db, get_settings())
        try:
            yield graph, ReviewStore(graph.database)
        finally:
            graph.close()


def _data(value: Any) -> Any:
    import dataclasses

    return dataclasses.asdict(value)


def list_candidates(db: DbOption = None, as_json: Json = False,
                    limit: Annotated[int, typer.Option(min=1, max=500, help="Most pairs to show.")] = 20,
                    offset: Annotated[int, typer.Option(min=0, help="Pairs to skip (the next page).")] = 0) -> None:
    """Open candidate pairs, strongest first: two entities that may be one, with a score and a reason.

    Example: chipmap review list --limit 10
    """
    with _review(db) as (_graph, store):
        page = store.candidates(limit=limit, offset=offset)
    if as_json:
        print_json(_data(page))
        return
    table = Table("id", "score", "reason", "entity", "possibly the same as", "articles")
    for item in page.items:
        atlas = " [atlas]" if item.other.atlas else ""
        table.add_row(str(item.id), f"{item.score:.2f}", item.reason,
                      f"{escape(item.entity.name)}\n[dim]{item.entity.id}[/]",
                      f"{escape(item.other.name)}{atlas}\n[dim]{item.other.id}[/]", str(len(item.articles)))
    out.print(table)
    shown = page.offset + len(page.items)
    more = f"; next page: --offset {shown}" if shown < page.total else ""
    out.print(f"{page.total} open pair{'s' if page.total != 1 else ''}{more}. "
              "'chipmap review accept ID' merges a pair, 'chipmap review reject ID' keeps it apart.",
              highlight=False)


def _judge(db: str | None, items: list[str], verdict: str, note: str) -> Judgement:
    if len(items) not in (1, 2):
        fail("give one candidate id, or two entities")
    with _review(db) as (graph, store):
        if len(items) == 1:
            if not items[0].isdigit():
                fail(f"{items[0]!r} is not a candidate id; give an id from 'chipmap review list' or two entities")
            act = store.accept if verdict == "same" else store.reject
            return act(int(items[0]), note=note)
        first, second = (graph.entity(name).id for name in items)
        return store.judge(first, second, verdict, note=note)
    raise AssertionError("unreachable")  # pragma: no cover - _review exits on errors


def _report(judgement: Judgement, as_json: bool) -> None:
    if as_json:
        print_json(_data(judgement))
        return
    verdict = judgement.verdict
    if judgement.merge is not None:
        out.print(f"merged {judgement.merge.removed} into {judgement.merge.kept} ({judgement.merge.relations} "
                  f"relations, {judgement.merge.mentions} mentions moved); the verdict is kept for every build",
                  highlight=False)
    else:
        out.print(f"{verdict.first.name} and {verdict.second.name}: {verdict.verdict}; kept for every build",
                  highlight=False)


def accept(items: Items, db: DbOption = None, note: Note = "", as_json: Json = False) -> None:
    """The pair is one entity: merge the two now and remember it for every build.

    Example: chipmap review accept 12
    Example: chipmap review accept "Hefei city government" "Hefei Municipal People's Government"
    """
    _report(_judge(db, items, "same", note), as_json)


def reject(items: Items, db: DbOption = None, note: Note = "", as_json: Json = False) -> None:
    """The pair is two entities: keep them apart and never propose them again.

    Example: chipmap review reject 7 --note "different universities"
    """
    _report(_judge(db, items, "different", note), as_json)


def verdicts(db: DbOption = None, as_json: Json = False) -> None:
    """Every verdict so far, oldest first.

    Example: chipmap review verdicts --json
    """
    from chipmap.store.review import verdict_data

    with _review(db) as (_graph, store):
        found = store.verdicts()
    if as_json:
        print_json([verdict_data(v) for v in found])
        return
    table = Table("verdict", "type", "first", "second", "note", "decided")
    for v in found:
        table.add_row(v.verdict, v.type, escape(v.first.name), escape(v.second.name), escape(v.note), v.decided)
    out.print(table)


def export(file: Annotated[Path | None, typer.Argument(help="JSON Lines file to write (default: stdout).")] = None,
           db: DbOption = None) -> None:
    """Write every verdict as JSON Lines, for another database or for safe keeping.

    Example: chipmap review export verdicts.jsonl
    """
    with _review(db) as (_graph, store):
        text = store.export_verdicts()
    if file is None:
        sys.stdout.write(text)
        return
    file.write_text(text, encoding="utf-8")
    out.print(f"wrote {text.count(chr(10))} verdicts to {file}", highlight=False)


def import_(file: Annotated[Path, typer.Argument(help="A JSON Lines file written by 'chipmap review export'.")],
            db: DbOption = None, as_json: Json = False) -> None:
    """Add the verdicts of a file and apply them now (a later verdict on a pair replaces the earlier).

    Example: chipmap review import verdicts.jsonl --db chipmap.db
    """
    if not file.is_file():
        fail(f"no file {file}")
    with _review(db) as (_graph, store):
        result = store.import_verdicts(file.read_text(encoding="utf-8"), source=str(file))
    if as_json:
        print_json({"added": result.added, "updated": result.updated, "merged": len(result.merges)})
        return
    out.print(f"{result.added} verdicts added, {result.updated} replaced, {len(result.merges)} pairs merged",
              highlight=False)


def register(app: typer.Typer) -> None:
    review_app.command("list")(list_candidates)
    for command in (accept, reject, verdicts, export):
        review_app.command()(command)
    review_app.command("import")(import_)
    app.add_typer(review_app, name="review")
