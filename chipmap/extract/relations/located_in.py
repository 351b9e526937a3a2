"""located_in: where an organisation is, one rule per way news says it.

Sentence shapes: a "<place>-based" adjective before the organisation or in an appositive
after it; a site noun placed "in <place>" ("its plant in Y"); a list of organisations
"in <place>"; a possessive site ("X's Wuxi fab"); a placing verb ("founded in Y",
"settled in Y"); a place and a descriptor before the name ("Wuxi chip company X"); a
place that takes organisations in ("Y has attracted A and B"); and, article-wide, a
place the article names written inside the organisation's own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chipmap.extract.context import Context, Item
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import DESCRIPTORS, HOST_VERBS, SETTLE_VERBS, SITE_NOUNS
from chipmap.extract.relations.registry import ENGLISH, Node
from chipmap.extract.rules import Found

_BASED = frozenset({"based", "headquartered"})
_POSSESSIVE = frozenset({"'s", "\u2019s"})
_APPOSITIVE_OPENERS = frozenset({", a", ", an", ", the", "is a", "is an", ", one", "a", "an"})
_IN = frozenset({"in", "at", ", in", "located in", ", located in", "based in", ", based in", "in the", "at the"})
_LIST_GLUE = frozenset({",", "and", ", and", "&"})


def _places(ctx: Context, sent: int) -> Iterator[tuple[int, Item]]:
    for idx, item in enumerate(ctx.items(sent)):
        if item.entity.type == "place":
            yield idx, item


def _based_on(ctx: Context, item: Item) -> bool:
    doc = ctx.doc
    return item.end + 2 <= len(doc) and doc[item.end].text == "-" and doc[item.end + 1].lower_ in _BASED


@ENGLISH.rule("located_in.based_before_name", "located_in", 0.9)
def based_before_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Hangzhou-based Example Microsystems": the adjective right before the name."""
    items = ctx.items(sent)
    for idx, place in _places(ctx, sent):
        if not _based_on(ctx, place):
            continue
        nxt = items[idx + 1] if idx + 1 < len(items) else None
        if nxt and nxt.entity.type == "org" and nxt.start - (place.end + 2) <= 3:
            yield Found(nxt.entity, place.entity)


@ENGLISH.rule("located_in.based_appositive", "located_in", 0.85)
def based_appositive(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Microsystems, a Hangzhou-based designer": the adjective in an appositive."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in _places(ctx, sent):
        if not _based_on(ctx, place) or idx == 0:
            continue
        nxt = items[idx + 1] if idx + 1 < len(items) else None
        if nxt and nxt.entity.type == "org" and nxt.start - (place.end + 2) <= 3:
            continue  # the adjective belongs to the name after it
        prev = items[idx - 1]
        if prev.entity.type == "org" and doc[prev.end : place.start].text.strip().lower() in _APPOSITIVE_OPENERS:
            yield Found(prev.entity, place.entity)


def _site_owner(ctx: Context, items: list[Item], idx: int) -> Entity | None:
    """The company whose plant, fab or centre is placed "in <place>" right here.

    Reads "<site noun> in [the] <place>" and gives the nearest company named before it in
    the sentence (an "its" in between refers to the same one).
    """
    doc = ctx.doc
    k = items[idx].start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ not in {"in", "at"} or doc[k - 1].lower_ not in SITE_NOUNS:
        return None
    for item in reversed(items[:idx]):
        if item.end > k - 1:
            continue
        if item.entity.type == "place":
            return None  # a place between the company and the site noun belongs to another clause
        if item.entity.type == "org" and item.entity.kind == "company":
            return item.entity
    return None


@ENGLISH.rule("located_in.site_in_place", "located_in", 0.7)
def site_in_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X said its plant in Changzhou ...", "a wafer fab in Xiamen"; with "in Y's Z area", Z too."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in _places(ctx, sent):
        owner = _site_owner(ctx, items, idx)
        if owner is None:
            continue
        yield Found(owner, place.entity)
        nxt = items[idx + 1] if idx + 1 < len(items) else None
        if nxt and nxt.entity.type == "place" and doc[place.end : nxt.start].text.strip() in _POSSESSIVE:
            yield Found(owner, nxt.entity)


def _org_list_before(ctx: Context, items: list[Item], index: int) -> list[Entity]:
    """Organisations coordinated right before item ``index`` ("A, B and C in X")."""
    orgs: list[Entity] = []
    boundary = items[index].start
    for item in reversed(items[:index]):
        between = ctx.doc[item.end : boundary].text.strip().lower()
        if item.entity.type != "org":
            break
        if orgs and between not in _LIST_GLUE:
            break
        if not orgs and between not in _IN:
            break
        orgs.append(item.entity)
        boundary = item.start
    return orgs


@ENGLISH.rule("located_in.org_list_in_place", "located_in", 0.75)
def org_list_in_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Alpha Chips, Beta Devices and Gamma Foundry in Hefei ...": each listed name is there."""
    items = ctx.items(sent)
    for idx, place in _places(ctx, sent):
        for org in _org_list_before(ctx, items, idx):
            yield Found(org, place.entity)


@ENGLISH.rule("located_in.possessive_site", "located_in", 0.85)
def possessive_site(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Foundry's Xiamen fab": the owner, a possessive, the place, a site noun."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in _places(ctx, sent):
        if idx == 0 or place.end >= len(doc) or doc[place.end].lower_ not in SITE_NOUNS:
            continue
        prev = items[idx - 1]
        if prev.entity.type == "org" and doc[prev.end : place.start].text.strip() in _POSSESSIVE:
            yield Found(prev.entity, place.entity)


def _settled(ctx: Context, sent: int) -> list[tuple[Entity, Item]]:
    """(company, place) pairs of "<company> <placing verb> in <place>" in one sentence."""
    doc = ctx.doc
    items = ctx.items(sent)
    if not {t.lower_ for t in ctx.sents[sent]} & SETTLE_VERBS:
        return []
    orgs = [i.entity for i in items if i.entity.type == "org" and i.entity.kind == "company"]
    if len({o.key for o in orgs}) != 1:
        return []
    org = orgs[0]
    org_at = next(i.start for i in items if i.entity is org)
    sent_start = ctx.sents[sent].start
    out = []
    for place in items:
        if place.entity.type != "place" or place.start == 0:
            continue
        start = place.start
        prep = doc[start - 1].lower_ if doc[start - 1].lower_ != "the" else doc[start - 2].lower_
        verb = next((t for t in reversed(doc[max(0, start - 6) : start]) if t.lower_ in SETTLE_VERBS), None)
        if verb is None or prep not in {"in", "at"}:
            continue
        # The company must own the verb: it comes before the verb with no other place in
        # between, or the sentence opens with the participle ("Set up in 2019 in Y, X ...").
        owns = (org_at < verb.i and not any(
            i.entity.type == "place" and org_at < i.start < verb.i for i in items
        )) or (verb.i - sent_start <= 2 and org_at > start)
        if owns:
            out.append((org, place))
    return out


@ENGLISH.rule("located_in.settle_verb", "located_in", 0.7)
def settle_verb(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X was founded in Y", "Registered in Y in 2019, X ..." (the one company of the sentence)."""
    for org, place in _settled(ctx, sent):
        yield Found(org, place.entity)


@ENGLISH.rule("located_in.settle_verb_container", "located_in", 0.6)
def settle_verb_container(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X settled in the Y Science City of Z District": the place that contains the one named."""
    doc = ctx.doc
    items = ctx.items(sent)
    for org, place in _settled(ctx, sent):
        for other in items:
            if other.entity.type == "place" and other.start > place.start and \
                    doc[other.start - 1].lower_ in {"of", ","} and other.start - place.start < 12:
                yield Found(org, other.entity)


@ENGLISH.rule("located_in.place_descriptor", "located_in", 0.75)
def place_descriptor(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Xiamen chip company Example Micro": a place and a descriptor noun right before the name."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in _places(ctx, sent):
        later = items[idx + 1 :]
        if not later or later[0].entity.type != "org":
            continue
        between = doc[place.end : later[0].start]
        words = [t.lower_ for t in between]
        if 0 < len(words) <= 4 and words[-1] in DESCRIPTORS and all(t.is_alpha for t in between):
            yield Found(later[0].entity, place.entity)


@ENGLISH.rule("located_in.host_verb", "located_in", 0.65)
def host_verb(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Y District has attracted A, B and C", "Y is home to A": a place that takes companies in."""
    items = ctx.items(sent)
    doc = ctx.doc
    span = ctx.sents[sent]
    for idx, place in _places(ctx, sent):
        verb = next((t for t in doc[place.end : min(place.end + 4, span.end)] if t.lower_ in HOST_VERBS), None)
        if verb is None or (verb.lower_ == "home" and doc[verb.i - 1].lower_ not in {"is", "was", "become", "became"}):
            continue
        for other in items[idx + 1 :]:
            if other.entity.type == "org" and other.entity.kind == "company":
                yield Found(other.entity, place.entity)
            elif other.entity.type == "place":
                break


@ENGLISH.rule("located_in.place_in_name", "located_in", 0.6)
def place_in_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """A city or district the article names on its own, inside an organisation's name:
    "Wuxi Integrated Circuit Fund", "city government of Wuxi" (stated where the org is first named)."""
    for org in ctx.of_type("org"):
        if org.first.sent != sent:
            continue
        for form in org.surface_forms:
            for place in ctx.of_type("place"):
                if place.kind in {"country", "region"}:
                    continue
                for pname in place.surface_forms:
                    pattern = (rf"(^{re.escape(pname)}\b|\({re.escape(pname)}\)|"
                               rf"\bof (the )?{re.escape(pname)}( district| county| city)?$)")
                    if pname != form and re.search(pattern, form):
                        yield Found(org, place)
