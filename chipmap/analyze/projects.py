"""Investment projects of a cluster: what was signed, started and switched on, for how much.

A project belongs to a cluster when its place lies in the cluster's area (the place and every
place inside it); a project whose reports name no place belongs to the clusters its parties
are located in (``located_by="party"``). Amounts are never averaged: a project reported with
different figures shows their range, each figure with its article. Investment totals are kept
per currency; next to them is a CNY equivalent computed with the dated rate table of
``chipmap.currency`` (a low and a high sum when projects carry ranges). Totals by year use
the year of a project's first dated stage (its signing or announcement, else its first
report); totals by segment count a project once in each chain segment of its parties (a fab
without a known party counts as manufacturing), so segment totals can add up to more than
the cluster total.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chipmap.analyze.index import GraphIndex
from chipmap.analyze.refs import ArticleRef, EntityRef, article_ref, entity_ref
from chipmap.currency import RATES_DATE, RATES_SOURCE, to_cny
from chipmap.graph_records import (
    ProjectAmountRecord,
    ProjectCountRecord,
    ProjectRecord,
    ProjectStepRecord,
    Snapshot,
)
from chipmap.vocab import PROJECT_STATUSES

_RANK = {status: rank for rank, status in enumerate(PROJECT_STATUSES)}
_FACILITY_SEGMENT = {"fab": "manufacturing", "packaging_plant": "packaging_testing"}


@dataclass(frozen=True, slots=True)
class AmountRange:
    """The figures reported for one project in one currency: their range, never an average."""

    currency: str
    low: float
    high: float
    cny_low: float | None
    cny_high: float | None
    figures: tuple[ProjectAmountRecord, ...]


@dataclass(frozen=True, slots=True)
class ProjectParty:
    """A party: an entity reference when the graph has it, else the name as reported."""

    name: str
    entity: EntityRef | None


@dataclass(frozen=True, slots=True)
class ProjectItem:
    """One project as an answer shows it."""

    id: str
    name: str
    facility: str
    status: str
    date: str | None
    place: EntityRef | None
    place_name: str | None
    located_by: str  # "place" | "party"
    phase: str | None
    parties: tuple[ProjectParty, ...]
    segments: tuple[str, ...]
    amounts: tuple[AmountRange, ...]
    history: tuple[ProjectStepRecord, ...]
    sources: tuple[ArticleRef, ...]
    year: int | None
    evidence: dict[str, tuple[str, ...]]  # field -> sentences


@dataclass(frozen=True, slots=True)
class Total:
    """Projects and investment of one group (a year, a status or a segment)."""

    key: str
    projects: int
    with_amount: int
    by_currency: dict[str, tuple[float, float]]  # currency -> (low, high)
    cny_low: float
    cny_high: float


@dataclass(frozen=True, slots=True)
class InvestmentTotals:
    """Project counts and investment by year, status and segment, with the rates used."""

    overall: Total
    by_year: tuple[Total, ...]
    by_status: tuple[Total, ...]
    by_segment: tuple[Total, ...]
    rates_date: str = RATES_DATE
    rates_source: str = RATES_SOURCE


@dataclass(frozen=True, slots=True)
class ClusterProjects:
    """The projects of a cluster (filtered), their totals, and the bare counts reported there."""

    cluster: EntityRef
    projects: tuple[ProjectItem, ...]
    total: int
    totals: InvestmentTotals
    counts: tuple[ProjectCountRecord, ...]
    since: dt.date | None = None
    status: str | None = None


def step_day(step: ProjectStepRecord) -> dt.date | None:
    """The day a stage happened, as precisely as known: "2019-12" -> 2019-12-01, no date -> the
    article's publication day."""
    if step.date:
        parts = [int(p) for p in step.date.split("-")[:3]]
        try:
            return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            return None
    return step.published


def project_year(project: ProjectRecord) -> int | None:
    """The year of a project's first dated stage, else of its first report."""
    days = [d for d in (step_day(s) for s in project.history if s.date) if d]
    if days:
        return min(days).year
    return project.first_seen.year if project.first_seen else None


def amount_ranges(project: ProjectRecord) -> tuple[AmountRange, ...]:
    """The project's figures grouped by currency, each group as its range."""
    groups: dict[str, list[ProjectAmountRecord]] = defaultdict(list)
    for figure in project.amounts:
        groups[figure.currency].append(figure)
    out = []
    for currency, figures in sorted(groups.items()):
        low, high = min(f.value for f in figures), max(f.value for f in figures)
        out.append(AmountRange(currency, low, high, to_cny(low, currency), to_cny(high, currency), tuple(figures)))
    return tuple(out)


def _cny_range(ranges: Sequence[AmountRange]) -> tuple[float, float] | None:
    """One project's CNY range: the currency with most figures stands for it (figures in two
    currencies are usually one figure and its conversion)."""
    usable = [r for r in ranges if r.cny_low is not None and r.cny_high is not None]
    if not usable:
        return None
    best = max(usable, key=lambda r: (len(r.figures), r.currency == "CNY"))
    assert best.cny_low is not None and best.cny_high is not None
    return best.cny_low, best.cny_high


def project_segments(index: GraphIndex, project: ProjectRecord) -> tuple[str, ...]:
    """The chain segments of a project's parties (a fab or packaging plant says so itself)."""
    found: list[str] = []
    for party in project.parties:
        if party.entity_id:
            found.extend(index.segments(party.entity_id))
    if not found and project.facility in _FACILITY_SEGMENT:
        found.append(_FACILITY_SEGMENT[project.facility])
    return tuple(dict.fromkeys(found))


def projects_in(index: GraphIndex, cluster_id: str) -> list[tuple[ProjectRecord, str]]:
    """Projects located in a cluster's area, and those without a place whose parties are there."""
    area = index.area(cluster_id)
    members = set(index.orgs_in(area)) | set(area.member_orgs)
    out = []
    for project in index.snapshot.projects:
        if project.place_id and project.place_id in area.places:
            out.append((project, "place"))
        elif project.place_id is None and any(p.entity_id in members for p in project.parties if p.entity_id):
            out.append((project, "party"))
    return out


def project_item(index: GraphIndex, project: ProjectRecord, located_by: str = "place") -> ProjectItem:
    """A project with its references resolved against the snapshot."""
    articles = index.snapshot.articles
    sources = sorted((articles[a] for a in project.article_ids if a in articles),
                     key=lambda a: (a.published or dt.date.min, a.id))
    evidence: dict[str, list[str]] = defaultdict(list)
    for ev in project.evidence:
        if ev.sentence not in evidence[ev.field]:
            evidence[ev.field].append(ev.sentence)
    return ProjectItem(
        id=project.id, name=project.name, facility=project.facility, status=project.status, date=project.date,
        place=entity_ref(index, project.place_id) if project.place_id else None, place_name=project.place_name,
        located_by=located_by, phase=project.phase,
        parties=tuple(ProjectParty(p.name, entity_ref(index, p.entity_id) if p.entity_id else None)
                      for p in project.parties),
        segments=project_segments(index, project), amounts=amount_ranges(project), history=project.history,
        sources=tuple(article_ref(a) for a in sources), year=project_year(project),
        evidence={k: tuple(v) for k, v in evidence.items()},
    )


def _active_since(project: ProjectRecord, since: dt.date) -> bool:
    days = [d for d in (step_day(s) for s in project.history) if d]
    latest = max(days, default=None)
    return (latest is not None and latest >= since) or (project.last_seen is not None and project.last_seen >= since)


def _total(key: str, items: Iterable[ProjectItem]) -> Total:
    items = list(items)
    by_currency: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    cny_low = cny_high = 0.0
    with_amount = 0
    for item in items:
        if not item.amounts:
            continue
        with_amount += 1
        for r in item.amounts:
            by_currency[r.currency][0] += r.low
            by_currency[r.currency][1] += r.high
        cny = _cny_range(item.amounts)
        if cny:
            cny_low += cny[0]
            cny_high += cny[1]
    return Total(key, len(items), with_amount, {c: (v[0], v[1]) for c, v in sorted(by_currency.items())},
                 round(cny_low, 2), round(cny_high, 2))


def investment_totals(items: Sequence[ProjectItem]) -> InvestmentTotals:
    """Counts and investment of the projects by year, status and segment."""
    years: dict[str, list[ProjectItem]] = defaultdict(list)
    statuses: dict[str, list[ProjectItem]] = defaultdict(list)
    segments: dict[str, list[ProjectItem]] = defaultdict(list)
    for item in items:
        years[str(item.year) if item.year else "unknown"].append(item)
        statuses[item.status].append(item)
        for segment in item.segments or ("unknown",):
            segments[segment].append(item)
    return InvestmentTotals(
        overall=_total("all", items),
        by_year=tuple(_total(k, v) for k, v in sorted(years.items())),
        by_status=tuple(_total(k, statuses[k]) for k in PROJECT_STATUSES if k in statuses),
        by_segment=tuple(_total(k, v) for k, v in sorted(segments.items())),
    )


def cluster_projects(index: GraphIndex, cluster_id: str, *, since: dt.date | None = None,
                     status: str | None = None, limit: int = 200) -> ClusterProjects:
    """The projects of a cluster, latest first, with totals over all of them that pass the filters."""
    found = [(p, how) for p, how in projects_in(index, cluster_id)
             if (status is None or p.status == status) and (since is None or _active_since(p, since))]
    items = [project_item(index, p, how) for p, how in found]
    items.sort(key=lambda i: (max((d for d in (step_day(s) for s in i.history) if d), default=dt.date.min),
                              _RANK.get(i.status, 0), i.id), reverse=True)
    area = index.area(cluster_id).places
    counts = tuple(c for c in index.snapshot.project_counts if c.place_id in area)
    return ClusterProjects(entity_ref(index, cluster_id), tuple(items[:limit]), len(items), investment_totals(items),
                           counts, since, status)


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """The project figures a cluster profile and a comparison show."""

    total: int
    by_status: dict[str, int]
    totals: InvestmentTotals
    reported_counts: int  # sum of bare counts reported in the area ("22 projects were signed")


def project_summary(index: GraphIndex, cluster_id: str) -> ProjectSummary:
    """How many projects a cluster has, by status, and its investment totals."""
    items = [project_item(index, p, how) for p, how in projects_in(index, cluster_id)]
    by_status: dict[str, int] = defaultdict(int)
    for item in items:
        by_status[item.status] += 1
    area = index.area(cluster_id).places
    reported = sum(c.count for c in index.snapshot.project_counts if c.place_id in area)
    return ProjectSummary(len(items), {k: by_status[k] for k in PROJECT_STATUSES if k in by_status},
                          investment_totals(items), reported)


def projects_as_of(snapshot: Snapshot, day: dt.date, article_ids: set[str]) -> list[ProjectRecord]:
    """The projects as the news stood on ``day``: only reports from articles of that day or
    before, and the stage the latest of them had reached."""
    out = []
    for project in snapshot.projects:
        kept = tuple(a for a in project.article_ids if a in article_ids)
        if not kept:
            continue
        history = tuple(s for s in project.history if s.article_id in kept
                        and (step_day(s) is None or step_day(s) <= day))  # type: ignore[operator]
        amounts = tuple(a for a in project.amounts if a.article_id in kept)
        best = max(history, key=lambda s: (_RANK.get(s.status, 0), s.date or ""), default=None)
        out.append(dataclasses.replace(
            project, article_ids=kept, history=history, amounts=amounts,
            status=best.status if best else project.status, date=best.date if best else None,
            evidence=tuple(e for e in project.evidence if e.article_id in kept),
            last_seen=min(project.last_seen or day, day)))
    return out


def project_steps(index: GraphIndex, members: set[str]) -> list[tuple[dt.date, str, tuple[str, ...],
                                                                       tuple[ArticleRef, ...]]]:
    """Every dated stage of the projects placed in ``members`` or with a member as a party:
    (day, "<project>: <status>", entity ids involved, the article that reports it)."""
    articles = index.snapshot.articles
    out: list[tuple[dt.date, str, tuple[str, ...], tuple[ArticleRef, ...]]] = []
    for project in index.snapshot.projects:
        party_ids = {p.entity_id for p in project.parties if p.entity_id}
        if project.place_id not in members and not party_ids & members:
            continue
        involved = tuple(sorted(party_ids | ({project.place_id} if project.place_id else set())))
        seen: set[tuple[str, dt.date]] = set()
        for step in project.history:
            day = step_day(step)
            if day is None or (step.status, day) in seen:
                continue
            seen.add((step.status, day))
            source = articles.get(step.article_id)
            out.append((day, f"{project.name}: {step.status}", involved,
                        (article_ref(source),) if source else ()))
    return out


def format_money(value: float, currency: str) -> str:
    """A figure for people: "CNY 12.5 bn", "USD 300 m"."""
    for size, word in ((1e9, "bn"), (1e6, "m")):
        if value >= size:
            return f"{currency} {value / size:,.3g} {word}"
    return f"{currency} {value:,.0f}"


def format_amounts(ranges: Sequence[AmountRange]) -> str:
    """Each currency's figure, or its range when articles differ (never an average)."""
    return "; ".join(format_money(r.low, r.currency) if r.low == r.high
                     else f"{format_money(r.low, r.currency)} – {format_money(r.high, r.currency)}" for r in ranges)
