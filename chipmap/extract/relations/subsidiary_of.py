"""subsidiary_of: an organisation that belongs to another.

From the atlas (an entry's parent); from the unit's own name ("Example Micro (Wuxi)",
"Example Micro Wuxi", "Example China", "School of X of Y University", "EXA Electronics
Sub-Council" under EXA); from a cue between two names ("A, a subsidiary of B", "A, a joint
venture of B"); from a possessive with a unit noun ("B's chip-making arm A", "its
subsidiary A", "B's A"); from "its parent, B"; and from an academic unit "at" its
university ("the Department of Physics at Example University").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.tokens import Token

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.grammar import antecedent, org_at, org_of, singular
from chipmap.extract.lexicon import STRONG_HEADS, SUBSIDIARY_CUES
from chipmap.extract.relations.registry import ENGLISH, Node
from chipmap.extract.rules import Found

#: Tokens a cue may stand from the parent's name ("a subsidiary of state-owned B").
_CUE_REACH = 4
_POSSESSIVE = frozenset({"'s", "\u2019s"})
#: Nouns for an organisation's part ("B's arm A", "its subsidiary A").
_UNIT_NOUNS = frozenset({"arm", "unit", "subsidiary", "affiliate", "division", "branch", "spin-off", "offshoot",
                         "subsidiaries", "units"})
#: Heads of a unit's name that say it is part of the organisation named with it.
_UNIT_HEADS = frozenset({"department", "school", "college", "faculty", "institute", "laboratory", "lab",
                         "center", "centre", "office", "bureau", "branch", "division", "committee", "council",
                         "sub-council", "chapter"})


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


def _unit_of_place(ctx: Context, form: str) -> re.Match[str] | None:
    """"Example Micro Qingdao" -> ("Example Micro", "Qingdao") when the tail is a city or country
    the article names."""
    for place in ctx.of_type("place"):
        if place.kind not in {"city", "country"}:
            continue
        for pname in place.surface_forms:
            match = re.match(rf"^(.+) ({re.escape(pname)})$", form)
            if match:
                return match
    return None


def _local_base(ctx: Context, form: str) -> str | None:
    """The parent's name in a local unit's name ("Example Micro" in "Example Micro (Wuxi)")."""
    def read(c: Context) -> str | None:
        base = re.match(r"^(.+?) \((.+)\)$", form) or _unit_of_place(c, form)
        return base.group(1) if base else None

    return ctx.memo(f"subsidiary_of.base.{form}", read)


@ENGLISH.rule("subsidiary_of.local_unit_name", "subsidiary_of", 0.85)
def local_unit_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Micro (Wuxi)", "Example Micro Wuxi" or "Example China" is the local unit of
    "Example Micro"."""
    orgs = ctx.of_type("org")
    for org in _first_named_here(ctx, sent):
        for form in org.surface_forms:
            base = _local_base(ctx, form)
            for other in orgs:
                if base and other is not org and base in other.surface_forms:
                    yield Found(org, other)


@ENGLISH.rule("subsidiary_of.of_parent_name", "subsidiary_of", 0.75)
def of_parent_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"School of Physics of Example University", "Centre of the Ministry of Commerce": a unit
    named "... of <parent>" (a unit head, or the same kind as the parent)."""
    orgs = ctx.of_type("org")
    for org in _first_named_here(ctx, sent):
        for form in org.surface_forms:
            base = _local_base(ctx, form)
            for tail in re.finditer(r" of (?:the )?", form):
                rest = form[tail.end() :]
                before = form[: tail.start()].lower().split()
                head = form.split()[0].lower() if before[-1] not in _UNIT_HEADS else before[-1]
                for other in orgs:
                    if other is org or (base and base in other.surface_forms) or rest not in other.surface_forms:
                        continue
                    if org.kind == other.kind or head in _UNIT_HEADS or head in STRONG_HEADS:
                        yield Found(org, other)


@ENGLISH.rule("subsidiary_of.parent_name_first", "subsidiary_of", 0.7)
def parent_name_first(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"EXA Electronics Industry Sub-Council" is a unit of "EXA": a name that opens with another
    organisation's name and ends in a unit head (council, branch, institute ...)."""
    orgs = ctx.of_type("org")
    for org in _first_named_here(ctx, sent):
        for form in org.surface_forms:
            words = re.sub(r"-", " - ", form).lower().split()
            if not words or words[-1] not in _UNIT_HEADS:
                continue
            for other in orgs:
                if other is not org and any(form.startswith(f + " ") and len(f.split()) < len(form.split()) - 1
                                            for f in other.surface_forms):
                    yield Found(org, other)


@ENGLISH.rule("subsidiary_of.cue_between", "subsidiary_of", 0.85)
def cue_between(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"A, a wholly-owned subsidiary of B", "A, a joint venture of B", "A is a unit of B"."""
    low = ctx.sents[sent].text.lower()
    if not any(cue in low for cue in SUBSIDIARY_CUES):
        return
    doc = ctx.doc
    items = [x for x in ctx.items(sent) if x.entity.type == "org"]
    for a, b in itertools.pairwise(items):
        between = doc[a.end : b.start]
        text = " " + " ".join(t.lower_ for t in between) + " "
        for cue in SUBSIDIARY_CUES:
            at = text.find(f" {cue} ")
            if at < 0:
                continue
            before = text[:at].split()
            after = text[at + len(cue) + 2 :].split()
            if len(before) <= 2 * _CUE_REACH - 2 and len(after) <= _CUE_REACH and "and" not in before \
                    and ";" not in before:
                yield Found(a.entity, b.entity)
                break


def _unit_noun(token: Token) -> bool:
    return token.lower_ in _UNIT_NOUNS or singular(token.text) in _UNIT_NOUNS


@ENGLISH.rule("subsidiary_of.possessive_unit", "subsidiary_of", 0.85)
def possessive_unit(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"B's chip-making arm A", "its subsidiary A", "B's Jinan branch A": a unit noun owned by B
    and named A."""
    for token in ctx.tokens(sent, _UNIT_NOUNS):
        owner = next((org_of(ctx, c) for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        unit = next((org_at(ctx, c) for c in token.children if c.dep_ in {"appos", "compound"}
                     and org_at(ctx, c) is not None), None)
        if unit is None and token.i + 1 < len(ctx.doc):
            unit = org_at(ctx, ctx.doc[token.i + 1])
        if unit is not None and unit is not owner:
            yield Found(unit, owner)


@ENGLISH.rule("subsidiary_of.possessive_name", "subsidiary_of", 0.65)
def possessive_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"B's A" with two company names and nothing between: A is B's unit."""
    items = ctx.items(sent)
    doc = ctx.doc
    for a, b in itertools.pairwise(items):
        if a.entity.type == "org" and b.entity.type == "org" and a.entity.kind == b.entity.kind == "company" \
                and b.start == a.end + 1 and doc[a.end].lower_ in _POSSESSIVE:
            yield Found(b.entity, a.entity)


@ENGLISH.rule("subsidiary_of.parent_noun", "subsidiary_of", 0.8)
def parent_noun(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"its parent, B", "parent company B", "X's parent B": the owner of "parent" belongs to B."""
    for token in ctx.tokens(sent, frozenset({"parent", "parents"})):
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        if poss is None and token.dep_ == "pobj" and token.head.dep_ == "prep":
            # "A's merger with parent B": the possessive of the noun the phrase belongs to
            poss = next((c for c in token.head.head.children if c.dep_ == "poss"), None)
        child = org_of(ctx, poss) if poss is not None else antecedent(ctx, token)
        parent = next((org_at(ctx, c) for c in token.children if c.dep_ in {"appos", "compound"}
                       and org_at(ctx, c) is not None), None)
        k = token.i + 1
        while parent is None and k < min(len(ctx.doc), token.i + 4):
            if ctx.doc[k].lower_ not in {",", "company", "group"}:
                parent = org_at(ctx, ctx.doc[k])
                break
            k += 1
        if child is not None and parent is not None and child is not parent:
            yield Found(child, parent)


@ENGLISH.rule("subsidiary_of.unit_at_parent", "subsidiary_of", 0.75)
def unit_at_parent(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"the Department of Physics at Example University": an academic or office unit "at" B."""
    items = ctx.items(sent)
    doc = ctx.doc
    for a, b in itertools.pairwise(items):
        if a.entity.type != "org" or b.entity.type != "org" or b.start != a.end + 1 or doc[a.end].lower_ != "at":
            continue
        if doc[a.start].lower_ in _UNIT_HEADS or doc[a.end - 1].lower_ in _UNIT_HEADS:
            yield Found(a.entity, b.entity)
