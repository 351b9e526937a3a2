"""Project rows to the read records of ``chipmap.graph_records``, in a few set-based queries.

Every report of a project contributes its stages (with their sentences), its amount (with its
article) and its field evidence; the record's ``status`` and ``date`` are the summary the
writer keeps (the most advanced stage reported). Entity names of parties and places are
taken from the entities table when the party or place is an entity, else as the article wrote it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import Connection

from chipmap.graph_records import (
    ProjectAmountRecord,
    ProjectCountRecord,
    ProjectFieldEvidence,
    ProjectPartyRecord,
    ProjectRecord,
    ProjectStepRecord,
)
from chipmap.store.models import ArticleRow, EntityRow
from chipmap.store.project_models import (
    ProjectCountRow,
    ProjectEvidenceRow,
    ProjectPartyRow,
    ProjectReportRow,
    ProjectRow,
    ProjectStepRow,
)
from chipmap.vocab import PROJECT_STATUSES

_RANK = {status: rank for rank, status in enumerate(PROJECT_STATUSES)}


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def project_records(conn: Connection, ids: Sequence[str] | None = None) -> list[ProjectRecord]:
    """Project records (all, or those with these ids), newest report first."""
    query = select(ProjectRow).order_by(ProjectRow.last_seen.desc(), ProjectRow.id)
    if ids is not None:
        query = query.where(ProjectRow.id.in_(sorted(set(ids))))
    projects = list(conn.execute(query))
    if not projects:
        return []
    wanted = [p.id for p in projects]
    reports = list(conn.execute(
        select(ProjectReportRow, ArticleRow.published.label("published"))
        .join(ArticleRow, ArticleRow.id == ProjectReportRow.article_id)
        .where(ProjectReportRow.project_id.in_(wanted))
        .order_by(ProjectReportRow.seen, ProjectReportRow.id)))
    by_report = {row.id: row for row in reports}
    party_rows = list(conn.execute(select(ProjectPartyRow).where(ProjectPartyRow.project_id.in_(wanted))
                                   .order_by(ProjectPartyRow.id)))
    entity_ids = {p.entity_id for p in party_rows if p.entity_id} | {p.place_id for p in projects if p.place_id}
    names = {row.id: row.name for row in conn.execute(
        select(EntityRow.id, EntityRow.name).where(EntityRow.id.in_(sorted(entity_ids))))}
    parties: dict[str, dict[str, ProjectPartyRecord]] = defaultdict(dict)
    for party in party_rows:
        key = party.entity_id or party.norm
        name = names.get(party.entity_id, party.name) if party.entity_id else party.name
        parties[party.project_id].setdefault(key, ProjectPartyRecord(name, party.entity_id))
    steps: dict[str, list[ProjectStepRecord]] = defaultdict(list)
    for step in conn.execute(select(ProjectStepRow).where(ProjectStepRow.report_id.in_(list(by_report)))):
        owner = by_report[step.report_id]
        steps[owner.project_id].append(ProjectStepRecord(
            status=step.status, date=step.date, article_id=owner.article_id, sentence=step.sentence,
            published=_date(owner.published)))
    evidence: dict[str, list[ProjectFieldEvidence]] = defaultdict(list)
    for ev in conn.execute(select(ProjectEvidenceRow).where(ProjectEvidenceRow.report_id.in_(list(by_report)))
                           .order_by(ProjectEvidenceRow.id)):
        cited = by_report[ev.report_id]
        evidence[cited.project_id].append(ProjectFieldEvidence(ev.field, cited.article_id, ev.sentence))
    amounts: dict[str, list[ProjectAmountRecord]] = defaultdict(list)
    articles: dict[str, list[str]] = defaultdict(list)
    for row in reports:
        report = row
        articles[report.project_id].append(report.article_id)
        if report.amount_value is not None and report.amount_currency:
            sentence = next((e.sentence for e in evidence[report.project_id]
                             if e.field == "amount" and e.article_id == report.article_id), "")
            amounts[report.project_id].append(ProjectAmountRecord(
                report.amount_value, report.amount_currency, report.amount_text or "", report.article_id,
                _date(row.published), sentence))
    out = []
    for project in projects:
        history = sorted(steps[project.id], key=lambda s: (s.date or str(s.published or "9999"), _RANK.get(s.status, 0)))
        out.append(ProjectRecord(
            id=project.id, name=project.name, facility=project.facility, status=project.status,
            date=project.status_date, place_id=project.place_id,
            place_name=names.get(project.place_id, project.place_name) if project.place_id else project.place_name,
            phase=project.phase, parties=tuple(parties[project.id].values()), history=tuple(history),
            amounts=tuple(amounts[project.id]), article_ids=tuple(dict.fromkeys(articles[project.id])),
            first_seen=_date(project.first_seen), last_seen=_date(project.last_seen),
            evidence=tuple(evidence[project.id]),
        ))
    return out


def project_count_records(conn: Connection) -> list[ProjectCountRecord]:
    """Every bare project count, newest first."""
    out = []
    for row in conn.execute(select(ProjectCountRow).order_by(ProjectCountRow.seen.desc(), ProjectCountRow.id)):
        amount = (ProjectAmountRecord(row.amount_value, row.amount_currency, row.amount_text or "", row.article_id)
                  if row.amount_value is not None and row.amount_currency else None)
        out.append(ProjectCountRecord(row.article_id, int(row._mapping["count"]), row.status, row.place_id, row.place_name,
                                      row.event_id, amount, row.sentence, _date(row.seen)))
    return out
