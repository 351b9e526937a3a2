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

import math
from dataclasses import dataclass

from chipmap.analyze.coverage import Coverage, coverage_from_counts, segment_counts
from chipmap.analyze.index import Area, GraphIndex
from chipmap.analyze.refs import (
    ArticleRef,
    EntityRef,
    RelationRef,
    entity_ref,
    recent_articles,
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
    organisations: tuple[ClusterOrg, ...]
    by_segment: tuple[SegmentGroup, ...]
    leaders: tuple[str, ...]
    people: tuple[ClusterPerson, ...]
    events: tuple[ClusterEvent, ...]
    recent_articles: tuple[ArticleRef, ...]
    coverage: Coverage


def lead_score(index: GraphIndex, org_id: str, located: list[RelationRecord]) -> float:
    """The leading-organisation score (see the module docstring)."""
    entity = index.entity(org_id)
    articles = max(entity.article_count if entity else 0, len(index.entity_articles.get(org_id, ())))
    evidence = index.evidence_total.get(org_id, 0)
    atlas = 1.0 if any(r.from_atlas for r in located) else 0.0
    return round(math.log1p(articles) + 0.5 * math.log1p(evidence) + atlas, 3)


def cluster_orgs(index: GraphIndex, area: Area) -> list[ClusterOrg]:
    """The organisations of an area, strongest first."""
    orgs: list[ClusterOrg] = []
    for org_id, located in index.orgs_in(area).items():
        entity = index.entity(org_id)
        segments = index.segments(org_id)
        orgs.append(ClusterOrg(
            id=org_id,
            name=entity.name if entity else org_id,
            kind=entity.kind if entity else "",
            segments=tuple(segments),
            lead_score=lead_score(index, org_id, located),
            article_count=max(entity.article_count if entity else 0,
                              len(index.entity_articles.get(org_id, ()))),
            evidence_count=index.evidence_total.get(org_id, 0),
            located=tuple(relation_ref(index, r) for r in located),
            segment_relations=tuple(
                rid for s in segments for rid in index.org_segments.get(org_id, {}).get(s, ())),
        ))
    orgs.sort(key=lambda o: (-o.lead_score, o.name))
    return orgs


def cluster_people(index: GraphIndex, bodies: set[str]) -> list[ClusterPerson]:
    """People holding positions at any of the bodies (orgs or places)."""
    people: list[ClusterPerson] = []
    for body in sorted(bodies):
        for relation in index.by_tail.get(body, ()):
            if relation.type != "holds_position":
                continue
            person = index.entity(relation.head_id)
            people.append(ClusterPerson(
                id=relation.head_id,
                name=person.name if person else relation.head_name or relation.head_id,
                title=relation.title,
                body=entity_ref(index, body),
                relation_id=relation.id,
            ))
    people.sort(key=lambda p: (p.name, p.body.name))
    return people


def cluster_events(index: GraphIndex, members: set[str]) -> list[ClusterEvent]:
    """Events linked by any relation to a member of the cluster, newest first."""
    found: dict[str, list[str]] = {}
    for member in members:
        for relation in index.relations_of(member):
            other = relation.tail_id if relation.head_id == member else relation.head_id
            entity = index.entity(other)
            if entity is not None and entity.type == "event":
                found.setdefault(other, []).append(relation.id)
    events = []
    for event_id, relation_ids in found.items():
        entity = index.entity(event_id)
        assert entity is not None
        events.append(ClusterEvent(event_id, entity.name, entity.date.isoformat() if entity.date else None,
                                   tuple(sorted(set(relation_ids)))))
    events.sort(key=lambda e: (e.date or "", e.name), reverse=True)
    return events


def cluster_profile(index: GraphIndex, cluster_id: str, *, articles: int = 10) -> ClusterProfile:
    """The profile of a place (with all places inside it) or of a park organisation."""
    area = index.area(cluster_id)
    orgs = cluster_orgs(index, area)
    org_ids = [o.id for o in orgs]
    members: dict[str, list[str]] = {s: [] for s in SEGMENTS}
    for org in orgs:
        for segment in org.segments:
            members[segment].append(org.id)
    bodies = set(area.places) | set(org_ids) | {cluster_id}
    places = sorted((entity_ref(index, p) for p in area.places if p != cluster_id),
                    key=lambda r: r.name)
    people = cluster_people(index, bodies)
    return ClusterProfile(
        cluster=entity_ref(index, cluster_id),
        places=tuple(places),
        organisations=tuple(orgs),
        by_segment=tuple(SegmentGroup(s, SEGMENT_LABELS[s], tuple(members[s])) for s in SEGMENTS),
        leaders=tuple(o.id for o in orgs[:10]),
        people=tuple(people),
        events=tuple(cluster_events(index, bodies | {p.id for p in people})),
        recent_articles=tuple(recent_articles(index, bodies, limit=articles)),
        coverage=coverage_from_counts(segment_counts(index, org_ids)),
    )
