"""What siting and targeting know about an organisation and a cluster, computed once per index.

Both recommendations ask the same few questions — where is a company already,
where is it from, how large is it, has it moved recently; who is in a cluster,
with which segments, from where, with which universities and funds — so the
answers live here, memoised on the ``GraphIndex`` (``signals(index)``).

Definitions (also in docs/analytics.md):

- a place's **city** is the prefecture-level city it lies in: the outermost place
  of kind city above it inside China (Kunshan's city is Suzhou); its **province**
  is the nearest place of kind province, or the city itself for a city directly
  under the country (Shanghai, Beijing, Tianjin, Chongqing). A graph without
  China (a hand-made test graph) counts every place as inside;
- an organisation's **origin** is ``domestic`` when its headquarters lies in China,
  ``foreign`` when it lies elsewhere (Taiwan counts as foreign here: its firms
  enter the mainland as foreign investors do); without a known headquarters, a
  firm seen only at places inside China is domestic, one seen abroad foreign;
- its **footprint** is the cities and provinces (in China) where it is located,
  and its **size** the number of distinct places it is located in anywhere plus
  its subsidiaries, in bands: ``small`` (up to 2), ``mid`` (3 to 7), ``large`` (8+);
- its **recent moves** are ``located_in`` relations from the news first seen within
  ``RECENT_DAYS`` of the graph's newest date (new sites, signings);
- its **region** is where it comes from: its headquarters' province in China, else the
  outermost place above its headquarters abroad (a country, or Taiwan); its
  **compatriots** are the other companies (outside its group) of the same region;
- its **partners** are the organisations it is tied to by any relation other than
  location, segment or its own group (a supplier, a customer, an owner that is a
  fund or a government, a firm sharing an officer), where the graph knows them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from chipmap.analyze.index import TALENT_KINDS, GraphIndex
from chipmap.vocab import ORG_PREFIX, SEGMENTS

CHINA = "place:china"
#: How far back a move counts as recent, from the graph's newest date.
RECENT_DAYS = 3 * 365
#: Upper bounds of the size bands (distinct places + subsidiaries).
SIZE_BANDS: tuple[tuple[str, int], ...] = (("small", 2), ("mid", 7), ("large", 10**9))
SIZES: tuple[str, ...] = tuple(name for name, _ in SIZE_BANDS)
ORIGINS: tuple[str, ...] = ("domestic", "foreign")
FUND_KINDS = frozenset({"investor"})
POLICY_KINDS = frozenset({"investor", "park", "government"})


def size_band(places: int) -> str:
    """The size band of a footprint of ``places`` places and subsidiaries."""
    return next(name for name, top in SIZE_BANDS if places <= top)


@dataclass(frozen=True, slots=True)
class OrgProfile:
    """An organisation as the recommendations see it."""

    id: str
    segments: tuple[str, ...]
    origin: str  # "domestic", "foreign" or "unknown"
    headquarters: str | None
    home_province: str | None
    cities: frozenset[str]
    provinces: frozenset[str]
    places: int
    subsidiaries: int
    recent_moves: tuple[str, ...]  # relation ids
    partners: frozenset[str]

    @property
    def size(self) -> str:
        """small, mid or large (see the module docstring)."""
        return size_band(self.places + self.subsidiaries)


@dataclass(frozen=True, slots=True)
class ClusterFacts:
    """Who is in a cluster, by segment and origin, and its talent and policy bodies."""

    id: str
    orgs: frozenset[str]
    companies: frozenset[str]
    by_segment: dict[str, tuple[str, ...]]
    sites_by_segment: dict[str, tuple[str, ...]]  # companies with a site (not their headquarters) here
    by_origin: dict[str, int]
    talent: tuple[str, ...]
    policy: tuple[str, ...]  # funds, parks and government bodies
    recent: tuple[str, ...]  # recent news located_in relations into the area (signings, new sites)
    province: str | None


@dataclass
class Signals:
    """Memoised profiles and cluster facts over one index."""

    index: GraphIndex
    _china: frozenset[str] = field(init=False)
    _profiles: dict[str, OrgProfile] = field(default_factory=dict, init=False)
    _clusters: dict[str, ClusterFacts] = field(default_factory=dict, init=False)
    _cities: dict[str, str | None] = field(default_factory=dict, init=False)
    _provinces: dict[str, str | None] = field(default_factory=dict, init=False)
    _groups: dict[str, frozenset[str]] = field(default_factory=dict, init=False)
    _regions: dict[str, frozenset[str]] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        # A graph without China (a hand-made test graph) is taken to be all in scope.
        entities = self.index.snapshot.entities
        self._china = frozenset(self.index.descendants(CHINA) if CHINA in entities
                                else (e.id for e in entities.values() if e.type == "place"))

    # -- places ---------------------------------------------------------------------------------

    def in_china(self, place_id: str) -> bool:
        """True for China and every place inside it."""
        return place_id in self._china

    def city(self, place_id: str) -> str | None:
        """The prefecture-level city of a place in China, or None."""
        if place_id not in self._cities:
            found = None
            if self.in_china(place_id):
                for candidate in (place_id, *self.index.ancestors(place_id)):
                    entity = self.index.entity(candidate)
                    if entity is not None and entity.kind == "city":
                        found = candidate
            self._cities[place_id] = found
        return self._cities[place_id]

    def province(self, place_id: str) -> str | None:
        """The province of a place in China (a city directly under China is its own), or None."""
        if place_id not in self._provinces:
            found = None
            if self.in_china(place_id):
                chain = [place_id, *self.index.ancestors(place_id)]
                found = next((p for p in chain if (e := self.index.entity(p)) is not None
                              and e.kind == "province"), None)
                if found is None:  # a city directly under the country
                    found = next((p for p in chain if (e := self.index.entity(p)) is not None and e.kind == "city"
                                  and (up := self.index.entity(self.index.parent.get(p, ""))) is not None
                                  and up.kind == "country"), None)
            self._provinces[place_id] = found
        return self._provinces[place_id]

    # -- organisations --------------------------------------------------------------------------

    def group(self, org_id: str) -> frozenset[str]:
        """The organisation's group: the top of its chain of company owners and all below it."""
        if org_id not in self._groups:
            root, seen = org_id, {org_id}
            while owners := sorted(r.tail_id for r in self.index.by_head.get(root, ())
                                   if r.type == "subsidiary_of" and r.tail_id not in seen
                                   and (e := self.index.entity(r.tail_id)) is not None and e.kind == "company"):
                root = owners[0]
                seen.add(root)
            found, stack = {root}, [root]
            while stack:
                for relation in self.index.by_tail.get(stack.pop(), ()):
                    if relation.type == "subsidiary_of" and relation.head_id not in found:
                        found.add(relation.head_id)
                        stack.append(relation.head_id)
            self._groups[org_id] = frozenset(found | seen)
        return self._groups[org_id]

    def region(self, org_id: str) -> str | None:
        """Where a company comes from (see the module docstring), or None without a headquarters."""
        head_office = self.index.snapshot.headquarters.get(org_id)
        if head_office is None:
            return None
        if self.in_china(head_office):
            return self.province(head_office)
        return [head_office, *self.index.ancestors(head_office)][-1]

    def compatriots(self, org_id: str) -> frozenset[str]:
        """The other companies of the organisation's region, outside its group."""
        if self._regions is None:
            regions: dict[str, set[str]] = {}
            for entity in self.index.orgs():
                if entity.kind == "company" and (region := self.region(entity.id)) is not None:
                    regions.setdefault(region, set()).add(entity.id)
            self._regions = {k: frozenset(v) for k, v in regions.items()}
        region = self.region(org_id)
        if region is None:
            return frozenset()
        return self._regions.get(region, frozenset()) - self.group(org_id)

    def overlap(self, org_id: str, cluster_id: str) -> tuple[float, int]:
        """How much the organisation's cities share firms with the cluster: the sum over its
        Chinese cities ``A`` of ``|firms(A) & firms(cluster)| / sqrt(|firms(A)| * |firms(cluster)|)``
        (its own group left out), and the number of firms shared.

        Firms that sit where this one sits and also sit in the cluster say the two places
        draw the same kind of company (co-location learned across every company in the graph).
        """
        group = self.group(org_id)
        there = self.cluster(cluster_id).companies - group
        total, shared = 0.0, set[str]()
        for city in self.profile(org_id).cities:
            here = self.cluster(city).companies - group
            common = here & there
            if common:
                total += len(common) / math.sqrt(len(here) * len(there))
                shared |= common
        return total, len(shared)

    def origin(self, org_id: str) -> str:
        """domestic, foreign or unknown (see the module docstring)."""
        head_office = self.index.snapshot.headquarters.get(org_id)
        if head_office is not None:
            return "domestic" if self.in_china(head_office) else "foreign"
        places = [r.tail_id for r in self.index.org_places.get(org_id, ())]
        if not places:
            return "unknown"
        return "domestic" if all(self.in_china(p) for p in places) else "foreign"

    def profile(self, org_id: str) -> OrgProfile:
        """What the recommendations know about an organisation."""
        cached = self._profiles.get(org_id)
        if cached is not None:
            return cached
        index = self.index
        relations = index.org_places.get(org_id, ())
        head_office = index.snapshot.headquarters.get(org_id)
        cities = {c for r in relations if (c := self.city(r.tail_id))}
        provinces = {p for r in relations if (p := self.province(r.tail_id))}
        subsidiaries = sum(1 for r in index.by_tail.get(org_id, ()) if r.type == "subsidiary_of")
        recent = tuple(r.id for r in relations if r.article_ids and self.recent(r.first_seen))
        group = self.group(org_id)
        partners = set()
        for relation in index.relations_of(org_id):
            if relation.type in ("located_in", "operates_in"):
                continue
            other = relation.tail_id if relation.head_id == org_id else relation.head_id
            if other.startswith(ORG_PREFIX) and other not in group:
                partners.add(other)
            elif relation.type == "holds_position":  # a person: the other bodies they serve
                partners.update(r.tail_id for r in index.by_head.get(other, ())
                                if r.type == "holds_position" and r.tail_id.startswith(ORG_PREFIX)
                                and r.tail_id not in group)
        profile = OrgProfile(
            id=org_id, segments=index.segments(org_id), origin=self.origin(org_id), headquarters=head_office,
            home_province=self.province(head_office) if head_office else None,
            cities=frozenset(cities), provinces=frozenset(provinces),
            places=len({r.tail_id for r in relations}), subsidiaries=subsidiaries,
            recent_moves=recent, partners=frozenset(partners))
        self._profiles[org_id] = profile
        return profile

    def recent(self, day: dt.date | None) -> bool:
        """True when ``day`` lies within RECENT_DAYS of the graph's newest date."""
        latest = self.index.latest
        return day is not None and latest is not None and (latest - day).days <= RECENT_DAYS

    # -- clusters -------------------------------------------------------------------------------

    def cluster(self, cluster_id: str) -> ClusterFacts:
        """Who is in a cluster (see ``ClusterFacts``)."""
        cached = self._clusters.get(cluster_id)
        if cached is not None:
            return cached
        index = self.index
        area = index.area(cluster_id)
        members = index.orgs_in(area)
        kinds = {o: (e.kind if (e := index.entity(o)) is not None else "") for o in members}
        companies = [o for o in members if kinds[o] == "company"]
        head_offices = index.snapshot.headquarters
        by_segment: dict[str, list[str]] = {s: [] for s in SEGMENTS}
        sites: dict[str, list[str]] = {s: [] for s in SEGMENTS}
        origins = {"domestic": 0, "foreign": 0, "unknown": 0}
        for org_id in companies:
            has_site = any(head_offices.get(org_id) != r.tail_id for r in members[org_id])
            for segment in index.segments(org_id):
                by_segment[segment].append(org_id)
                if has_site:
                    sites[segment].append(org_id)
            origins[self.origin(org_id)] += 1
        recent = tuple(r.id for place in area.places for r in index.by_tail.get(place, ())
                       if r.type == "located_in" and r.article_ids and self.recent(r.first_seen))
        root = cluster_id if cluster_id.startswith("place:") else next(iter(sorted(area.places)), cluster_id)
        facts = ClusterFacts(
            id=cluster_id, orgs=frozenset(members), companies=frozenset(companies),
            by_segment={s: tuple(v) for s, v in by_segment.items()},
            sites_by_segment={s: tuple(v) for s, v in sites.items()}, by_origin=origins,
            talent=tuple(sorted(o for o in members if kinds[o] in TALENT_KINDS)),
            policy=tuple(sorted(o for o in members if kinds[o] in POLICY_KINDS)),
            recent=recent, province=self.province(root))
        self._clusters[cluster_id] = facts
        return facts


def signals(index: GraphIndex) -> Signals:
    """The signals of an index, built on first use and kept on the index."""
    if not isinstance(index.signals_cache, Signals):
        index.signals_cache = Signals(index)
    return index.signals_cache


__all__ = ["ORIGINS", "SIZES", "ClusterFacts", "OrgProfile", "Signals", "signals", "size_band"]
