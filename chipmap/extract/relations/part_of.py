"""part_of: which place contains which, from the atlas and from the text.

The atlas links each named place to the nearest enclosing place the article also names;
the text nests places with "of"/"in"/a comma ("the Xinzhan area of Hefei", "Wuxi,
Jiangsu province"), a possessive ("Jiangsu's Wuxi") or a zone named after its city.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from chipmap.extract.context import PLACE_LEVEL, Context
from chipmap.extract.coref import Entity
from chipmap.extract.relations.registry import ENGLISH, Node
from chipmap.extract.rules import Found

_NESTING = frozenset({"of", "in", ",", "area of", "district of", "of the", "in the", "area in"})
_POSSESSIVE = frozenset({"'s", "\u2019s"})


@ENGLISH.rule("part_of.atlas_hierarchy", "part_of", 0.9)
def atlas_hierarchy(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """Each atlas place, where first named, to its nearest atlas ancestor the article names."""
    places = ctx.of_type("place")
    by_atlas = {p.atlas_id: p for p in places if p.atlas_id}
    for place in places:
        if not place.atlas_id or place.first.sent != sent:
            continue
        for ancestor in ctx.atlas.ancestors(place.atlas_id):
            if ancestor in by_atlas:
                yield Found(place, by_atlas[ancestor])
                break


def _place_pairs(ctx: Context, sent: int) -> Iterator[tuple[Entity, Entity, str]]:
    places = [x for x in ctx.items(sent) if x.entity.type == "place"]
    for a, b in itertools.pairwise(places):
        if a.entity.key != b.entity.key:
            yield a.entity, b.entity, ctx.doc[a.end : b.start].text.strip().lower()


@ENGLISH.rule("part_of.nested_in_text", "part_of", 0.8)
def nested_in_text(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"the Xinzhan area of Hefei", "Yuhang District in Hangzhou", "Wuxi, Jiangsu province"."""
    for a, b, between in _place_pairs(ctx, sent):
        if between in _NESTING and ctx.level(b) < ctx.level(a) and not _named_after_lower_city(ctx, a, b):
            yield Found(a, b)


def _named_after_lower_city(ctx: Context, zone: Entity, container: Entity) -> bool:
    """"The Example City Hi-tech Zone in Example province": the zone is the city's, and the
    province is the city's container, two levels up (no part_of skips a level)."""
    if zone.kind != "district" or ctx.level(container) >= PLACE_LEVEL["city"]:
        return False
    return any(f.startswith(c + " ") for f in zone.surface_forms for p in ctx.of_type("place")
               if p.kind == "city" for c in p.surface_forms)


@ENGLISH.rule("part_of.possessive", "part_of", 0.8)
def possessive(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Jiangsu's Wuxi", "Hefei's Xinzhan area": the owner is the larger place."""
    for a, b, between in _place_pairs(ctx, sent):
        if between in _POSSESSIVE and ctx.level(a) < ctx.level(b):
            yield Found(b, a)


@ENGLISH.rule("part_of.zone_named_after_city", "part_of", 0.6)
def zone_named_after_city(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Wuxi Chip Design Industrial Park": a zone named after a city or province the article names,
    unless another rule already placed it."""
    places = ctx.of_type("place")
    placed = ctx.memo("part_of.text_heads", _text_heads)
    for place in places:
        if place.first.sent != sent or place.key in placed or place.kind != "district":
            continue
        for other in places:
            if other is place or other.kind not in {"city", "province"}:
                continue
            if any(f.startswith(o + " ") for f in place.surface_forms for o in other.surface_forms):
                yield Found(place, other)
                break


def _text_heads(ctx: Context) -> set[str]:
    """Keys of places that the atlas or the text already puts inside another place."""
    heads: set[str] = set()
    for sent in range(len(ctx.sents)):
        for rule in (atlas_hierarchy, nested_in_text, possessive):
            heads.update(f.head.key for f in rule(ctx, sent) if isinstance(f.head, Entity))
    return heads
