"""The questions users ask, answered over a Graph: resolve names, run analytics, attach evidence.

The CLI and the server both call an ``Analyst``; the analytics underneath stay
pure functions of a snapshot. The snapshot index is built once per Analyst
(a server keeps one for its lifetime and rebuilds it on ``refresh``), so each
question costs dictionary walks, plus a few evidence look-ups in the store.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from chipmap.analyze.compare import Comparison, compare
from chipmap.analyze.gaps import GapReport, gap_report
from chipmap.analyze.index import GraphIndex
from chipmap.analyze.members import MEMBER_ORDERS, MemberPage, member_page
from chipmap.analyze.network import Actor, Connection, Neighbourhood, central_actors, communities, connection
from chipmap.analyze.network import neighbourhood as neighbourhood_of
from chipmap.analyze.ports import GraphPort
from chipmap.analyze.positions import Tenure, holders
from chipmap.analyze.profile import ClusterProfile, cluster_profile
from chipmap.analyze.projects import ClusterProjects, cluster_projects
from chipmap.analyze.refs import ArticleRef, EntityRef, RelationRef, recent_articles, relation_ref
from chipmap.analyze.signals import ORIGINS, SIZES, signals
from chipmap.analyze.siting import LEVELS, SiteReport, locate
from chipmap.analyze.timeline import KINDS, Timeline, as_of, subject_members, timeline
from chipmap.errors import NotFound
from chipmap.graph_records import EntityRecord, EvidenceRecord, SearchHit
from chipmap.vocab import PROJECT_STATUSES, SEGMENTS

#: Relations of an entity page whose evidence is fetched up front; the rest load on demand.
EVIDENCE_PER_PAGE = 20


@dataclass(frozen=True, slots=True)
class ClusterAnswer:
    """A cluster profile, a page of its complete member list and, when asked, the first
    evidence sentences of its strongest organisations."""

    profile: ClusterProfile
    evidence: dict[str, list[EvidenceRecord]]
    as_of: dt.date | None
    members: MemberPage


@dataclass(frozen=True, slots=True)
class EntityAnswer:
    """An entity with its relations (best supported first) and their evidence."""

    entity: EntityRecord
    relations: tuple[RelationRef, ...]
    relation_total: int
    evidence: dict[str, list[EvidenceRecord]]
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True, slots=True)
class PathAnswer:
    """The connection between two entities with the evidence of each hop."""

    connection: Connection
    evidence: dict[str, list[EvidenceRecord]]


@dataclass(frozen=True, slots=True)
class ClusterNetwork:
    """Central actors and communities of a cluster."""

    cluster: EntityRef
    actors: tuple[Actor, ...]
    communities: tuple[tuple[EntityRef, ...], ...]


class Analyst:
    """Answers over one graph; thread-safe for readers, the index built once."""

    def __init__(self, graph: GraphPort) -> None:
        self.graph = graph
        self._index: GraphIndex | None = None
        self._as_of: dict[dt.date, GraphIndex] = {}
        self._lock = threading.Lock()

    # -- plumbing -------------------------------------------------------------

    def index(self, day: dt.date | None = None) -> GraphIndex:
        """The index of the graph's snapshot, or of the snapshot as of ``day``."""
        with self._lock:
            if self._index is None:
                self._index = GraphIndex.build(self.graph.snapshot())
            if day is None:
                return self._index
            if day not in self._as_of:
                if len(self._as_of) > 8:
                    self._as_of.clear()
                self._as_of[day] = GraphIndex.build(as_of(self._index.snapshot, day))
            return self._as_of[day]

    def refresh(self) -> None:
        """Forget the index so the next question sees the graph as it is now."""
        with self._lock:
            self._index = None
            self._as_of.clear()

    def evidence_for(self, relation_ids: Sequence[str], *, per_relation: int = 1) -> dict[str, list[EvidenceRecord]]:
        """The first sentences supporting each relation."""
        return {rid: self.graph.evidence(rid)[:per_relation] for rid in dict.fromkeys(relation_ids)}

    # -- names ----------------------------------------------------------------

    def resolve(self, name: str) -> EntityRecord:
        """The entity a name or id stands for; NotFound with suggestions otherwise."""
        return self.graph.entity(name.strip())

    def resolve_cluster(self, name: str) -> EntityRecord:
        """A place or a park organisation by name; other entities are not clusters."""
        entity = self.resolve(name)
        if entity.type == "place" or (entity.type == "org" and entity.kind == "park"):
            return entity
        index = self.index()
        for hit in self.graph.search(name, limit=10):
            candidate = index.entity(hit.id)
            if candidate is not None and (candidate.type == "place" or candidate.kind == "park"):
                return candidate
        raise NotFound("place or park", name, [p.name for p in self._places_like(name)])

    def _places_like(self, name: str) -> list[EntityRecord]:
        index = self.index()
        found = []
        for hit in self.graph.search(name, limit=20):
            entity = index.entity(hit.id)
            if entity is not None and entity.type == "place":
                found.append(entity)
        return found[:5]

    # -- questions ------------------------------------------------------------

    def cluster(self, name: str, *, evidence: bool = False, day: dt.date | None = None,
                max_evidence_orgs: int = 60, limit: int | None = None, offset: int = 0,
                member_segment: str | None = None) -> ClusterAnswer:
        """Who is in a cluster, in which segment, on what evidence.

        The profile is a bounded summary; ``members`` lists every member from
        ``offset`` on (``limit`` of them; None: all), or only those of ``member_segment``.
        """
        _known_segment(member_segment)
        entity = self.resolve_cluster(name)
        index = self.index(day)
        profile = cluster_profile(index, entity.id)
        members = member_page(index, entity.id, limit=limit, offset=offset, segment=member_segment)
        found: dict[str, list[EvidenceRecord]] = {}
        if evidence:
            ids: list[str] = []
            for org in profile.organizations[:max_evidence_orgs]:
                ids.extend(r.id for r in org.located[:2])
                ids.extend(org.segment_relations[:1])
            found = self.evidence_for(ids)
        return ClusterAnswer(profile, found, day, members)

    def members(self, name: str, *, limit: int | None = None, offset: int = 0, segment: str | None = None,
                order: str = "lead", day: dt.date | None = None) -> MemberPage:
        """Every organisation of a cluster with its names (a page of them), optionally of one segment."""
        _known_segment(segment)
        if order not in MEMBER_ORDERS:
            raise NotFound("member order", order, list(MEMBER_ORDERS))
        entity = self.resolve_cluster(name)
        return member_page(self.index(day), entity.id, limit=limit, offset=offset, segment=segment, order=order)

    def gaps(self, name: str, *, vs: str | None = None, limit: int = 20, offset: int = 0,
             day: dt.date | None = None, segment: str | None = None, province: str | None = None,
             size: str | None = None, origin: str | None = None) -> GapReport:
        """Missing and thin segments of a cluster, and the companies elsewhere it could attract,
        optionally only those of a segment, home province, size band or origin."""
        _known_segment(segment)
        if size is not None and size not in SIZES:
            raise NotFound("size band", size, list(SIZES))
        if origin is not None and origin not in ORIGINS:
            raise NotFound("origin", origin, list(ORIGINS))
        cluster = self.resolve_cluster(name)
        peer = self.resolve_cluster(vs).id if vs else None
        index = self.index(day)
        province_id = None
        if province:
            place = self.resolve(province)
            province_id = signals(index).province(place.id) if place.type == "place" else None
            if province_id is None:
                raise NotFound("province", province, [p.name for p in self._places_like(province)])
        return gap_report(index, cluster.id, peer_id=peer, limit=limit, offset=offset, segment=segment,
                          province=province_id, size=size, origin=origin)

    def locate(self, *, org: str | None = None, segments: Sequence[str] = (), level: str = "city",
               limit: int = 10, offset: int = 0) -> SiteReport:
        """Clusters ranked for an organisation or a set of segments."""
        unknown = [s for s in segments if s not in SEGMENTS]
        if unknown:
            raise NotFound("segment", ", ".join(unknown), list(SEGMENTS))
        if level not in LEVELS:
            raise NotFound("level", level, list(LEVELS))
        org_id = self.resolve(org).id if org else None
        return locate(self.index(), segments=segments, org_id=org_id, level=level, limit=limit, offset=offset)

    def compare(self, names: Sequence[str]) -> Comparison:
        """Clusters side by side."""
        ids = list(dict.fromkeys(self.resolve_cluster(n).id for n in names))
        return compare(self.index(), ids)

    def timeline(self, name: str, *, since: dt.date | None = None, until: dt.date | None = None,
                 kinds: Sequence[str] = KINDS, limit: int = 100, offset: int = 0) -> Timeline:
        """Dated happenings of a cluster or organisation."""
        entity = self.resolve(name)
        return timeline(self.index(), entity.id, since=since, until=until, kinds=tuple(kinds),
                        limit=limit, offset=offset)

    def entity(self, name: str, *, limit: int = EVIDENCE_PER_PAGE, offset: int = 0) -> EntityAnswer:
        """An entity with its relations, the evidence of the best supported, and recent articles."""
        entity = self.resolve(name)
        index = self.index()
        relations = sorted(index.relations_of(entity.id),
                           key=lambda r: (-r.evidence_count, r.from_atlas, r.type, r.id))
        page = [relation_ref(index, r) for r in relations[offset:offset + limit]]
        return EntityAnswer(entity, tuple(page), len(relations), self.evidence_for([r.id for r in page]),
                            tuple(recent_articles(index, {entity.id}, limit=10)))

    def path(self, source: str, target: str) -> PathAnswer:
        """The least hub-heavy chain of relations between two entities, with evidence per hop."""
        a, b = self.resolve(source), self.resolve(target)
        found = connection(self.index(), a.id, b.id)
        return PathAnswer(found, self.evidence_for([h.relation.id for h in found.hops]))

    def neighbourhood(self, name: str, *, depth: int = 1, limit: int = 150) -> Neighbourhood:
        """Entities around one entity."""
        return neighbourhood_of(self.index(), self.resolve(name).id, depth=depth, limit=limit)

    def network(self, name: str, *, limit: int = 10) -> ClusterNetwork:
        """Central actors and communities of a cluster or an organisation's circle."""
        entity = self.resolve(name)
        index = self.index()
        members = subject_members(index, entity.id)
        members |= {r.head_id for m in list(members) for r in index.by_tail.get(m, ())
                    if r.type == "holds_position"}
        groups = communities(index, members)
        return ClusterNetwork(EntityRef(entity.id, entity.name, entity.type, entity.kind),
                              tuple(central_actors(index, members, limit=limit)),
                              tuple(tuple(g) for g in groups[:limit]))

    def projects(self, name: str, *, since: dt.date | None = None, status: str | None = None,
                 day: dt.date | None = None, limit: int = 200) -> ClusterProjects:
        """Investment projects located in a cluster and its sub-places, with their history and totals."""
        if status is not None and status not in PROJECT_STATUSES:
            raise NotFound("project status", status, list(PROJECT_STATUSES))
        entity = self.resolve_cluster(name)
        return cluster_projects(self.index(day), entity.id, since=since, status=status, limit=limit)

    def holders(self, body: str, *, title: str | None = None, day: dt.date | None = None) -> list[Tenure]:
        """Who held posts at a body (an organisation or a place) on ``day``, a later appointment
        ending the earlier holder's tenure."""
        entity = self.resolve(body)
        return holders(self.index().snapshot.relations, entity.id, title=title, day=day)

    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Entities and articles matching the text."""
        return self.graph.search(text, limit=limit + offset)[offset:]


def _known_segment(segment: str | None) -> None:
    """NotFound naming the segments when ``segment`` is none of them (None: no filter)."""
    if segment is not None and segment not in SEGMENTS:
        raise NotFound("segment", segment, list(SEGMENTS))
