"""``chipmap projects`` and ``chipmap holders``: investment projects of a cluster, and who holds a post.

Each resolves names through the graph, asks the Analyst, and prints a Rich table on a
terminal or JSON with ``--json``. Unknown names exit 1 with suggestions.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chipmap.analyze.projects import ClusterProjects, Total, format_amounts, format_money
from chipmap.cli.common import DbOption, out, print_json
from chipmap.cli.query import analyst_for, as_data, parse_day
from chipmap.vocab import PROJECT_STATUSES

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def total_text(total: Total) -> str:
    """A total per currency, with its CNY equivalent."""
    per = ", ".join(format_money(lo, c) if lo == hi else f"{format_money(lo, c)} – {format_money(hi, c)}"
                    for c, (lo, hi) in total.by_currency.items())
    cny = format_money(total.cny_low, "CNY") if total.cny_low == total.cny_high else \
        f"{format_money(total.cny_low, 'CNY')} – {format_money(total.cny_high, 'CNY')}"
    return f"{per} (≈ {cny})" if per else "—"


def _print(answer: ClusterProjects) -> None:
    out.print(f"[bold]{escape(answer.cluster.name)}[/] ({answer.cluster.id}): {answer.total} projects",
              highlight=False)
    table = Table("project", "parties", "place", "facility", "amount", "status", "history")
    for item in answer.projects:
        history = " → ".join(f"{s.status} {s.date or (s.published.isoformat() if s.published else '')}".strip()
                             for s in item.history)
        table.add_row(item.name, ", ".join(p.name for p in item.parties), item.place_name or "", item.facility,
                      format_amounts(item.amounts), item.status + (f" ({item.date})" if item.date else ""), history)
    out.print(table)
    totals = Table("year", "projects", "investment")
    for total in answer.totals.by_year:
        totals.add_row(total.key, str(total.projects), total_text(total))
    out.print(totals)
    out.print(f"CNY equivalents at {answer.totals.rates_source} ({answer.totals.rates_date}).", highlight=False)


def projects(name: Annotated[str, typer.Argument(help="A place or park: name, alias or id.")],
             since: Annotated[str | None, typer.Option(help="Projects with a stage on or after YYYY-MM-DD.")] = None,
             status: Annotated[str | None, typer.Option(help=f"Latest status: {', '.join(PROJECT_STATUSES)}.")] = None,
             as_of: Annotated[str | None, typer.Option("--as-of", help="As the news stood that day.")] = None,
             db: DbOption = None, as_json: Json = False) -> None:
    """Investment projects located in a cluster and its sub-places: parties, amount, latest status,
    every stage with its date and the sentences that say so, and totals by year, status and segment.

    Example: chipmap projects Shanghai --since 2020-01-01 --status production --json
    """
    start, day = parse_day(since, "--since"), parse_day(as_of, "--as-of")
    with analyst_for(db) as analyst:
        answer = analyst.projects(name, since=start, status=status, day=day)
    if as_json:
        print_json(as_data(answer))
        return
    _print(answer)


def holders(body: Annotated[str, typer.Argument(help="An organisation or place: name, alias or id.")],
            title: Annotated[str | None, typer.Option(help="Only this post, e.g. chairman.")] = None,
            as_of: Annotated[str | None, typer.Option("--as-of", help="Who held it that day (YYYY-MM-DD).")] = None,
            db: DbOption = None, as_json: Json = False) -> None:
    """Who holds posts at a body on a day: a later appointment ends the earlier holder's tenure.

    Example: chipmap holders SMIC --title chairman --as-of 2021-06-30
    """
    day = parse_day(as_of, "--as-of")
    with analyst_for(db) as analyst:
        found = analyst.holders(body, title=title, day=day)
        names = {t.person_id: analyst.index().name(t.person_id) for t in found}
    if as_json:
        print_json([{**as_data(t), "person_name": names[t.person_id]} for t in found])
        return
    table = Table("person", "post", "since", "until")
    for tenure in found:
        table.add_row(names[tenure.person_id], tenure.title or "", str(tenure.start or ""), str(tenure.end or ""))
    out.print(table)


def register(app: typer.Typer) -> None:
    for command in (projects, holders):
        app.command()(command)
