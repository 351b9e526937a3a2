"""``chipmap atlas``: search, show, count and check the curated reference data."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from chipmap.cli.common import EXIT_SOME_FAILED, cli_errors, err, fail, out, print_json
from chipmap.vocab import PLACE_PREFIX

atlas_app = typer.Typer(help="Search, show, count and validate the atlas of companies and places.",
                        no_args_is_help=True)


@atlas_app.command("search")
def search_cmd(
    text: Annotated[str, typer.Argument(help="A name in English or Chinese, an alias, or part of one.")],
    limit: Annotated[int, typer.Option(help="Most results to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find entries by name, alias or Chinese name, fuzzily.

    Example: chipmap atlas search 中芯国际
    """
    from chipmap.atlas import default_atlas
    from chipmap.atlas.search import search

    with cli_errors():
        hits = search(default_atlas(), text, limit=limit)
    if as_json:
        print_json([{"id": h.entry.id, "name": h.entry.name, "name_zh": h.entry.name_zh,
                     "kind": h.entry.kind, "score": h.score, "matched": h.matched} for h in hits])
    else:
        table = Table("id", "name", "中文", "kind", "score")
        for h in hits:
            table.add_row(h.entry.id, h.entry.name, h.entry.name_zh or "", h.entry.kind, f"{h.score:.0f}")
        out.print(table)
    if not hits:
        raise typer.Exit(EXIT_SOME_FAILED)


@atlas_app.command("show")
def show_cmd(
    entry_id: Annotated[str, typer.Argument(help="An id such as org:smic or place:shanghai-lingang.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one entry with its place hierarchy.

    Example: chipmap atlas show place:shanghai-lingang
    """
    from chipmap.atlas import default_atlas
    from chipmap.atlas.search import search

    with cli_errors():
        atlas = default_atlas()
    entry = atlas.get(entry_id)
    if entry is None:
        near = [h.entry.id for h in search(atlas, entry_id.split(":")[-1], limit=3)]
        fail(f"no atlas entry {entry_id!r}" + (f"; did you mean {', '.join(near)}?" if near else ""),
             EXIT_SOME_FAILED)
    data = entry.model_dump(exclude_defaults=True)
    place_id = entry.id if entry.id.startswith(PLACE_PREFIX) else getattr(entry, "headquarters", None)
    if place_id:
        data["within"] = [atlas.places[p].name for p in atlas.ancestors(place_id)]
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        out.print(f"[bold]{key}[/]: {value}", highlight=False)


@atlas_app.command("stats")
def stats_cmd(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Count entries per kind, per chain segment and per province.

    Example: chipmap atlas stats --json
    """
    from chipmap.atlas import default_atlas
    from chipmap.atlas.checks import stats

    with cli_errors():
        data = stats(default_atlas())
    if as_json:
        print_json(data)
        return
    for section, values in data.items():
        if isinstance(values, dict):
            table = Table(section, "count")
            for key, count in values.items():
                table.add_row(str(key), str(count))
            out.print(table)
        else:
            out.print(f"[bold]{section}[/]: {values}")


@atlas_app.command("validate")
def validate_cmd() -> None:
    """Check every reference, vocabulary, Chinese name, alias and source; exit 1 on problems.

    Example: chipmap atlas validate
    """
    from chipmap.atlas import default_atlas
    from chipmap.atlas.checks import validate

    with cli_errors():
        atlas = default_atlas()
        problems = validate(atlas)
    for problem in problems:
        err.print(f"[red]problem:[/] {problem}", highlight=False)
    if problems:
        fail(f"{len(problems)} problem(s) in the atlas", EXIT_SOME_FAILED)
    out.print(f"atlas ok: {len(atlas.orgs)} organisations, {len(atlas.places)} places")


@atlas_app.command("format")
def format_cmd(
    check: Annotated[bool, typer.Option("--check", help="Only report files that are not canonical.")] = False,
) -> None:
    """Rewrite the bundled atlas files in canonical order and layout (for contributors).

    Example: chipmap atlas format --check
    """
    from chipmap.atlas import DATA_DIR, load_atlas
    from chipmap.atlas.writer import HEADERS, dump

    with cli_errors():
        atlas = load_atlas()
    wanted = {
        "organizations.yaml": dump(atlas.orgs.values(), HEADERS["organizations.yaml"]),
        "places.yaml": dump(atlas.places.values(), HEADERS["places.yaml"]),
    }
    stale = [name for name, text in wanted.items()
             if (DATA_DIR / name).read_text(encoding="utf-8") != text]
    if check:
        for name in stale:
            err.print(f"[red]not canonical:[/] {DATA_DIR / name}")
        if stale:
            raise typer.Exit(EXIT_SOME_FAILED)
        out.print("atlas files are canonical")
        return
    for name in stale:
        (DATA_DIR / name).write_text(wanted[name], encoding="utf-8")
        out.print(f"rewrote {DATA_DIR / name}")


def register(app: typer.Typer) -> None:
    app.add_typer(atlas_app, name="atlas")
