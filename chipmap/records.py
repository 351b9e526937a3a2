"""Records that cross stages: an article in, what the extractor read out of it.

``ArticleExtraction`` is the extraction contract: its JSON form is exactly the
``gold`` object of shared/eval/SCHEMA.md plus ``id`` and extra provenance
fields (``evidence``, ``confidence``, ``atlas_id``), which consumers may ignore.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chipmap.vocab import OrgKind, PlaceKind, RelationType, Segment


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested: text plus what we know about where it came from."""

    id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None  # file path or feed address it was read from
    meta: dict[str, Any] = field(default_factory=dict)
    language: str | None = None  # "en" or "zh", set at ingest; None: decided when read


class Evidence(BaseModel):
    """The sentence that states a fact, with its character offsets in the article text."""

    model_config = ConfigDict(extra="forbid")

    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class _Fact(BaseModel):
    model_config = ConfigDict(extra="allow")

    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class Person(_Fact):
    name: str
    aliases: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)


class Organization(_Fact):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: OrgKind = "company"
    segments: list[Segment] = Field(default_factory=list)
    atlas_id: str | None = None


class Place(_Fact):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: PlaceKind = "city"
    atlas_id: str | None = None


class Event(_Fact):
    name: str
    date: str | None = None  # ISO date
    place: str | None = None


class Relation(_Fact):
    type: RelationType
    head: str
    tail: str
    title: str | None = None
    rule: str | None = Field(
        default=None,
        description="Name of the registered rule that found it (chipmap.extract.rules), or "
        "'atlas.<field>' for facts taken from the atlas.",
    )


class ArticleExtraction(BaseModel):
    """Everything one article yields, in the shape of the gold annotations."""

    model_config = ConfigDict(extra="allow")

    id: str
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


def extraction_json_schema() -> dict[str, Any]:
    """JSON Schema of the extraction contract, for validators outside Python."""
    return ArticleExtraction.model_json_schema()
