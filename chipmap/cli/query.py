"""``chipmap cluster | gaps | locate | compare | timeline | entity | path | search | export``.

Each command resolves names through the graph, asks the Analyst, and prints
a Rich table on a terminal or JSON with ``--json``. Unknown names exit 1 with
suggestions; an unusable database exits 2.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from chipmap.analyze.members import MemberPage
from chipmap.analyze.service import Analyst
from chipmap.analyze.signals import ORIGINS, SIZES
from chipmap.analyze.siting import LEVELS
from chipmap.cli.common import DbOption, cli_errors, fail, open_for_reading, out, print_json
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS

Db = DbOption
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Limit = Annotated[int, typer.Option(min=1, max=500, help="Most rows to show.")]


@contextmanager
def analyst_for(db: str | None) -> Iterator[Analyst]:
    """An Analyst over the graph at ``db``, closed afterwards; chipmap errors become clean exits."""
    from chipmap.config import get_settings

    with cli_errors():
        graph = open_for_reading(db, get_settings())
        try:
            yield Analyst(graph)
        finally:
            graph.close()


def as_data(value: Any) -> Any:
    """Dataclasses (and lists of them) as plain JSON-ready data."""
    if isinstance(value, list):
        return [as_data(v) for v in value]
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) and not isinstance(value, type) else value


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date in YYYY-MM-DD form")


#: Members a terminal page lists when --limit is not given.
MEMBER_PAGE = 50


def cluster(name: Annotated[str, typer.Argument(help="A place or park: name, alias or id.")],
            db: Db = None, as_json: Json = False,
            as_of: Annotated[str | None, typer.Option("--as-of", help="The cluster as the news stood that day.")] = None,
            limit: Annotated[int | None, typer.Option(
                min=1, help=f"Members to list (default: {MEMBER_PAGE} on a terminal, all with --json).")] = None,
            offset: Annotated[int, typer.Option(min=0, help="Members to skip (the next page).")] = 0,
            segment: Annotated[str | None, typer.Option(
                "--segment", help="List only the members of this chain segment (e.g. design).")] = None,
            ) -> None:
    """Organisations of a cluster by chain segment, with evidence, its chain coverage, and every member.

    Example: chipmap cluster Shaoxing --json

    The JSON lists every member (organisations in the place or any place inside it,
    by atlas headquarters or site or by news) with its Chinese name and aliases; the
    terminal lists them a page at a time (--limit, --offset).
    """
    day = parse_day(as_of, "--as-of")
    with analyst_for(db) as analyst:
        answer = analyst.cluster(name, evidence=True, day=day, offset=offset, member_segment=segment,
                                 limit=limit if limit is not None or as_json else MEMBER_PAGE)
    if as_json:
        print_json(as_data(answer))
        return
    profile = answer.profile
    out.print(f"[bold]{escape(profile.cluster.name)}[/] ({profile.cluster.id}): {profile.organization_total} organisations, "
              f"coverage score {profile.coverage.score:.2f}", highlight=False)
    table = Table("segment", "firms", "share", "organisations")
    orgs = {o.id: o for o in profile.organizations}
    for group, row in zip(profile.by_segment, profile.coverage.segments, strict=True):
        names = ", ".join(orgs[o].name for o in group.org_ids[:6]) + (" …" if len(group.org_ids) > 6 else "")
        table.add_row(group.label, str(row.count), f"{row.share:.0%}", names or "[red]none[/]")
    out.print(table)
    evidence = Table("organisation", "where", "evidence")
    for org in profile.organizations[:25]:
        for relation in org.located[:1]:
            sentence = next((e.sentence for e in answer.evidence.get(relation.id, [])), "")
            evidence.add_row(org.name, relation.tail_name, sentence[:140])
    out.print(evidence)
    _print_members(answer.members)


def _print_members(page: MemberPage) -> None:
    """One page of a cluster's members, and how to get the next."""
    table = Table("#", "organisation", "中文", "also known as", "segments", "where", title="members",
                  title_justify="left")
    for number, member in enumerate(page.members, start=page.offset + 1):
        where = "; ".join(f"{p.name} [{'atlas' if p.from_atlas else 'news'}]" for p in member.places[:3])
        table.add_row(str(number), escape(member.name), member.name_zh or "", escape(", ".join(member.aliases[:4])),
                      ", ".join(SEGMENT_LABELS[s] for s in member.segments), escape(where))
    out.print(table)
    shown_to = page.offset + len(page.members)
    if page.total == 0:
        out.print("no members", highlight=False)
    elif shown_to < page.total:
        out.print(f"members {page.offset + 1}–{shown_to} of {page.total}; next page: --offset {shown_to}"
                  + (f" --limit {page.limit}" if page.limit else ""), highlight=False)
    else:
        out.print(f"members {min(page.offset + 1, page.total)}–{shown_to} of {page.total}", highlight=False)


def gaps(name: Annotated[str, typer.Argument(help="A place or park.")], db: Db = None, as_json: Json = False,
         vs: Annotated[str | None, typer.Option("--vs", help="Peer cluster to compare with (default: national).")] = None,
         as_of: Annotated[str | None, typer.Option("--as-of", help="As the news stood that day (YYYY-MM-DD).")] = None,
         segment: Annotated[str | None, typer.Option(help="Only candidates in this segment: " + ",".join(SEGMENTS))] = None,
         province: Annotated[str | None, typer.Option(help="Only candidates based in this province.")] = None,
         size: Annotated[str | None, typer.Option(help="Only candidates of this size band: " + ",".join(SIZES))] = None,
         origin: Annotated[str | None, typer.Option(help="Only " + " or ".join(ORIGINS) + " candidates.")] = None,
         limit: Limit = 10) -> None:
    """Missing and thin chain segments of a cluster, and ranked companies elsewhere it could attract.

    Example: chipmap gaps Shaoxing --vs Wuxi --origin domestic --size mid
    """
    day = parse_day(as_of, "--as-of")
    with analyst_for(db) as analyst:
        report = analyst.gaps(name, vs=vs, limit=limit, day=day, segment=segment, province=province,
                              size=size, origin=origin)
    if as_json:
        print_json(as_data(report))
        return
    out.print(f"[bold]{escape(report.cluster.name)}[/] against {escape(report.reference_name)}", highlight=False)
    table = Table("segment", "status", "firms", "expected")
    for gap in report.gaps:
        table.add_row(gap.label, gap.status, str(gap.count), f"{gap.expected:.1f}")
    out.print(table if report.gaps else "no missing or thin segment")
    shown = ", ".join(f"{k} {v}" for k, v in report.filters.items())
    ranked = Table("#", "candidate", "score", "fills", "why",
                   title=f"{report.candidate_total} candidates" + (f" ({escape(shown)})" if shown else ""))
    for number, candidate in enumerate(report.candidates, start=1):
        why = "\n".join(f"{c.name} {c.value:.2f}: {c.reason}" for c in candidate.components if c.weight)
        ranked.add_row(str(number), f"{candidate.org.name}\n[dim]{candidate.origin}, {candidate.size}[/]",
                       f"{candidate.score:.1f}", ", ".join(SEGMENT_LABELS[s] for s in candidate.gap_segments) or "-",
                       why)
    out.print(ranked)


def locate(org: Annotated[str | None, typer.Argument(help="An organisation to site (its segments are used).")] = None,
           segments: Annotated[str | None, typer.Option("--segments", help="Comma-separated: " + ",".join(SEGMENTS))] = None,
           level: Annotated[str, typer.Option(help="city (prefecture-level), district (and county-level "
                                                "cities), park or all")] = "city",
           db: Db = None, as_json: Json = False, limit: Limit = 10) -> None:
    """Places ranked for an organisation or a set of segments: peers, chain, origin, home, talent, policy.

    Example: chipmap locate --segments design
    """
    wanted = [s.strip() for s in (segments or "").split(",") if s.strip()]
    if not org and not wanted:
        fail("give an organisation or --segments")
    if level not in LEVELS:
        fail(f"--level {level!r}: choose {', '.join(LEVELS)}")
    with analyst_for(db) as analyst:
        report = analyst.locate(org=org, segments=wanted, level=level, limit=limit)
    if as_json:
        print_json(as_data(report))
        return
    table = Table("#", "cluster", "score", "why")
    for number, option in enumerate(report.options, start=1):
        why = "\n".join(f"{c.name} {c.value:.2f}: {c.reason}" for c in option.components if c.weight)
        table.add_row(str(number), option.cluster.name + (" (already there)" if option.already_there else ""),
                      f"{option.score:.1f}", why)
    out.print(f"segments: {', '.join(SEGMENT_LABELS[s] for s in report.segments)}", highlight=False)
    out.print(table)


def compare(names: Annotated[list[str], typer.Argument(help="Two or more places or parks.")],
            db: Db = None, as_json: Json = False) -> None:
    """Clusters side by side: firms per segment, coverage score, leaders.

    Example: chipmap compare Lingang Zhangjiang Wuxi
    """
    if len(names) < 2:
        fail("compare needs at least two clusters")
    with analyst_for(db) as analyst:
        result = analyst.compare(names)
    if as_json:
        print_json(as_data(result))
        return
    table = Table("", *(c.cluster.name for c in result.clusters))
    table.add_row("organisations", *(str(c.organizations) for c in result.clusters))
    table.add_row("coverage score", *(f"{c.coverage.score:.2f}" for c in result.clusters))
    for i, segment in enumerate(SEGMENTS):
        table.add_row(SEGMENT_LABELS[segment], *(str(c.coverage.segments[i].count) for c in result.clusters))
    table.add_row("leaders", *(", ".join(r.name for r in c.leaders[:3]) for c in result.clusters))
    out.print(table)


def timeline(name: Annotated[str, typer.Argument(help="A cluster or an organisation.")],
             since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
             until: Annotated[str | None, typer.Option(help="YYYY-MM-DD (\"as of\")")] = None,
             db: Db = None, as_json: Json = False, limit: Limit = 100) -> None:
    """Events, projects, openings, appointments and articles, dated and sourced.

    Example: chipmap timeline Hefei --since 2019-01-01
    """
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    with analyst_for(db) as analyst:
        result = analyst.timeline(name, since=start, until=end, limit=limit)
    if as_json:
        print_json(as_data(result))
        return
    table = Table("date", "kind", "what", "source")
    for item in result.items:
        table.add_row(item.date.isoformat(), item.kind, item.title,
                      "; ".join(s.title for s in item.sources[:2]))
    out.print(table)


def entity(name: Annotated[str, typer.Argument(help="An id, name or alias.")], db: Db = None, as_json: Json = False,
           limit: Limit = 20) -> None:
    """An entity's facts with the sentence that supports each.

    Example: chipmap entity "Zhu Yiming"
    """
    with analyst_for(db) as analyst:
        answer = analyst.entity(name, limit=limit)
    if as_json:
        print_json(as_data(answer))
        return
    e = answer.entity
    zh = f" {escape(e.name_zh)}" if e.name_zh and e.name_zh != e.name else ""
    out.print(f"[bold]{escape(e.name)}[/]{zh} ({e.id}) {e.type} {e.kind} {', '.join(e.segments)}", highlight=False)
    table = Table("relation", "with", "evidence")
    for relation in answer.relations:
        other = relation.tail_name if relation.head_id == e.id else relation.head_name
        sentence = next((ev.sentence for ev in answer.evidence.get(relation.id, [])), "")
        table.add_row(relation.type + (f" ({relation.title})" if relation.title else ""), other, sentence[:160])
    out.print(table)


def path(source: Annotated[str, typer.Argument(help="From this entity...")],
         target: Annotated[str, typer.Argument(help="...to this one.")], db: Db = None, as_json: Json = False) -> None:
    """How two entities are connected, hop by hop, with the evidence of each hop.

    Example: chipmap path "Zhu Yiming" GigaDevice
    """
    with analyst_for(db) as analyst:
        answer = analyst.path(source, target)
    if as_json:
        print_json(as_data(answer))
        return
    found = answer.connection
    if not found.found:
        out.print(f"no connection between {found.source.name} and {found.target.name}", highlight=False)
        raise typer.Exit(1)
    for hop in found.hops:
        sentence = next((e.sentence for e in answer.evidence.get(hop.relation.id, [])), "")
        out.print(f"{hop.source.name} —[{hop.relation.type}]→ {hop.target.name}\n    “{sentence}”",
                  highlight=False, markup=False)


def search(query: Annotated[str, typer.Argument(help="Words to look for.")], db: Db = None, as_json: Json = False,
           limit: Limit = 20) -> None:
    """Entities and articles matching a query.

    Example: chipmap search "memory"
    """
    with analyst_for(db) as analyst:
        hits = analyst.search(query, limit=limit)
    if as_json:
        print_json(as_data(hits))
        return
    table = Table("kind", "id", "title", "snippet")
    for hit in hits:
        table.add_row(hit.kind, hit.id, hit.title, hit.snippet[:100])
    out.print(table)
    if not hits:
        raise typer.Exit(1)


def export(fmt: Annotated[str, typer.Option("--format", help="csv, json, graphml or neo4j")] = "json",
           out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write the files into "
                                                        "(default: JSON and GraphML to stdout).")] = None,
           db: Db = None, as_json: Json = False) -> None:
    """The whole graph for other tools (Neo4j: files for neo4j-admin database import).

    Example: chipmap export --format graphml --out export/
    """
    from chipmap.analyze.export import FORMATS
    from chipmap.analyze.export import export as export_graph

    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    with analyst_for(db) as analyst:
        files = export_graph(analyst.index().snapshot, fmt)
    if out_dir is None:
        if len(files) > 1:
            fail(f"--format {fmt} writes {len(files)} files: give --out FOLDER")
        import sys

        sys.stdout.write(next(iter(files.values())))
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for file_name, text in files.items():
        (out_dir / file_name).write_text(text, encoding="utf-8")
    written = [str(out_dir / n) for n in files]
    if as_json:
        print_json({"files": written})
    else:
        out.print("wrote " + ", ".join(written), highlight=False)


def register(app: typer.Typer) -> None:
    for command in (cluster, gaps, locate, compare, timeline, entity, path, search, export):
        app.command()(command)
