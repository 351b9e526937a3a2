"""The controlled vocabularies every stage shares.

They mirror the gold annotation schema (shared/eval/SCHEMA.md) so that what the
extractor emits, what the atlas stores and what the graph answers use one set
of words: entity and relation types, which types a relation joins, the id
prefixes, and (in ``chipmap/vocab/words/``) the word lists the rules lean on.
"""

from __future__ import annotations

from typing import Literal, get_args

OrgKind = Literal[
    "company", "government", "academic", "association", "park", "investor", "media", "other"
]
PlaceKind = Literal["country", "province", "city", "district", "region"]
Segment = Literal[
    "materials",
    "equipment",
    "eda_ip",
    "design",
    "manufacturing",
    "packaging_testing",
    "applications",
]
RelationType = Literal["holds_position", "located_in", "part_of", "subsidiary_of", "operates_in"]
EntityType = Literal["person", "org", "place", "event"]
#: A project's stage, in the order projects move through them (``cancelled`` may end any).
ProjectStatus = Literal["planned", "signed", "construction", "completed", "production", "cancelled"]
#: What a project builds or sets up (shared/eval/SCHEMA.md, section Projects).
Facility = Literal["fab", "packaging_plant", "production_base", "rd_center", "headquarters", "fund", "other"]

ORG_KINDS: tuple[str, ...] = get_args(OrgKind)
PLACE_KINDS: tuple[str, ...] = get_args(PlaceKind)
#: Segments in chain order, upstream first; analytics rely on this order.
SEGMENTS: tuple[str, ...] = get_args(Segment)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
PROJECT_STATUSES: tuple[str, ...] = get_args(ProjectStatus)
FACILITIES: tuple[str, ...] = get_args(Facility)

#: Which entity types each relation type joins (head types, tail types), in the order a
#: name is tried when one article uses it for two types; operates_in ends in a segment.
ENDPOINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "holds_position": (("person",), ("org", "place")),
    "located_in": (("org", "event", "place", "person"), ("place",)),
    "part_of": (("place", "org"), ("place", "org")),
    "subsidiary_of": (("org",), ("org",)),
    "operates_in": (("org",), ()),
}

#: Id prefixes: atlas entries are ``org:<slug>`` and ``place:<slug>``; a segment as a
#: relation tail in the graph is ``segment:<name>``.
ORG_PREFIX = "org:"
PLACE_PREFIX = "place:"
SEGMENT_PREFIX = "segment:"


def id_type(entity_id: str) -> str:
    """The type part of any graph id: "org", "place", "person", "event" or "segment"."""
    return entity_id.split(":", 1)[0]


def atlas_entity_type(entry_id: str) -> EntityType:
    """The entity type an atlas id names ("org:smic" -> "org", "place:wuxi" -> "place")."""
    if entry_id.startswith(ORG_PREFIX):
        return "org"
    if entry_id.startswith(PLACE_PREFIX):
        return "place"
    raise ValueError(f"{entry_id!r} is not an atlas id (org:... or place:...)")


def is_segment_id(entity_id: str) -> bool:
    """True for the graph id of a chain segment ("segment:design")."""
    return entity_id.startswith(SEGMENT_PREFIX)


def segment_id(segment: str) -> str:
    """The graph id of a chain segment."""
    return segment if segment.startswith(SEGMENT_PREFIX) else SEGMENT_PREFIX + segment

SEGMENT_LABELS: dict[str, str] = {
    "materials": "Materials",
    "equipment": "Equipment",
    "eda_ip": "EDA / IP",
    "design": "Design",
    "manufacturing": "Manufacturing",
    "packaging_testing": "Packaging & testing",
    "applications": "Applications",
}
