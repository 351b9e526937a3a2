"""Projects in a brief: read from whatever the Analyst offers, grouped signed / started / in production.

The graph learns projects on another branch; until the Analyst has them this
module keeps the brief honest ("no project data") instead of guessing. The
contract is small and duck-typed so the lead can wire it without touching the
report: ``Analyst.projects(cluster_id)`` returns records (dataclasses, objects
or dicts) with some of

    name, status, date, amount ({value, currency, text} or a number),
    parties (names or entity references), place, facility,
    article_ids and/or relation_ids (what to cite)

``status`` follows ../shared/eval/SCHEMA.md: planned and signed count as
*signed*; construction and completed as *started*; production as *in production*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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


def _get(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)


def _name_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    return str(_get(value, "name", "") or _get(value, "id", "") or "")


def _date(value: Any) -> dt.date | None:
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


def project_row(record: Any) -> ProjectRow:
    """A project record of any shape the Analyst returns, as a row (missing fields stay empty)."""
    amount = _get(record, "amount")
    value: float | None = None
    currency = str(_get(record, "currency", "") or "")
    text = ""
    if isinstance(amount, int | float):
        value = float(amount)
    elif amount is not None:
        raw = _get(amount, "value")
        value = float(raw) if isinstance(raw, int | float) else None
        currency = str(_get(amount, "currency", currency) or currency)
        text = str(_get(amount, "text", "") or "")
    status = str(_get(record, "status", "") or "")
    parties = _get(record, "parties", ()) or ()
    return ProjectRow(
        name=str(_get(record, "name", "") or "(unnamed project)"),
        status=status,
        stage=stage_of(status),
        date=_date(_get(record, "date")),
        amount_text=text or format_amount(value, currency),
        amount_value=value,
        currency=currency,
        parties=tuple(n for n in (_name_of(p) for p in parties) if n),
        place=_name_of(_get(record, "place", "") or ""),
        facility=str(_get(record, "facility", "") or ""),
        article_ids=tuple(_get(record, "article_ids", ()) or ()),
        relation_ids=tuple(_get(record, "relation_ids", ()) or ()),
    )


def projects_of(analyst: object, cluster_id: str, *, since: dt.date | None = None) -> list[ProjectRow] | None:
    """The cluster's projects when the Analyst offers them (None: the graph has no project data)."""
    method: Callable[[str], Any] | None = getattr(analyst, "projects", None)
    if not callable(method):
        return None
    found = method(cluster_id)
    records: Iterable[Any] = _get(found, "projects", None) or _get(found, "items", None) or found or ()
    rows = [project_row(r) for r in records]
    if since is not None:
        rows = [r for r in rows if r.date is None or r.date >= since]
    rows.sort(key=lambda r: (list(STAGES).index(r.stage) if r.stage in STAGES else 9,
                             r.date or dt.date.min, r.name))
    return rows
