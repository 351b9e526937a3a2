"""Projects in a brief: the cluster's investment projects (``Analyst.projects``), grouped
signed / started / in production, each citing the articles that report it.

``status`` follows ../shared/eval/SCHEMA.md: planned and signed count as *signed*;
construction and completed as *started*; production as *in production*. An amount
reported differently by two articles is shown as the range the graph keeps, never an
average. A graph with no projects in the cluster makes the brief say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chipmap.analyze.projects import ProjectItem
    from chipmap.analyze.service import Analyst

#: The three stages a brief reports, with the statuses each gathers.
STAGES: dict[str, tuple[str, ...]] = {
    "signed": ("planned", "announced", "signed"),
    "started": ("construction", "started", "completed"),
    "production": ("production", "operating", "in_production"),
}
STAGE_LABELS: dict[str, str] = {"signed": "Signed", "started": "Started", "production": "In production"}


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One project as a brief shows it."""

    name: str
    status: str
    stage: str  # signed | started | production | other
    date: dt.date | None
    amount_text: str
    amount_value: float | None
    currency: str
    parties: tuple[str, ...]
    place: str
    facility: str
    article_ids: tuple[str, ...]
    relation_ids: tuple[str, ...]
    project_id: str = ""  # the graph's project id, stable across rounds and rebuilds


def _date(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def format_amount(value: float | None, currency: str) -> str:
    """A readable amount: 5 billion CNY, 320 million USD."""
    if value is None:
        return ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word} {currency}".strip()
    return f"{value:,.0f} {currency}".strip()


def stage_of(status: str) -> str:
    """The brief's stage for a project status."""
    key = status.strip().lower().replace(" ", "_")
    for stage, statuses in STAGES.items():
        if key in statuses:
            return stage
    return "other"


def project_row(item: ProjectItem) -> ProjectRow:
    """One project of ``Analyst.projects`` as the brief shows it."""
    first = item.amounts[0] if item.amounts else None
    if first is None:
        text, value, currency = "", None, ""
    elif first.low == first.high:
        text, value, currency = format_amount(first.low, first.currency), first.low, first.currency
    else:  # two articles gave two figures: the range, with its currency
        low, high = format_amount(first.low, first.currency), format_amount(first.high, first.currency)
        text, value, currency = f"{low} – {high}", first.low, first.currency
    return ProjectRow(
        name=item.name or "(unnamed project)",
        status=item.status,
        stage=stage_of(item.status),
        date=_date(item.date),
        amount_text=text,
        amount_value=value,
        currency=currency,
        parties=tuple(p.name for p in item.parties if p.name),
        place=item.place.name if item.place is not None else (item.place_name or ""),
        facility=item.facility,
        article_ids=tuple(a.id for a in item.sources),
        relation_ids=(),
        project_id=item.id,
    )


def projects_of(analyst: Analyst, cluster_id: str, *, since: dt.date | None = None) -> list[ProjectRow]:
    """The cluster's projects, brief-ready, stage by stage (empty: the graph reports none)."""
    found = analyst.projects(cluster_id, since=since)
    rows = [project_row(item) for item in found.projects]
    rows.sort(key=lambda r: (list(STAGES).index(r.stage) if r.stage in STAGES else 9,
                             r.date or dt.date.min, r.name))
    return rows
