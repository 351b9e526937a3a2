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

from chipmap.vocab import Facility, OrgKind, PlaceKind, ProjectStatus, RelationType, Segment


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
    former: bool = Field(
        default=False,
        description="holds_position only: the text says the position is a past one "
        "(chipmap.extract.projects.tenure).",
    )
    rule: str | None = Field(
        default=None,
        description="Name of the registered rule that found it (chipmap.extract.rules), or "
        "'atlas.<field>' for facts taken from the atlas.",
    )


class Amount(BaseModel):
    """An investment as written, normalised: ``value`` in units of ``currency`` (ISO 4217)."""

    model_config = ConfigDict(extra="forbid")

    value: float = Field(ge=0)
    currency: str = Field(min_length=3, max_length=3)
    text: str


class StatusStep(BaseModel):
    """One stage a project reached (or was planned to reach), as one sentence reports it."""

    model_config = ConfigDict(extra="forbid")

    status: ProjectStatus
    date: str | None = None  # ISO date or its prefix ("2019-12", "2019")
    evidence: list[Evidence] = Field(default_factory=list)


class Project(_Fact):
    """An investment or construction project the text identifies by a party or a facility.

    ``status`` and ``date`` are the latest stage the text reports; ``history`` holds every
    stage it reports, oldest first; ``field_evidence`` the sentences behind each field
    (``parties``, ``place``, ``facility``, ``amount``, ``status``).
    """

    name: str
    parties: list[str] = Field(default_factory=list)
    place: str | None = None
    facility: Facility = "other"
    amount: Amount | None = None
    status: ProjectStatus = "planned"
    date: str | None = None
    phase: str | None = None  # "1", "2"... when the text names a phase
    history: list[StatusStep] = Field(default_factory=list)
    field_evidence: dict[str, list[Evidence]] = Field(default_factory=dict)


class ProjectCount(_Fact):
    """A bare count ("22 projects were signed"): kept on the event or place, never a project."""

    count: int = Field(ge=0)
    status: ProjectStatus | None = None
    place: str | None = None
    event: str | None = None
    amount: Amount | None = None  # their total investment, when given


class ArticleExtraction(BaseModel):
    """Everything one article yields, in the shape of the gold annotations."""

    model_config = ConfigDict(extra="allow")

    id: str
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    project_counts: list[ProjectCount] = Field(default_factory=list)


def extraction_json_schema() -> dict[str, Any]:
    """JSON Schema of the extraction contract, for validators outside Python."""
    return ArticleExtraction.model_json_schema()
