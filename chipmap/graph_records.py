"""Records the graph hands to analytics and interfaces (read side of the store).

The store builds them; ``chipmap.analyze`` computes over a ``Snapshot`` of them
without touching the database; the CLI, API and dashboard render them.

Ids: atlas-backed entities keep their atlas id (``org:smic``,
``place:shanghai-lingang``); entities known only from news get
``<type>:x-<slug>`` (``org:x-starblaze-technology``), people ``person:<slug>``,
events ``event:<slug>``. Segments appear as relation tails ``segment:<name>``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """One sentence that supports a fact, where it came from, and who read it."""

    article_id: str | None  # None for facts from the atlas
    sentence: str
    start: int
    end: int
    article_title: str = ""
    url: str | None = None
    published: dt.date | None = None
    extractor_version: str = ""
    origin: str = "news"  # "news" or "atlas"
    rule: str | None = None  # the extraction rule (or atlas field) that stated the fact


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A resolved entity with what the graph knows about it."""

    id: str
    type: str  # person | org | place | event
    name: str
    kind: str = ""  # org kind or place kind; "" for people and events
    segments: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    atlas_id: str | None = None
    name_zh: str | None = None
    titles: tuple[str, ...] = ()  # people
    date: dt.date | None = None  # events
    article_count: int = 0
    mention_count: int = 0
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """A relation between two entities (or an entity and a segment) with its support."""

    id: str
    type: str  # holds_position | located_in | part_of | subsidiary_of | operates_in
    head_id: str
    tail_id: str
    head_name: str = ""
    tail_name: str = ""
    title: str | None = None
    confidence: float = 0.5
    evidence_count: int = 0
    article_ids: tuple[str, ...] = ()
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    from_atlas: bool = False
    former_since: dt.date | None = None  # holds_position: reported as a past position from this day

    @property
    def former(self) -> bool:
        """True for a position the news reports as past."""
        return self.former_since is not None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An ingested article (one row per unique story; every source URL kept)."""

    id: str
    title: str
    published: dt.date | None
    urls: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text search result: an entity or an article, with a snippet."""

    kind: str  # "entity" or "article"
    id: str
    title: str
    snippet: str
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class ProjectPartyRecord:
    """A party of a project: an entity of the graph, or a name the graph has no entity for."""

    name: str
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectStepRecord:
    """One stage of a project as one article reports it, with the sentence that says so."""

    status: str  # planned | signed | construction | completed | production | cancelled
    date: str | None  # ISO date or prefix ("2019-12"), as precise as the text
    article_id: str
    sentence: str
    published: dt.date | None = None  # the article's date (when the text gives no date of its own)


@dataclass(frozen=True, slots=True)
class ProjectAmountRecord:
    """An investment figure one article gives for a project (several articles: several figures)."""

    value: float
    currency: str
    text: str
    article_id: str
    published: dt.date | None = None
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class ProjectFieldEvidence:
    """The sentence of one article behind one field of a project."""

    field: str  # parties | place | facility | amount | status
    article_id: str
    sentence: str


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    """An investment project with every report of it merged: who, where, what, for how much,
    and each stage it went through (``history``, oldest first)."""

    id: str  # project:<digest>
    name: str
    facility: str
    status: str  # the most advanced stage reported (cancelled ends any)
    date: str | None  # the date of that stage
    place_id: str | None = None
    place_name: str | None = None
    phase: str | None = None
    parties: tuple[ProjectPartyRecord, ...] = ()
    history: tuple[ProjectStepRecord, ...] = ()
    amounts: tuple[ProjectAmountRecord, ...] = ()
    article_ids: tuple[str, ...] = ()
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    evidence: tuple[ProjectFieldEvidence, ...] = ()


@dataclass(frozen=True, slots=True)
class ProjectCountRecord:
    """A bare count of projects an article gives ("22 projects were signed")."""

    article_id: str
    count: int
    status: str | None
    place_id: str | None
    place_name: str | None
    event_id: str | None
    amount: ProjectAmountRecord | None
    sentence: str
    seen: dt.date | None = None


@dataclass
class Snapshot:
    """The whole graph in memory (entities and relations, no evidence text).

    Analytics take a snapshot so they are pure functions and fast; the store
    builds one with ``Graph.snapshot()``.
    """

    entities: dict[str, EntityRecord]
    relations: list[RelationRecord]
    articles: dict[str, ArticleRecord] = field(default_factory=dict)  # without text
    place_parent: dict[str, str] = field(default_factory=dict)  # place id -> enclosing place id
    projects: list[ProjectRecord] = field(default_factory=list)
    project_counts: list[ProjectCountRecord] = field(default_factory=list)
    #: organisation id -> its headquarters place (the atlas ``headquarters`` field); the other
    #: ``located_in`` relations of an organisation are its sites.
    headquarters: dict[str, str] = field(default_factory=dict)
