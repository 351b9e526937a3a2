"""A hand-built map for the recommendation tests: small graphs where each signal can be set alone.

``Land()`` starts with China (two provinces, a municipality, cities, a district, a
county-level city) and one foreign country; tests add organisations, sites and news
and read ``land.index()``. Everything is a plain ``Snapshot``, as the store would hand it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chipmap.analyze import GraphIndex
from chipmap.graph_records import ArticleRecord, EntityRecord, RelationRecord, Snapshot

PLACES: tuple[tuple[str, str, str | None], ...] = (
    ("place:china", "country", None),
    ("place:abroad", "country", None),
    ("place:east", "province", "place:china"),
    ("place:west", "province", "place:china"),
    ("place:metro", "city", "place:china"),  # a city directly under the country
    ("place:alpha", "city", "place:east"),
    ("place:alpha-zone", "district", "place:alpha"),
    ("place:little", "city", "place:alpha"),  # a county-level city inside Alpha
    ("place:beta", "city", "place:east"),
    ("place:gamma", "city", "place:west"),
    ("place:far", "city", "place:abroad"),
)


@dataclass
class Land:
    """A snapshot under construction."""

    entities: dict[str, EntityRecord] = field(default_factory=dict)
    relations: list[RelationRecord] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)
    headquarters: dict[str, str] = field(default_factory=dict)
    articles: dict[str, ArticleRecord] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for place_id, kind, parent in PLACES:
            name = place_id.split(":")[1].replace("-", " ").title()
            self.entities[place_id] = EntityRecord(place_id, "place", name, kind=kind, atlas_id=place_id)
            if parent:
                self.parents[place_id] = parent

    def _relation(self, kind: str, head: str, tail: str, *, atlas: bool = True,
                  day: str | None = None) -> RelationRecord:
        date = dt.date.fromisoformat(day) if day else None
        articles: tuple[str, ...] = ()
        if date is not None:
            article_id = f"a{len(self.articles) + 1}"
            self.articles[article_id] = ArticleRecord(article_id, f"{head} {kind} {tail}", date)
            articles = (article_id,)
        relation = RelationRecord(f"r{len(self.relations) + 1}", kind, head, tail, evidence_count=1,
                                  article_ids=articles, first_seen=date, last_seen=date, from_atlas=atlas)
        self.relations.append(relation)
        return relation

    def org(self, org_id: str, *segments: str, kind: str = "company", hq: str | None = None,
            sites: tuple[str, ...] = ()) -> str:
        """An organisation with its atlas headquarters and sites."""
        name = org_id.split(":")[1].replace("-", " ").title()
        self.entities[org_id] = EntityRecord(org_id, "org", name, kind=kind, segments=segments, atlas_id=org_id)
        if hq:
            self.headquarters[org_id] = hq
            self._relation("located_in", org_id, hq)
        for site in sites:
            self._relation("located_in", org_id, site)
        return org_id

    def news_site(self, org_id: str, place_id: str, day: str) -> RelationRecord:
        """A site the news reported on ``day``."""
        return self._relation("located_in", org_id, place_id, atlas=False, day=day)

    def link(self, kind: str, head: str, tail: str, day: str | None = None) -> RelationRecord:
        """Any other relation (subsidiary_of, holds_position ...)."""
        if head.startswith("person:") and head not in self.entities:
            self.entities[head] = EntityRecord(head, "person", head.split(":")[1].title())
        return self._relation(kind, head, tail, atlas=day is None, day=day)

    def snapshot(self) -> Snapshot:
        return Snapshot(dict(self.entities), list(self.relations), dict(self.articles), dict(self.parents),
                        headquarters=dict(self.headquarters))

    def index(self) -> GraphIndex:
        return GraphIndex.build(self.snapshot())
