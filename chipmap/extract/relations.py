"""located_in, part_of and subsidiary_of from the text and the atlas.

Each rule reads one sentence shape; together they cover how news places a
company ("Beijing-based X", "X in Lingang", "founded in 2014 in Lingang area",
"X's Shaoxing plant", "JCET (Shaoxing)", a place inside the org's own name)
and how it nests places ("the Lingang area of Shanghai", "Hefei, Anhui
province", the atlas hierarchy between places the article names).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import DESCRIPTORS, HOST_VERBS, SETTLE_VERBS, SITE_NOUNS, SUBSIDIARY_CUES

_BASED = frozenset({"based", "headquartered"})







@dataclass(frozen=True, slots=True)
class Link:
    """A relation between two entities found in one sentence."""

    type: str
    head: Entity
    tail: Entity
    sent: int
    confidence: float


def _sent_entities(ctx: Context, sent_index: int) -> list[tuple[Entity, int, int]]:
    """Outermost mentions of a sentence in text order (a name nested in another is skipped)."""
    out = [(e, m.token_start, m.token_end) for e in ctx.entities for m in e.mentions
           if m.sent == sent_index]
    outer = [x for x in out if not any(
        y is not x and y[1] <= x[1] and x[2] <= y[2] and (y[2] - y[1]) > (x[2] - x[1]) for y in out
    )]
    return sorted(outer, key=lambda x: x[1])


def _org_list_before(ctx: Context, items: list[tuple[Entity, int, int]], index: int) -> list[Entity]:
    """Organisations coordinated right before item ``index`` ("A, B and C in X")."""
    orgs: list[Entity] = []
    j = index - 1
    boundary = items[index][1]
    while j >= 0:
        entity, start, end = items[j]
        between = ctx.doc[end:boundary].text.strip().lower()
        if entity.type != "org":
            break
        if orgs and between not in {",", "and", ", and", "&"}:
            break
        if not orgs and between not in {"in", "at", ", in", "located in", ", located in",
                                         "based in", ", based in", "in the", "at the"}:
            break
        orgs.append(entity)
        boundary = start
        j -= 1
    return orgs


def _site_before(ctx: Context, items: list[tuple[Entity, int, int]], idx: int) -> Entity | None:
    """The company whose plant, fab or centre is placed "in <place>" right here.

    Reads "<site noun> in [the] <place>" and gives the nearest company named
    before it in the sentence (an "its" in between refers to the same one).
    """
    doc = ctx.doc
    start = items[idx][1]
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ not in {"in", "at"} or doc[k - 1].lower_ not in SITE_NOUNS:
        return None
    # a place between the company and the site noun belongs to another clause
    for entity, _s, end in reversed(items[:idx]):
        if end > k - 1:
            continue
        if entity.type == "place":
            return None
        if entity.type == "org" and entity.kind == "company":
            return entity
    return None


def located_in(ctx: Context) -> list[Link]:
    links: list[Link] = []
    doc = ctx.doc
    places = {e.key for e in ctx.of_type("place")}
    for si, _sent in enumerate(ctx.sents):
        items = _sent_entities(ctx, si)
        for idx, (entity, start, end) in enumerate(items):
            if entity.type == "place":
                # "Beijing-based Starblaze"; "Piotech, a Shenyang-based equipment maker"
                if end + 2 <= len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _BASED:
                    nxt = items[idx + 1] if idx + 1 < len(items) else None
                    prev = items[idx - 1] if idx > 0 else None
                    if nxt and nxt[0].type == "org" and nxt[1] - (end + 2) <= 3:
                        links.append(Link("located_in", nxt[0], entity, si, 0.9))
                    elif prev and prev[0].type == "org" and doc[prev[2]:start].text.strip().lower() in {
                        ", a", ", an", ", the", "is a", "is an", ", one", "a", "an"
                    }:
                        links.append(Link("located_in", prev[0], entity, si, 0.85))
                # "its plant in Shanghai's Lingang area", "a 12-inch fab in Tianjin"
                site = _site_before(ctx, items, idx)
                if site is not None:
                    links.append(Link("located_in", site, entity, si, 0.7))
                    # "in Shanghai's Lingang area": the smaller place too
                    nxt = items[idx + 1] if idx + 1 < len(items) else None
                    if nxt and nxt[0].type == "place" and doc[end:nxt[1]].text.strip() in {"'s", "\u2019s"}:
                        links.append(Link("located_in", site, nxt[0], si, 0.7))
                # "A, B and C in Pukou"
                for org in _org_list_before(ctx, items, idx):
                    links.append(Link("located_in", org, entity, si, 0.75))
                # "X's Shaoxing plant"
                if idx > 0 and end < len(doc) and doc[end].lower_ in SITE_NOUNS:
                    prev = items[idx - 1]
                    if prev[0].type == "org" and doc[prev[2]:start].text.strip() in {"'s", "\u2019s"}:
                        links.append(Link("located_in", prev[0], entity, si, 0.85))
        # "Founded in 2014 in Lingang area, X has ..." / "X was founded in Lingang"
        words = {t.lower_ for t in ctx.sents[si]}
        if words & SETTLE_VERBS:
            orgs = [e for e, _, _ in items if e.type == "org" and e.kind == "company"]
            for entity, start, _end in items:
                if entity.type != "place" or start == 0:
                    continue
                prep = doc[start - 1].lower_ if doc[start - 1].lower_ != "the" else doc[start - 2].lower_
                verb = next((t for t in reversed(doc[max(0, start - 6) : start])
                             if t.lower_ in SETTLE_VERBS), None)
                if verb is None or prep not in {"in", "at"} or len({o.key for o in orgs}) != 1:
                    continue
                org_at = next(s for e, s, _ in items if e is orgs[0])
                sent_start = ctx.sents[si].start
                # The company must own the verb: it comes before the verb with no other
                # place in between, or the sentence opens with the participle
                # ("Founded in 2014 in Lingang area, X ...").
                owns = (org_at < verb.i and not any(
                    e.type == "place" and org_at < s < verb.i for e, s, _ in items
                )) or (verb.i - sent_start <= 2 and org_at > start)
                if owns:
                    links.append(Link("located_in", orgs[0], entity, si, 0.7))
                    # "settled in the Knowledge City of Guangzhou Development District"
                    for other, ostart, _oend in items:
                        if other.type == "place" and ostart > start and \
                                doc[ostart - 1].lower_ in {"of", ","} and ostart - start < 12:
                            links.append(Link("located_in", orgs[0], other, si, 0.6))
    # A city or district the article names, inside an organisation's own name:
    # "Shanghai Integrated Circuit Investment Fund", "city government of Shanghai".
    for org in ctx.of_type("org"):
        for form in org.surface_forms:
            for place in ctx.of_type("place"):
                if place.key not in places or place.kind in {"country", "region"}:
                    continue
                for pname in place.surface_forms:
                    pattern = rf"(^{re.escape(pname)}\b|\({re.escape(pname)}\)|\bof (the )?{re.escape(pname)}( district| county| city)?$)"
                    if pname != form and re.search(pattern, form):
                        links.append(Link("located_in", org, place, org.first.sent, 0.6))
    links.extend(_hosted(ctx))
    return links


#: Verbs with which a place takes in organisations ("Pukou has attracted A, B and C").

#: Nouns that describe an organisation right after a place ("Guangzhou semiconductor company X").



def _hosted(ctx: Context) -> list[Link]:
    links: list[Link] = []
    doc = ctx.doc
    for si, sent in enumerate(ctx.sents):
        items = _sent_entities(ctx, si)
        for idx, (entity, _start, end) in enumerate(items):
            if entity.type != "place":
                continue
            later = items[idx + 1 :]
            # "Guangzhou semiconductor company CanSemi"
            if later and later[0][0].type == "org":
                between = doc[end : later[0][1]]
                words = [t.lower_ for t in between]
                if 0 < len(words) <= 4 and words[-1] in DESCRIPTORS and all(t.is_alpha for t in between):
                    links.append(Link("located_in", later[0][0], entity, si, 0.75))
            # "Pukou District have introduced major projects such as A, B and C"
            verb = next((t for t in doc[end : min(end + 4, sent.end)] if t.lower_ in HOST_VERBS), None)
            if verb is None or (verb.lower_ == "home" and doc[verb.i - 1].lower_ not in {"is", "was", "become", "became"}):
                continue
            for other, _s, _e in later:
                if other.type == "org" and other.kind == "company":
                    links.append(Link("located_in", other, entity, si, 0.65))
                elif other.type == "place":
                    break
    return links


def part_of(ctx: Context) -> list[Link]:
    links: list[Link] = []
    doc = ctx.doc
    places = ctx.of_type("place")
    by_atlas = {p.atlas_id: p for p in places if p.atlas_id}
    # Atlas hierarchy: each place to its nearest enclosing place the article names.
    for place in places:
        if not place.atlas_id:
            continue
        for ancestor in ctx.atlas.ancestors(place.atlas_id):
            if ancestor in by_atlas:
                links.append(Link("part_of", place, by_atlas[ancestor], place.first.sent, 0.9))
                break
    # Text: "the Lingang area of Shanghai", "Pukou District in Nanjing", "Hefei, Anhui province",
    # "Shaoxing's Binhai New Area".
    for si, _sent in enumerate(ctx.sents):
        items = [x for x in _sent_entities(ctx, si) if x[0].type == "place"]
        for (a, _as, ae), (b, bs, _be) in itertools.pairwise(items):
            if a.key == b.key:
                continue
            between = doc[ae:bs].text.strip().lower()
            if between in {"of", "in", ",", "area of", "district of", "of the", "in the", "area in"}:
                if ctx.level(b) < ctx.level(a):
                    links.append(Link("part_of", a, b, si, 0.8))
            elif between in {"'s", "\u2019s"} and ctx.level(a) < ctx.level(b):
                links.append(Link("part_of", b, a, si, 0.8))
    # Zones named after their city: "Shaoxing Integrated Circuit Design Industrial Park".
    have = {(link.head.key) for link in links}
    for place in places:
        if place.key in have or place.kind != "district":
            continue
        for other in places:
            if other is place or other.kind not in {"city", "province"}:
                continue
            if any(f.startswith(o + " ") for f in place.surface_forms for o in other.surface_forms):
                links.append(Link("part_of", place, other, place.first.sent, 0.6))
                break
    return links


def _unit_of_city(ctx: Context, form: str) -> re.Match[str] | None:
    """"SiEn Qingdao" -> ("SiEn", "Qingdao") when the tail is a city the article names."""
    for place in ctx.of_type("place"):
        if place.kind != "city":
            continue
        for pname in place.surface_forms:
            match = re.match(rf"^(.+) ({re.escape(pname)})$", form)
            if match:
                return match
    return None


def subsidiary_of(ctx: Context) -> list[Link]:
    links: list[Link] = []
    orgs = ctx.of_type("org")
    by_atlas = {o.atlas_id: o for o in orgs if o.atlas_id}
    for org in orgs:
        entry = ctx.atlas.orgs.get(org.atlas_id) if org.atlas_id else None
        if entry and entry.parent and entry.parent in by_atlas:
            links.append(Link("subsidiary_of", org, by_atlas[entry.parent], org.first.sent, 0.9))
        for form in org.surface_forms:
            # "JCET (Shaoxing)" is JCET's unit in Shaoxing; "School of X of Nanjing University".
            base = re.match(r"^(.+?) \((.+)\)$", form) or _unit_of_city(ctx, form)
            of_tail = re.match(r"^.+ of (?:the )?(.+)$", form)
            for other in orgs:
                if other is org:
                    continue
                names = other.surface_forms
                if base and base.group(1) in names:
                    links.append(Link("subsidiary_of", org, other, org.first.sent, 0.85))
                elif of_tail and of_tail.group(1) in names and org.kind == other.kind:
                    links.append(Link("subsidiary_of", org, other, org.first.sent, 0.7))
    # "X, a wholly-owned subsidiary of Y"
    doc = ctx.doc
    for si, sent in enumerate(ctx.sents):
        low = sent.text.lower()
        if not any(cue in low for cue in SUBSIDIARY_CUES):
            continue
        items = [x for x in _sent_entities(ctx, si) if x[0].type == "org"]
        for (a, _as, ae), (b, bs, _be) in itertools.pairwise(items):
            between = doc[ae:bs].text.lower()
            if any(cue in between for cue in SUBSIDIARY_CUES) and len(between) < 60:
                links.append(Link("subsidiary_of", a, b, si, 0.85))
    return links
