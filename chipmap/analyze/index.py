"""Look-up tables over a Snapshot, built once so every analytic is a dictionary walk.

A snapshot is a flat list of relations; questions such as "which firms are in
Shaoxing, in which segments, on what evidence" need them grouped by head, by
tail, by place and by segment. ``GraphIndex`` does that grouping once (linear in
the number of relations) and the analytics share it, so a server can answer
cluster and gap questions on a 50k-article graph in milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from chipmap.graph_records import EntityRecord, RelationRecord, Snapshot
from chipmap.vocab import ORG_PREFIX, PLACE_PREFIX, SEGMENT_PREFIX, SEGMENTS, id_type

#: Org kinds that count as talent bodies for siting (universities, academies, institutes).
TALENT_KINDS = frozenset({"academic"})


def segment_of(entity_id: str) -> str | None:
    """The segment name of a ``segment:<name>`` relation tail, or None."""
    if entity_id.startswith(SEGMENT_PREFIX):
        name = entity_id[len(SEGMENT_PREFIX):]
        return name if name in SEGMENTS else None
    return None


@dataclass(frozen=True, slots=True)
class Area:
    """A cluster's territory: the places it covers and, for a park, its member orgs."""

    root_id: str
    places: frozenset[str]
    member_orgs: frozenset[str] = frozenset()  # orgs tied to a park organisation directly


class EntityArticles(Mapping[str, frozenset[str]]):
    """Entity id -> ids of the articles behind its relations, worked out when asked.

    Every relation already carries its article ids; a set per entity built up front held
    each id once more per end (15% of a worker's index on a generated graph, bench/memory.py).
    Answers are kept for the entities asked about, up to ``limit`` at a time.
    """

    def __init__(self, by_head: dict[str, list[RelationRecord]], by_tail: dict[str, list[RelationRecord]],
                 limit: int = 4096) -> None:
        self._by_head, self._by_tail, self._limit = by_head, by_tail, limit
        self._known: dict[str, frozenset[str]] = {}

    def __getitem__(self, entity_id: str) -> frozenset[str]:
        found = self._known.get(entity_id)
        if found is not None:
            return found
        if entity_id not in self:
            raise KeyError(entity_id)
        ids: set[str] = set()
        for relation in (*self._by_head.get(entity_id, ()), *self._by_tail.get(entity_id, ())):
            ids.update(relation.article_ids)
        found = frozenset(ids)
        if len(self._known) >= self._limit:
            self._known = {}  # a new dict, not clear(): other threads may be reading the old one
        self._known[entity_id] = found
        return found

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_head or entity_id in self._by_tail

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._by_head), **dict.fromkeys(self._by_tail)})

    def __len__(self) -> int:
        return len(self._by_head.keys() | self._by_tail.keys())


@dataclass
class GraphIndex:
    """Relations of one snapshot grouped the ways the analytics ask for them."""

    snapshot: Snapshot
    by_head: dict[str, list[RelationRecord]] = field(default_factory=dict)
    by_tail: dict[str, list[RelationRecord]] = field(default_factory=dict)
    by_id: dict[str, RelationRecord] = field(default_factory=dict)
    children: dict[str, set[str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    org_places: dict[str, list[RelationRecord]] = field(default_factory=dict)
    org_segments: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    entity_articles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    evidence_total: dict[str, int] = field(default_factory=dict)
    event_links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # entity -> (event, relation)
    article_rank: dict[str, int] = field(default_factory=dict)  # article id -> rank by (date, id), oldest 0
    latest: dt.date | None = None
    _members: dict[str, dict[str, list[RelationRecord]]] = field(default_factory=dict, repr=False)
    _segments: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    network_cache: Any = field(default=None, repr=False)  # networkx graph, see analyze.network
    signals_cache: Any = field(default=None, repr=False)  # analyze.signals.Signals

    @classmethod
    def build(cls, snapshot: Snapshot) -> GraphIndex:
        """Group every relation once; cost is linear in the snapshot's size."""
        index = cls(snapshot=snapshot)
        by_head: defaultdict[str, list[RelationRecord]] = defaultdict(list)
        by_tail: defaultdict[str, list[RelationRecord]] = defaultdict(list)
        org_places: defaultdict[str, list[RelationRecord]] = defaultdict(list)
        org_segments: defaultdict[str, dict[str, list[str]]] = defaultdict(dict)
        evidence: defaultdict[str, int] = defaultdict(int)
        event_links: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        parent = dict(snapshot.place_parent)
        entities = snapshot.entities
        for relation in snapshot.relations:
            index.by_id[relation.id] = relation
            by_head[relation.head_id].append(relation)
            by_tail[relation.tail_id].append(relation)
            for end in (relation.head_id, relation.tail_id):
                evidence[end] += relation.evidence_count
            for end, other in ((relation.head_id, relation.tail_id), (relation.tail_id, relation.head_id)):
                kind = entities[other].type if other in entities else id_type(other)
                if kind == "event":
                    event_links[end].append((other, relation.id))
            if relation.type == "operates_in":
                segment = segment_of(relation.tail_id)
                if segment:
                    org_segments[relation.head_id].setdefault(segment, []).append(relation.id)
            elif relation.type == "located_in" and relation.tail_id.startswith(PLACE_PREFIX):
                org_places[relation.head_id].append(relation)
            elif (relation.type == "part_of" and relation.head_id.startswith(PLACE_PREFIX)
                  and relation.tail_id.startswith(PLACE_PREFIX)):
                parent.setdefault(relation.head_id, relation.tail_id)
        for entity in entities.values():
            if entity.type == "event":
                # The store keeps an event's place as an attribute, not a relation.
                places = entity.attributes.get("place") or []
                for place in [places] if isinstance(places, str) else places:
                    event_links[str(place)].append((entity.id, ""))
            for segment in entity.segments:
                if segment in SEGMENTS:
                    org_segments[entity.id].setdefault(segment, [])
        children: defaultdict[str, set[str]] = defaultdict(set)
        for child, up in parent.items():
            if child != up:
                children[up].add(child)
        dates = [a.published for a in snapshot.articles.values() if a.published]
        dates += [r.last_seen for r in snapshot.relations if r.last_seen]
        index.by_head, index.by_tail = dict(by_head), dict(by_tail)
        index.org_places, index.org_segments = dict(org_places), dict(org_segments)
        index.entity_articles, index.evidence_total = EntityArticles(index.by_head, index.by_tail), dict(evidence)
        index.event_links = dict(event_links)
        index.children, index.parent = dict(children), parent
        index.latest = max(dates) if dates else None
        ordered = sorted(snapshot.articles.values(), key=lambda a: (a.published or dt.date.min, a.id))
        index.article_rank = {a.id: rank for rank, a in enumerate(ordered)}
        return index

    # -- entities -------------------------------------------------------------

    def entity(self, entity_id: str) -> EntityRecord | None:
        """The entity with this id, or None."""
        return self.snapshot.entities.get(entity_id)

    def name(self, entity_id: str) -> str:
        """Display name of an id (segments get their label, unknown ids themselves)."""
        entity = self.snapshot.entities.get(entity_id)
        if entity is not None:
            return entity.name
        return segment_of(entity_id) or entity_id

    def segments(self, org_id: str) -> tuple[str, ...]:
        """Segments of an organisation in chain order (attributes and operates_in together)."""
        cached = self._segments.get(org_id)
        if cached is None:
            found = self.org_segments.get(org_id, {})
            cached = self._segments[org_id] = tuple(s for s in SEGMENTS if s in found)
        return cached

    def relations_of(self, entity_id: str) -> list[RelationRecord]:
        """Every relation with the entity at either end."""
        return [*self.by_head.get(entity_id, ()), *self.by_tail.get(entity_id, ())]

    def last_seen(self, entity_id: str) -> dt.date | None:
        """Latest date the news mentions the entity (entity record first, then its relations)."""
        entity = self.snapshot.entities.get(entity_id)
        if entity is not None and entity.last_seen:
            return entity.last_seen
        dates = [r.last_seen for r in self.relations_of(entity_id) if r.last_seen]
        return max(dates) if dates else None

    def orgs(self) -> Iterable[EntityRecord]:
        """Every organisation in the snapshot."""
        return (e for e in self.snapshot.entities.values() if e.type == "org")

    # -- places ---------------------------------------------------------------

    def descendants(self, place_id: str) -> set[str]:
        """The place and every place inside it (the tree below it, cycles cut)."""
        seen = {place_id}
        stack = [place_id]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return seen

    def ancestors(self, place_id: str) -> list[str]:
        """Enclosing places, nearest first."""
        chain: list[str] = []
        current = self.parent.get(place_id)
        while current and current not in chain and current != place_id:
            chain.append(current)
            current = self.parent.get(current)
        return chain

    def area(self, entity_id: str) -> Area:
        """The territory of a place or a park organisation.

        A place covers itself and everything below it. A park organisation
        covers the most specific places it is located in, plus organisations
        tied to the park itself by ``located_in`` or ``part_of``.
        """
        if entity_id.startswith(PLACE_PREFIX):
            return Area(entity_id, frozenset(self.descendants(entity_id)))
        places: set[str] = set()
        tails = [r.tail_id for r in self.org_places.get(entity_id, ())]
        specific = [t for t in tails if not self.children.get(t)] or tails
        for tail in specific:
            places |= self.descendants(tail)
        members = {r.head_id for r in self.by_tail.get(entity_id, ())
                   if r.type in ("located_in", "part_of") and r.head_id.startswith(ORG_PREFIX)}
        return Area(entity_id, frozenset(places), frozenset(members))

    def orgs_in(self, area: Area) -> dict[str, list[RelationRecord]]:
        """Organisations located in the area, each with the relations that place it there.

        Memoised per area root: siting asks the same question for every city.
        """
        cached = self._members.get(area.root_id)
        if cached is not None:
            return cached
        found: dict[str, list[RelationRecord]] = {}
        for place in area.places:
            for relation in self.by_tail.get(place, ()):
                if relation.type == "located_in" and relation.head_id.startswith(ORG_PREFIX):
                    found.setdefault(relation.head_id, []).append(relation)
        for org_id in area.member_orgs:
            found.setdefault(org_id, []).extend(
                r for r in self.by_head.get(org_id, ()) if r.tail_id == area.root_id)
        found.pop(area.root_id, None)
        self._members[area.root_id] = found
        return found

    def clusters(self, *, kinds: tuple[str, ...] = ("city",), within: str | None = "place:china") -> list[str]:
        """Places of the given kinds (inside ``within`` when it exists) that hold any organisation."""
        inside = self.descendants(within) if within and within in self.snapshot.entities else None
        result = []
        for entity in self.snapshot.entities.values():
            if entity.type != "place" or entity.kind not in kinds:
                continue
            if inside is not None and entity.id not in inside:
                continue
            if self.orgs_in(self.area(entity.id)):
                result.append(entity.id)
        return sorted(result)
