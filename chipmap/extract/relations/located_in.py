"""located_in: where an organisation is, one rule per way news says it.

Most shapes are read off the dependency parse: a preposition "in"/"at" governing places,
attached to a placing participle ("based in A", "headquartered in A"), a placing verb
("was founded in A", "will build a fab in A"), a site noun ("its plant in A", "the
company's fab in A"), or the organisation's own name ("X in A"). Others are read from the
tokens around the names: "A-based X", "A's X", "A chip company X", "X (A, China)", a
place that is home to a list of companies, "companies in A such as X and Y", and a place
the article names inside the organisation's own name ("Wuxi Example Fund", "Example China").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from chipmap.extract.context import Context, Item
from chipmap.extract.coref import Entity
from chipmap.extract.grammar import (
    is_site,
    org_at,
    org_of,
    owner_of_site,
    places_governed,
    singular,
    subject,
)
from chipmap.extract.lexicon import DESCRIPTORS, HOST_VERBS, SETTLE_VERBS
from chipmap.extract.relations.registry import ENGLISH, Node
from chipmap.extract.rules import Found

_IN = frozenset({"in", "at", "inside", "within"})
#: Participles that place what they modify: "a maker based in A", "X, headquartered in A".
_PLACED = frozenset({"based", "headquartered", "located", "situated", "registered", "domiciled"})
_POSSESSIVE = frozenset({"'s", "\u2019s"})
#: Words between "A's" and a name that make it a ranking, not a location ("A's largest X").
_RANKING = frozenset({"top", "leading", "biggest", "largest", "first", "second", "third", "major", "main",
                      "only", "best", "most", "no.", "number"})
#: Words that introduce the members of a group ("companies in A such as X and Y").
_INTRODUCERS = frozenset({"including", "include", "includes", "included", "like", "as"})
#: Tokens between a place and "-based" and the name it qualifies ("A-based pure-play foundry X").
_BASED_REACH = 6
#: Tokens of descriptors a list of names may have between its members ("vendors X and Y, brands Z").
_LIST_GAP = 5


def _with_conjuncts(ctx: Context, org: Entity, token: Token) -> list[Entity]:
    """``org`` and the organisations coordinated with the word that names it ("A, B and C")."""
    out = [org]
    for t in token.conjuncts:
        other = org_at(ctx, t)
        if other is not None and other not in out:
            out.append(other)
    return out


def _preps(ctx: Context, sent: int) -> list[tuple[Token, list[Entity]]]:
    """Each "in"/"at" of the sentence with the places it governs (read once per sentence)."""
    def read(c: Context) -> list[tuple[Token, list[Entity]]]:
        found = [(t, places_governed(c, t)) for t in c.tokens(sent, _IN) if t.dep_ == "prep"]
        return [(t, places) for t, places in found if places]

    return ctx.memo(f"located_in.preps.{sent}", read)


@ENGLISH.rule("located_in.placed_participle", "located_in", 0.85)
def placed_participle(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X, a chipmaker based in A", "X is headquartered in A", "Headquartered in A, X ..."."""
    for prep, places in _preps(ctx, sent):
        verb = prep.head
        if verb.lower_ not in _PLACED:
            continue
        who = verb.head if verb.dep_ in {"acl", "amod"} else subject(verb)
        if who is None:
            continue
        if who.dep_ == "pobj" and who.head.lower_ == "of" and who.head.head.pos_ == "NOUN":
            who = who.head.head  # "a maker of sensors based in A": the maker
        org = org_of(ctx, who) or (owner_of_site(ctx, who) if is_site(who) else None)
        if org is None or org.type != "org":
            continue
        for owner in _with_conjuncts(ctx, org, who):
            for place in places:
                yield Found(owner, place)


@ENGLISH.rule("located_in.placing_verb", "located_in", 0.75)
def placing_verb(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X was founded in A in 2016", "X set up a unit in A", "Registered in A, X ..."."""
    for prep, places in _preps(ctx, sent):
        verb = prep.head
        if verb.pos_ not in {"VERB", "AUX"} or verb.lower_ in _PLACED or verb.lower_ not in SETTLE_VERBS:
            continue
        who = subject(verb)
        org = org_of(ctx, who) if who is not None else None
        if org is not None and org.kind in {"company", "investor", "academic", ""}:
            for place in places:
                yield Found(org, place)


@ENGLISH.rule("located_in.site_in_place", "located_in", 0.75)
def site_in_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"its plant in A", "the company's fab in A", "X will build a packaging base in A"."""
    for prep, places in _preps(ctx, sent):
        head = prep.head
        site = head if is_site(head) or _set_up(head) else next(
            (c for c in head.children if c.dep_ in {"dobj", "nsubjpass", "attr"} and (is_site(c) or _set_up(c))),
            None) if head.pos_ in {"VERB", "AUX"} else None
        if site is None:
            continue
        owner = owner_of_site(ctx, site)
        if owner is not None and owner.type == "org":
            for place in places:
                yield Found(owner, place)


def _set_up(noun: Token) -> bool:
    """"establish an investment company in A": an organisation noun a placing verb sets up."""
    return (noun.lower_ in DESCRIPTORS or singular(noun.text) in DESCRIPTORS) and noun.dep_ == "dobj" \
        and noun.head.lower_ in SETTLE_VERBS and not noun.ent_type_


@ENGLISH.rule("located_in.possessive_site", "located_in", 0.85)
def possessive_site(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Foundry's Xiamen fab", "X's Jinan branch": owner, possessive, place, site noun."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in enumerate(items):
        if place.entity.type != "place" or idx == 0 or place.end >= len(doc) or not is_site(doc[place.end]):
            continue
        prev = items[idx - 1]
        if prev.entity.type == "org" and doc[prev.end : place.start].text.strip() in _POSSESSIVE:
            yield Found(prev.entity, place.entity)


@ENGLISH.rule("located_in.org_in_place", "located_in", 0.7)
def org_in_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X and Y in A expanded ...", "X, a foundry in A": a place phrase attached to the names
    themselves or to a descriptor in apposition."""
    for prep, places in _preps(ctx, sent):
        head = prep.head
        org = org_at(ctx, head)
        if org is None and head.dep_ == "appos" and (head.lower_ in DESCRIPTORS or singular(head.text) in DESCRIPTORS) \
                and not any(c.lower_ in _RANKING or c.lower_.endswith("est") for c in head.children):
            org = org_of(ctx, head)  # "X, a foundry in A"; not "X, the largest foundry in A"
        if org is None:
            continue
        for owner in _with_conjuncts(ctx, org, head):
            for place in places:
                yield Found(owner, place)


def _members(ctx: Context, sent: int, start: int) -> list[Entity]:
    """The organisations listed from token ``start`` on ("X, Y and Z", "vendors X and Y, brands Z")."""
    found: list[Entity] = []
    last_end: int | None = None
    for item in ctx.items(sent):
        if item.start < start:
            continue
        if item.entity.type != "org":
            if found:
                break
            continue
        if last_end is None and item.start - start > _LIST_GAP:
            break
        if last_end is not None:
            gap = ctx.doc[last_end : item.start]
            if len(gap) > _LIST_GAP or any((t.is_punct and t.text != ",") or t.pos_ in {"VERB", "AUX"}
                                           or not (t.is_lower or t.text == ",") for t in gap):
                break
        found.append(item.entity)
        last_end = item.end
    return found


def _introduced(ctx: Context, group: Token) -> list[Entity]:
    """Organisations a group noun introduces: "backers like X and Y", "firms such as X"."""
    for child in group.children:
        if child.dep_ == "prep" and child.lower_ in {"like", "including", "as"}:
            for obj in child.children:
                org = org_at(ctx, obj) if obj.dep_ == "pobj" else None
                if org is not None:
                    return _with_conjuncts(ctx, org, obj)
    return []


@ENGLISH.rule("located_in.members_in_place", "located_in", 0.7)
def members_in_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"chipmakers in A include X, Y and Z", "firms have centres in A, including X and Y"."""
    span = ctx.sents[sent]
    for prep, places in _preps(ctx, sent):
        group = prep.head
        if group.dep_ == "acl":  # "players operating in A, such as X"
            group = group.head
        if group.pos_ in {"VERB", "AUX"}:
            group = next((c for c in group.children if c.dep_ in {"dobj", "nsubj"}), group)
        if org_at(ctx, group) is not None or not (group.tag_ in {"NNS", "NNPS"} or is_site(group)):
            continue
        listed = _introduced(ctx, group)
        if listed:
            for org in listed:
                for place in places:
                    yield Found(org, place)
            continue
        for t in ctx.doc[prep.i + 1 : span.end]:
            if t.lower_ in _INTRODUCERS and (t.lower_ != "as" or ctx.doc[t.i - 1].lower_ == "such"):
                for org in _members(ctx, sent, t.i + 1):
                    for place in places:
                        yield Found(org, place)
                break


@ENGLISH.rule("located_in.where_clause", "located_in", 0.8)
def where_clause(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"... in A, where its headquarters are", "A, where X opened a plant"."""
    for item in ctx.items(sent):
        if item.entity.type != "place":
            continue
        place = item.entity
        for clause in (c for t in ctx.doc[item.start : item.end] for c in t.children if c.dep_ == "relcl"):
            if not any(c.lower_ == "where" for c in clause.children):
                continue
            who = subject(clause)
            org = None
            if who is not None:
                org = owner_of_site(ctx, who) if is_site(who) else org_of(ctx, who)
            if org is not None and org.type == "org":
                yield Found(org, place)


def _based_target(ctx: Context, place: Item) -> tuple[Entity, Token] | None:
    """The organisation "<place>-based" qualifies, and the word that names it."""
    doc = ctx.doc
    based = doc[place.end + 1]
    for k in range(place.end + 2, min(len(doc), place.end + 2 + _BASED_REACH)):
        org = org_at(ctx, doc[k])
        if org is not None:
            return org, doc[k]
        if doc[k].is_punct and doc[k].text != "-":
            break
    head = based.head if based.dep_ in {"amod", "acl", "compound", "npadvmod"} else None
    while head is not None and head.dep_ == "compound":
        head = head.head
    org = org_of(ctx, head) if head is not None else None
    return (org, head) if org is not None and head is not None else None


@ENGLISH.rule("located_in.based_adjective", "located_in", 0.9)
def based_adjective(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"A-based X", "A-based chip designer X", "the A-based foundry", "A-based X, Y and Z"."""
    doc = ctx.doc
    for place in ctx.items(sent):
        if place.entity.type != "place" or place.end + 2 > len(doc) or doc[place.end].text != "-" \
                or doc[place.end + 1].lower_ not in _PLACED:
            continue
        target = _based_target(ctx, place)
        if target is None:
            continue
        org, token = target
        for owner in _with_conjuncts(ctx, org, token):
            yield Found(owner, place.entity)


@ENGLISH.rule("located_in.possessive_place", "located_in", 0.75)
def possessive_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"A's X", "A's chipmaker X"; not a ranking ("A's largest foundry X") nor a national body."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in enumerate(items):
        if place.entity.type != "place" or place.end >= len(doc) or doc[place.end].lower_ not in _POSSESSIVE:
            continue
        nxt = items[idx + 1] if idx + 1 < len(items) else None
        if nxt is None or nxt.entity.type != "org" or nxt.entity.kind == "government":
            continue
        between = [t for t in doc[place.end + 1 : nxt.start]]
        if len(between) > 3 or any(t.lower_ in _RANKING or t.lower_.endswith("est") or not t.is_lower
                                   for t in between):
            continue
        yield Found(nxt.entity, place.entity)


@ENGLISH.rule("located_in.place_descriptor", "located_in", 0.75)
def place_descriptor(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Xiamen chip company Example Micro", "US chip group X": a place and a descriptor noun."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, place in enumerate(items):
        later = items[idx + 1 :]
        if place.entity.type != "place" or not later or later[0].entity.type != "org":
            continue
        between = doc[place.end : later[0].start]
        words = [t.lower_ for t in between]
        if 0 < len(words) <= 4 and singular(words[-1]) in DESCRIPTORS and all(t.is_alpha or t.text == "-"
                                                                           for t in between):
            yield Found(later[0].entity, place.entity)


@ENGLISH.rule("located_in.appositive_descriptor", "located_in", 0.75)
def appositive_descriptor(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"X, the second-largest US chipmaker, ...": a place inside the descriptor after a name."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, org in enumerate(items[:-1]):
        place = items[idx + 1]
        if org.entity.type != "org" or place.entity.type != "place" or org.end + 1 >= len(doc) \
                or doc[org.end].text != "," or doc[org.end + 1].lower_ not in {"a", "an", "the"}:
            continue
        between = doc[org.end + 2 : place.start]
        if len(between) > 3 or any(t.is_punct and t.text != "-" for t in between):
            continue
        words = []
        for t in doc[place.end : min(len(doc), place.end + 4)]:
            if not (t.is_lower or t.text == "-"):
                break
            words.append(t)
        if words and singular(words[-1].text) in DESCRIPTORS:
            yield Found(org.entity, place.entity)


@ENGLISH.rule("located_in.parenthetical_place", "located_in", 0.8)
def parenthetical_place(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"Example Foundry (Xiamen, China) said ...": the place qualifying a name (the first one)."""
    items = ctx.items(sent)
    doc = ctx.doc
    for idx, org in enumerate(items[:-1]):
        place = items[idx + 1]
        if org.entity.type == "org" and place.entity.type == "place" and org.end < len(doc) \
                and doc[org.end].text == "(" and place.start == org.end + 1 \
                and place.end < len(doc) and doc[place.end].text in {",", ")"}:
            yield Found(org.entity, place.entity)


@ENGLISH.rule("located_in.host_verb", "located_in", 0.65)
def host_verb(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """"A has attracted X, Y and Z", "A is now home to X": a place that takes companies in."""
    items = ctx.items(sent)
    doc = ctx.doc
    span = ctx.sents[sent]
    for idx, place in enumerate(items):
        if place.entity.type != "place":
            continue
        verb = next((t for t in doc[place.end : min(place.end + 5, span.end)] if t.lower_ in HOST_VERBS), None)
        if verb is None or (verb.lower_ == "home" and not any(
                t.lower_ in {"is", "was", "become", "became", "been"} for t in doc[place.end : verb.i])):
            continue
        for other in items[idx + 1 :]:
            if other.entity.type == "org" and other.entity.kind == "company":
                yield Found(other.entity, place.entity)
            elif other.entity.type == "place":
                break


def _unit_of(form: str, country: str) -> bool:
    """"Example China": a company's unit named after the country it works in (not "Bank of China")."""
    return bool(re.search(rf"^[A-Z][\w&-]*( [A-Z][\w&-]*)? {re.escape(country)}$", form)) \
        and not form.endswith(f"Greater {country}")  # "Example Greater China" works in a region


def _names_place(form: str, pname: str, *, unit: bool) -> bool:
    """True when an organisation's name contains a place's name where names put their place."""
    p = re.escape(pname)
    if re.search(rf"(^{p}\b|\({p}\)|\bof (the )?{p}( district| county| city| province)?$)", form):
        return True
    return unit and bool(re.search(rf"[^f] {p}$", form))


@ENGLISH.rule("located_in.place_in_name", "located_in", 0.6)
def place_in_name(ctx: Context, sent: int) -> Iterator[Found[Node]]:
    """A place the article names on its own inside an organisation's name: "Wuxi Example Fund",
    "city government of Wuxi", and for a unit named "<parent> <place>" the place, a country too
    ("Example China"); a country opening a national body's name gives nothing."""
    for org, place in ctx.memo("located_in.place_in_name", _places_in_names):
        if org.first.sent == sent:
            yield Found(org, place)


def _places_in_names(ctx: Context) -> list[tuple[Entity, Entity]]:
    pairs: list[tuple[Entity, Entity]] = []
    places = [(p, [p.name, *p.aliases]) for p in ctx.of_type("place") if p.kind != "region"]
    for org in ctx.of_type("org"):
        for form in org.surface_forms:
            for place, names in places:
                country = place.kind == "country"
                if any(f != form and f in form and (_unit_of(form, f) if country else
                                                     _names_place(form, f, unit=True)) for f in names) \
                        and not any(o is org and p is place for o, p in pairs):
                    pairs.append((org, place))
    return pairs
