"""The controlled vocabularies every stage shares.

They mirror the gold annotation schema (shared/eval/SCHEMA.md) so that what the
extractor emits, what the atlas stores and what the graph answers use one set
of words.
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

ORG_KINDS: tuple[str, ...] = get_args(OrgKind)
PLACE_KINDS: tuple[str, ...] = get_args(PlaceKind)
#: Segments in chain order, upstream first; analytics rely on this order.
SEGMENTS: tuple[str, ...] = get_args(Segment)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)

SEGMENT_LABELS: dict[str, str] = {
    "materials": "Materials",
    "equipment": "Equipment",
    "eda_ip": "EDA / IP",
    "design": "Design",
    "manufacturing": "Manufacturing",
    "packaging_testing": "Packaging & testing",
    "applications": "Applications",
}
