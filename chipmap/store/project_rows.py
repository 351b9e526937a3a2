"""What one article adds to the project tables, as rows: a pure function, no database.

Parties and places are resolved to the entity ids the article's other rows use (a party the
resolver has no entity for keeps its name). Which stored project a report belongs to is
decided at write time (``chipmap.store.project_write``), since it depends on the graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chipmap.records import Article, ArticleExtraction, Evidence, Project
from chipmap.resolve import ArticleResolution, name_key


@dataclass
class ProjectReportRows:
    """One project as one article reports it: the report and its parties, stages and evidence."""

    report: dict[str, Any]
    parties: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {"sentence": ev.sentence, "start_char": ev.start, "end_char": ev.end}


def _report(article: Article, project: Project, resolution: ArticleResolution, *, seen: dt.date,
            extractor_version: str) -> ProjectReportRows:
    place_id = resolution.entity_for(project.place, ("place", "org")) if project.place else None
    amount = project.amount
    rows = ProjectReportRows(report={
        "article_id": article.id, "name": project.name, "facility": project.facility, "phase": project.phase,
        "status": project.status, "status_date": project.date,
        "amount_value": amount.value if amount else None, "amount_currency": amount.currency if amount else None,
        "amount_text": amount.text if amount else None, "place_id": place_id, "place_name": project.place,
        "confidence": project.confidence, "extractor_version": extractor_version, "seen": seen,
    })
    for name in dict.fromkeys(project.parties):
        key = name_key(name) or name
        rows.parties.append({"entity_id": resolution.entity_for(name, ("org",)), "name": name, "norm": key})
    steps = project.history or []
    seen_steps: set[tuple[str, str | None, int]] = set()
    for step in steps:
        ev = step.evidence[0] if step.evidence else (project.evidence[0] if project.evidence else None)
        if ev is None or (step.status, step.date, ev.start) in seen_steps:
            continue
        seen_steps.add((step.status, step.date, ev.start))
        rows.steps.append({"status": step.status, "date": step.date, **_evidence(ev)})
    if not rows.steps and project.evidence:
        rows.steps.append({"status": project.status, "date": project.date, **_evidence(project.evidence[0])})
    for name, sentences in project.field_evidence.items():
        for ev in sentences[:2]:
            rows.evidence.append({"field": name, **_evidence(ev)})
    return rows


def project_rows(article: Article, extraction: ArticleExtraction, resolution: ArticleResolution, *,
                 seen: dt.date, extractor_version: str) -> tuple[list[ProjectReportRows], list[dict[str, Any]]]:
    """The project reports and project-count rows of one article."""
    reports = [_report(article, p, resolution, seen=seen, extractor_version=extractor_version)
               for p in extraction.projects if p.parties or p.place]
    counts = []
    for count in extraction.project_counts:
        ev = count.evidence[0] if count.evidence else None
        if ev is None:
            continue
        amount = count.amount
        counts.append({
            "article_id": article.id, "count": count.count, "status": count.status,
            "place_id": resolution.entity_for(count.place, ("place", "org")) if count.place else None,
            "place_name": count.place,
            "event_id": resolution.entity_for(count.event, ("event",)) if count.event else None,
            "amount_value": amount.value if amount else None, "amount_currency": amount.currency if amount else None,
            "amount_text": amount.text if amount else None, "seen": seen, **_evidence(ev),
        })
    return reports, counts
