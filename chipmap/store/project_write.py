"""Writing project reports into the graph: the cross-article merge, and taking an article out;
and the day a position was first reported as past (``relations.former_since``).

A report joins a stored project when they share a party (an entity, or the same name when the
graph has no entity for it) — or, for projects without parties, the same place and facility —
and nothing they state disagrees (``chipmap.project_identity``: places the same or one inside
the other, compatible facilities, the same phase, compatible amounts). Among several fitting
projects the one sharing most parties wins, then the most recently reported. Two reports of
one article never join the same project (the extractor has already told them apart). Every
report keeps its own amount, stages and evidence; the project's summary columns are
recomputed from its reports after each write and each removal.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from chipmap.project_identity import (
    amounts_compatible,
    facilities_compatible,
    phases_compatible,
    stages_consistent,
)
from chipmap.records import Amount
from chipmap.store.models import RelationRow
from chipmap.store.project_models import (
    ProjectCountRow,
    ProjectEvidenceRow,
    ProjectPartyRow,
    ProjectReportRow,
    ProjectRow,
    ProjectStepRow,
)
from chipmap.store.project_rows import ProjectReportRows
from chipmap.vocab import PROJECT_STATUSES

_RANK = {status: rank for rank, status in enumerate(PROJECT_STATUSES)}
#: Facilities from most to least telling, for a project reported with several.
_FACILITY_ORDER = ("fab", "packaging_plant", "rd_center", "headquarters", "fund", "production_base", "other")


def _project_id(article_id: str, index: int, name: str) -> str:
    return "project:" + hashlib.sha1(f"{article_id}|{index}|{name}".encode()).hexdigest()[:20]


def _ancestors(conn: Connection, place_id: str, depth: int = 6) -> set[str]:
    """The places that contain ``place_id`` (its part_of chain)."""
    found: set[str] = set()
    frontier = {place_id}
    for _ in range(depth):
        rows = conn.execute(select(RelationRow.tail_id).where(
            RelationRow.type == "part_of", RelationRow.head_id.in_(sorted(frontier)))).scalars()
        frontier = set(rows) - found - {place_id}
        if not frontier:
            break
        found |= frontier
    return found


def places_compatible(conn: Connection, a: str | None, b: str | None) -> bool:
    """True when either place is unknown, they are one place, or one lies inside the other."""
    if a is None or b is None or a == b:
        return True
    return a in _ancestors(conn, b) or b in _ancestors(conn, a)


def _amount(report: dict[str, Any]) -> Amount | None:
    if report.get("amount_value") is None or not report.get("amount_currency"):
        return None
    return Amount(value=report["amount_value"], currency=report["amount_currency"], text=report.get("amount_text") or "")


def _candidates(conn: Connection, rows: ProjectReportRows) -> dict[str, int]:
    """Stored projects that share a party with the report, with how many parties they share."""
    ids = sorted({p["entity_id"] for p in rows.parties if p["entity_id"]})
    norms = sorted({p["norm"] for p in rows.parties if not p["entity_id"]})
    if not ids and not norms:
        report = rows.report
        if not report["place_id"]:
            return {}
        partyless = select(ProjectPartyRow.project_id)
        query = select(ProjectRow.id).where(ProjectRow.place_id == report["place_id"],
                                            ProjectRow.facility == report["facility"], ProjectRow.id.not_in(partyless))
        return {pid: 0 for pid in conn.execute(query).scalars()}
    clauses = []
    if ids:
        clauses.append(ProjectPartyRow.entity_id.in_(ids))
    if norms:
        clauses.append(ProjectPartyRow.norm.in_(norms))
    shared: dict[str, set[str]] = defaultdict(set)
    for project_id, entity_id, norm in conn.execute(
            select(ProjectPartyRow.project_id, ProjectPartyRow.entity_id, ProjectPartyRow.norm).where(or_(*clauses))):
        shared[project_id].add(entity_id or norm)
    return {pid: len(keys) for pid, keys in shared.items()}


def _fits(conn: Connection, project_id: str, rows: ProjectReportRows) -> bool:
    project = conn.execute(select(ProjectRow).where(ProjectRow.id == project_id)).first()
    if project is None:
        return False
    report = rows.report
    if not phases_compatible(project.phase, report["phase"]):
        return False
    if not facilities_compatible(project.facility, report["facility"]):
        return False
    if not places_compatible(conn, project.place_id, report["place_id"]):
        return False
    if not stages_consistent(_stages(conn, project_id) + _report_stages(rows)):
        return False
    mine = _amount(report)
    if mine is None:
        return True
    stored = [Amount(value=v, currency=c, text=t or "") for v, c, t in conn.execute(
        select(ProjectReportRow.amount_value, ProjectReportRow.amount_currency, ProjectReportRow.amount_text)
        .where(ProjectReportRow.project_id == project_id, ProjectReportRow.amount_value.is_not(None)))]
    return not stored or any(amounts_compatible(mine, other) for other in stored)


def _report_stage(status: str, date: str | None, seen: object) -> tuple[int, str]:
    """A report's stage and when it was reached: the date the text gives, else the report's day
    (a plan is dated by its report: its date is a target, not when it happened)."""
    day = str(seen or "") if status == "planned" or not date else date
    return _RANK.get(status, 0), day


def _report_stages(rows: ProjectReportRows) -> list[tuple[int, str]]:
    report = rows.report
    return [_report_stage(report["status"], report["status_date"], report["seen"])]


def _stages(conn: Connection, project_id: str) -> list[tuple[int, str]]:
    query = select(ProjectReportRow.status, ProjectReportRow.status_date, ProjectReportRow.seen).where(
        ProjectReportRow.project_id == project_id)
    return [_report_stage(row.status, row.status_date, row.seen) for row in conn.execute(query)]


def match_project(conn: Connection, rows: ProjectReportRows, *, exclude: set[str]) -> str | None:
    """The stored project a report describes, or None for a new one (rules in the module doc)."""
    candidates = {pid: n for pid, n in _candidates(conn, rows).items() if pid not in exclude}
    if not candidates:
        return None
    last_seen = {row.id: row.last_seen for row in conn.execute(
        select(ProjectRow.id, ProjectRow.last_seen).where(ProjectRow.id.in_(sorted(candidates))))}
    ordered = sorted(candidates, key=lambda pid: (candidates[pid], str(last_seen.get(pid) or ""), pid), reverse=True)
    return next((pid for pid in ordered if _fits(conn, pid, rows)), None)


def write_projects(conn: Connection, reports: Sequence[ProjectReportRows], counts: Sequence[dict[str, Any]]) -> int:
    """Insert one article's project reports (merged into stored projects where they fit) and
    project counts, on an open transaction; returns how many reports were written."""
    touched: set[str] = set()
    for index, rows in enumerate(reports):
        report = rows.report
        project_id = match_project(conn, rows, exclude=touched)
        if project_id is None:
            project_id = _project_id(report["article_id"], index, report["name"])
            conn.execute(insert(ProjectRow), [{
                "id": project_id, "name": report["name"], "facility": report["facility"], "phase": report["phase"],
                "place_id": report["place_id"], "place_name": report["place_name"], "status": report["status"],
                "status_date": report["status_date"], "first_seen": report["seen"], "last_seen": report["seen"],
                "report_count": 0,
            }])
        inserted = conn.execute(insert(ProjectReportRow).values(project_id=project_id, **report)).inserted_primary_key
        assert inserted is not None
        report_id = inserted[0]
        if rows.parties:
            conn.execute(insert(ProjectPartyRow), [{**p, "report_id": report_id, "project_id": project_id}
                                                   for p in rows.parties])
        if rows.steps:
            conn.execute(insert(ProjectStepRow), [{**s, "report_id": report_id} for s in rows.steps])
        if rows.evidence:
            conn.execute(insert(ProjectEvidenceRow), [{**e, "report_id": report_id} for e in rows.evidence])
        touched.add(project_id)
    if counts:
        conn.execute(insert(ProjectCountRow), list(counts))
    recompute(conn, touched)
    return len(reports)


def _depth(conn: Connection, place_id: str | None) -> int:
    return -1 if place_id is None else len(_ancestors(conn, place_id))


def recompute(conn: Connection, project_ids: Iterable[str]) -> list[str]:
    """Refresh the summary of projects from their reports; delete those with none left.
    Returns the ids deleted."""
    removed: list[str] = []
    for project_id in sorted(set(project_ids)):
        reports = list(conn.execute(select(ProjectReportRow).where(ProjectReportRow.project_id == project_id)
                                    .order_by(ProjectReportRow.seen, ProjectReportRow.id)))
        if not reports:
            conn.execute(delete(ProjectRow).where(ProjectRow.id == project_id))
            removed.append(project_id)
            continue
        steps = list(conn.execute(select(ProjectStepRow.status, ProjectStepRow.date)
                                  .where(ProjectStepRow.report_id.in_([r.id for r in reports]))))
        pool = [(s.status, s.date) for s in steps] + [(r.status, r.status_date) for r in reports]
        status, date = max(pool, key=lambda s: (_RANK.get(s[0], 0), s[1] or ""))
        facility = min((r.facility for r in reports), key=lambda f: _FACILITY_ORDER.index(f)
                       if f in _FACILITY_ORDER else len(_FACILITY_ORDER))
        placed = [r for r in reports if r.place_id or r.place_name]
        place = max(placed, key=lambda r: _depth(conn, r.place_id)) if placed else None
        seen = [r.seen for r in reports if r.seen]
        conn.execute(update(ProjectRow).where(ProjectRow.id == project_id).values(
            status=status, status_date=date, facility=facility,
            phase=next((r.phase for r in reports if r.phase), None),
            place_id=place.place_id if place else None, place_name=place.place_name if place else None,
            first_seen=min(seen) if seen else None, last_seen=max(seen) if seen else None,
            report_count=len(reports), name=reports[0].name))
    return removed


def drop_article_projects(conn: Connection, article_id: str) -> list[str]:
    """Take one article's project reports and counts out; projects left without reports go.
    Returns the ids of the projects removed."""
    project_ids = set(conn.execute(select(ProjectReportRow.project_id).distinct()
                                   .where(ProjectReportRow.article_id == article_id)).scalars())
    report_ids = list(conn.execute(select(ProjectReportRow.id).where(ProjectReportRow.article_id == article_id))
                      .scalars())
    if report_ids:
        for model in (ProjectPartyRow, ProjectStepRow, ProjectEvidenceRow):
            conn.execute(delete(model).where(model.report_id.in_(report_ids)))
        conn.execute(delete(ProjectReportRow).where(ProjectReportRow.id.in_(report_ids)))
    conn.execute(delete(ProjectCountRow).where(ProjectCountRow.article_id == article_id))
    return recompute(conn, project_ids)


def mark_former(conn: Connection, relations: Sequence[dict[str, Any]]) -> None:
    """Positions an article reports as past: keep the earliest day the news said so
    (``insert_ignore`` leaves a stored relation's row as it was)."""
    for row in relations:
        day = row.get("former_since")
        if day is None:
            continue
        conn.execute(update(RelationRow).where(
            RelationRow.id == row["id"], or_(RelationRow.former_since.is_(None), RelationRow.former_since > day))
            .values(former_since=day))
