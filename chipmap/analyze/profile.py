"""The profile of a cluster: who is there, in which segment, on what evidence, and who leads.

Leading organisations are ranked by

    lead = ln(1 + articles) + 0.5 * ln(1 + evidence) + 1.0 * atlas

where ``articles`` is the number of articles that mention the organisation,
``evidence`` the number of evidence sentences over all its relations, and
``atlas`` is 1 when the curated atlas places it in the cluster (headquarters or
site). News volume dominates; the atlas term keeps well-documented firms that
the news happens not to cover from vanishing.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from dataclasses import dataclass

from chipmap.analyze.coverage import Coverage, coverage_from_counts, segment_counts
from chipmap.analyze.index import Area, GraphIndex
from chipmap.analyze.projects import ProjectSummary, project_summary
from chipmap.analyze.refs import (
    ArticleRef,
    EntityRef,
    RelationRef,
    entity_ref,
    newest_articles,
    relation_ref,
)
from chipmap.graph_records import RelationRecord
from chipmap.vocab import SEGMENT_LABELS, SEGMENTS


@dataclass(frozen=True, slots=True)
class ClusterOrg:
    """An organisation of a cluster with the relations that put it there and in its segments."""

    id: str
    name: str
    kind: str
    segments: tuple[str, ...]
    lead_score: float
    article_count: int
    evidence_count: int
    located: tuple[RelationRef, ...]  # located_in relations into the cluster
    segment_relations: tuple[str, ...]  # operates_in relation ids


@dataclass(frozen=True, slots=True)
class SegmentGroup:
    """The organisations of one segment, strongest first."""

    segment: str
    label: str
    org_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClusterPerson:
    """Someone holding a position at a body of the cluster."""

    id: str
    name: str
    title: str | None
    body: EntityRef
    relation_id: str
    former: bool = False  # reported as a past position, or ended by a later appointment (as-of views)


@dataclass(frozen=True, slots=True)
class ClusterEvent:
    """An event tied to the cluster by a relation."""

    id: str
    name: str
    date: str | None
    relation_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClusterProfile:
    """Everything the graph says about one cluster."""

    cluster: EntityRef
    places: tuple[EntityRef, ...]
    organizations: tuple[ClusterOrg, ...]  # the strongest, overall and per segment
    organization_total: int
    by_segment: tuple[SegmentGroup, ...]
    leaders: tuple[str, ...]
    people: tuple[ClusterPerson, ...]
    people_total: int
    events: tuple[ClusterEvent, ...]
    recent_articles: tuple[ArticleRef, ...]
    article_total: int
    coverage: Coverage  # over every organisation
    projects: ProjectSummary | None = None  # investment projects located in the cluster


_DAY_ZERO = dt.date.min


def lead_score(index: GraphIndex, org_id: str, located: list[RelationRecord]) -> float:
    """The leading-organisation score (see the module docstring)."""
    entity = index.entity(org_id)
    articles = max(entity.article_count if entity else 0, len(index.entity_articles.get(org_id, ())))
    evidence = index.evidence_total.get(org_id, 0)
    atlas = 1.0 if any(r.from_atlas for r in located) else 0.0
    return round(math.log1p(articles) + 0.5 * math.log1p(evidence) + atlas, 3)


def _cluster_org(index: GraphIndex, org_id: str, located: list[RelationRecord], score: float) -> ClusterOrg:
    entity = index.entity(org_id)
    segments = index.segments(org_id)
    return ClusterOrg(
        id=org_id,
        name=entity.name if entity else org_id,
        kind=entity.kind if entity else "",
        segments=tuple(segments),
        lead_score=score,
        article_count=max(entity.article_count if entity else 0, len(index.entity_articles.get(org_id, ()))),
        evidence_count=index.evidence_total.get(org_id, 0),
        located=tuple(relation_ref(index, r) for r in located),
        segment_relations=tuple(rid for s in segments for rid in index.org_segments.get(org_id, {}).get(s, ())),
    )


def ranked_orgs(index: GraphIndex, area: Area) -> list[tuple[str, float]]:
    """Every organisation of an area with its lead score, strongest first."""
    members = index.orgs_in(area)
    ranked = [(org_id, lead_score(index, org_id, located)) for org_id, located in members.items()]
    ranked.sort(key=lambda pair: (-pair[1], index.name(pair[0]), pair[0]))
    return ranked


def cluster_orgs(index: GraphIndex, area: Area) -> list[ClusterOrg]:
    """Every organisation of an area, strongest first (unbounded; the profile keeps the top ones)."""
    members = index.orgs_in(area)
    return [_cluster_org(index, o, members[o], score) for o, score in ranked_orgs(index, area)]


def cluster_people(index: GraphIndex, bodies: set[str], *, limit: int = 100) -> tuple[list[ClusterPerson], int]:
    """People holding positions at the bodies (orgs or places): best supported first, and how many."""
    positions = [r for body in bodies for r in index.by_tail.get(body, ()) if r.type == "holds_position"]
    best = heapq.nlargest(limit, positions, key=lambda r: (r.evidence_count, r.last_seen or _DAY_ZERO, r.id))
    people: list[ClusterPerson] = []
    for relation in best:
        person = index.entity(relation.head_id)
        people.append(ClusterPerson(
            id=relation.head_id,
            name=person.name if person else relation.head_name or relation.head_id,
            title=relation.title,
            body=entity_ref(index, relation.tail_id),
            relation_id=relation.id,
            former=relation.former,
        ))
    return people, len({r.head_id for r in positions})


def cluster_events(index: GraphIndex, members: set[str], *, limit: int = 50) -> list[ClusterEvent]:
    """Events linked by any relation to a member of the cluster, newest first."""
    found: dict[str, set[str]] = {}
    for member in members:
        for event_id, relation_id in index.event_links.get(member, ()):
            ids = found.setdefault(event_id, set())
            if relation_id:
                ids.add(relation_id)
    events = []
    for event_id, relation_ids in found.items():
        entity = index.entity(event_id)
        name = entity.name if entity else event_id
        date = entity.date.isoformat() if entity and entity.date else None
        events.append(ClusterEvent(event_id, name, date, tuple(sorted(relation_ids))))
    events.sort(key=lambda e: (e.date or "", e.name), reverse=True)
    return events[:limit]


def cluster_profile(index: GraphIndex, cluster_id: str, *, articles: int = 10, limit: int = 100) -> ClusterProfile:
    """The profile of a place (with all places inside it) or of a park organisation.

    Counts and coverage use every organisation; the lists keep the ``limit``
    strongest overall and per segment, so a cluster of thousands of firms still
    answers in milliseconds.
    """
    area = index.area(cluster_id)
    members = index.orgs_in(area)
    ranked = ranked_orgs(index, area)
    scores = dict(ranked)
    by_segment: dict[str, list[str]] = {s: [] for s in SEGMENTS}
    for org_id, _ in ranked:
        for segment in index.segments(org_id):
            if len(by_segment[segment]) < limit:
                by_segment[segment].append(org_id)
    shown = dict.fromkeys([o for o, _ in ranked[:limit]] + [o for ids in by_segment.values() for o in ids])
    orgs = [_cluster_org(index, o, members[o], scores[o]) for o in shown]
    orgs.sort(key=lambda o: (-o.lead_score, o.name, o.id))
    bodies = set(area.places) | set(members) | {cluster_id}
    places = sorted((entity_ref(index, p) for p in area.places if p != cluster_id), key=lambda r: r.name)
    people, people_total = cluster_people(index, bodies, limit=limit)
    article_ids: set[str] = set()
    for body in bodies:
        article_ids |= index.entity_articles.get(body, set())
    return ClusterProfile(
        cluster=entity_ref(index, cluster_id),
        places=tuple(places),
        organizations=tuple(orgs),
        organization_total=len(members),
        by_segment=tuple(SegmentGroup(s, SEGMENT_LABELS[s], tuple(by_segment[s])) for s in SEGMENTS),
        leaders=tuple(o for o, _ in ranked[:10]),
        people=tuple(people),
        people_total=people_total,
        events=tuple(cluster_events(index, bodies | {p.id for p in people})),
        recent_articles=tuple(newest_articles(index, article_ids, limit=articles)),
        article_total=len(article_ids),
        coverage=coverage_from_counts(segment_counts(index, members)),
        projects=project_summary(index, cluster_id),
    )
