"""subsidiary_of: an organisation that belongs to another.

From the atlas (an entry's parent), from the unit's own name ("Example Micro (Wuxi)",
"Example Micro Wuxi", "School of X of Y University") and from a cue phrase between two
names ("A, a subsidiary of B").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import SUBSIDIARY_CUES
from chipmap.extract.relations.registry import ENGLISH, Node
from chipmap.extract.rules import Found

#: Characters of text between a unit and its parent beyond which a cue is about something else.
_CUE_REACH = 60


def _first_named_here(ctx: Context, sent: int) -> Iterator[Entity]:
    for org in ctx.of_type("org"):
        if org.first.sent == sent:
            yield org


@ENGLISH.rule("subsidiary_of.atlas_parent", "subsidiary_of", 0.9)
def atlas_parent(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """An organisation whose atlas entry names a parent the article also names."""
    by_atlas = {o.atlas_id: o for o in ctx.of_type("org") if o.atlas_id}
    for org in _first_named_here(ctx, sent):
        entry = ctx.atlas.orgs.get(org.atlas_id) if org.atlas_id else None
        if entry and entry.parent and entry.parent in by_atlas:
            yield Found(org, by_atlas[entry.parent])


def _unit_of_city(ctx: Context, form: str) -> re.Match[str] | None:
    """"Example Micro Qingdao" -> ("Example Micro", "Qingdao") when the tail is a city the article names."""
    for place in ctx.of_type("place"):
        if place.kind != "city":
            continue
        for pname in place.surface_forms:
            match = re.match(rf"^(.+) ({re.escape(pname)})$", form)
            if match:
                return match
    return None


@ENGLISH.rule("subsidiary_of.local_unit_name", "subsidiary_of", 0.85)
def local_unit_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Micro (Wuxi)" or "Example Micro Wuxi" is the local unit of "Example Micro"."""
    orgs = ctx.of_type("org")
    for org in _first_named_here(ctx, sent):
        for form in org.surface_forms:
            base = re.match(r"^(.+?) \((.+)\)$", form) or _unit_of_city(ctx, form)
            if not base:
                continue
            for other in orgs:
                if other is not org and base.group(1) in other.surface_forms:
                    yield Found(org, other)


@ENGLISH.rule("subsidiary_of.of_parent_name", "subsidiary_of", 0.7)
def of_parent_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"School of Physics of Example University": a unit named "... of <parent>" of the same kind."""
    orgs = ctx.of_type("org")
    for org in _first_named_here(ctx, sent):
        for form in org.surface_forms:
            base = re.match(r"^(.+?) \((.+)\)$", form) or _unit_of_city(ctx, form)
            of_tail = re.match(r"^.+ of (?:the )?(.+)$", form)
            if not of_tail:
                continue
            for other in orgs:
                if other is org or (base and base.group(1) in other.surface_forms):
                    continue  # a local unit's name, read by local_unit_name
                if of_tail.group(1) in other.surface_forms and org.kind == other.kind:
                    yield Found(org, other)


@ENGLISH.rule("subsidiary_of.cue_between", "subsidiary_of", 0.85)
def cue_between(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"A, a wholly-owned subsidiary of B", "A, a unit of B": the cue between two names."""
    low = ctx.sents[sent].text.lower()
    if not any(cue in low for cue in SUBSIDIARY_CUES):
        return
    items = [x for x in ctx.items(sent) if x.entity.type == "org"]
    for a, b in itertools.pairwise(items):
        between = ctx.doc[a.end : b.start].text.lower()
        if any(cue in between for cue in SUBSIDIARY_CUES) and len(between) < _CUE_REACH:
            yield Found(a.entity, b.entity)
