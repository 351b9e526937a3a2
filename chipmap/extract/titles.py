"""People's titles and the bodies they serve (``holds_position``): a small title grammar.

A title is one or more units joined by commas and "and"; a unit is a role with its body:

    UNIT  := BODY ["'s"] ROLE                 "Example Micro chairman", "Wuxi's mayor"
           | ROLE [("of"|"at"|"for"|"with"|"in") BODY]
    ROLE  := WORD* HEAD (("and"|"&"|"-") WORD* HEAD)* ["of" FIELD]
             "executive vice president", "founder and CEO", "director of marketing"
    BODY  := an organisation or place name, optionally after "<place>-based" and descriptor words
             ("investment firm X"), or a reference ("the company", "the Wuxi-based foundry", "the park")

News puts a title in a handful of places around a person's name, and each is one shape
(``Position.shape``): before the name ("Vice President of Example University Wang Lei",
"its chairman Li Na"), in an appositive after it ("Wang Lei, mayor of Wuxi,"), after a verb
("Li Na was appointed CEO of X", "Li is X's CTO"), shared by coordinated names ("Provincial
leaders A and B"). A title that names no body belongs to the article's city when it is a
city post ("Mayor X") and to the article's subject company when it is a company post
("CEO X said ..."), or to the body a preceding name's title gave ("X's partner A and partner B").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.grammar import antecedent, place_reference, salient_company, singular
from chipmap.extract.lexicon import (
    APPOINT_VERBS,
    CITY_TITLES,
    DEMONYMS,
    DESCRIPTORS,
    HONORIFICS,
    HYPHEN_ADJECTIVES,
    TITLE_ACRONYMS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from chipmap.extract.mentions import Mention
from chipmap.vocab.words import word_set

_ROLE_FIELDS = word_set("role_fields")
_COMPANY_ROLES = word_set("company_roles")
#: Words between a name and a verb that leave the verb the name's ("X, who is now ...").
_LINKS = frozenset({"was", "is", "has", "had", "been", "be", "will", "would", "who", "currently", "now", "also",
                    "already", "still", "newly", "recently", "then", "later", "to", "previously", "formerly",
                    "once", "briefly", "officially"})
_COPULAS = frozenset({"is", "was", "remains", "remained"})
_BODY_PREPS = frozenset({"of", "at", "for", "with", "in"})
_POSSESSIVE = frozenset({"'s", "\u2019s"})
_GLUE = frozenset({",", "and"})
_BODY_HOLDERS = frozenset({"org", "place"})
#: Descriptor words a body may have before its name ("investment firm X", "pure-play foundry X").
_DESCRIPTOR_REACH = 4
#: Bodies named inside a title without a name of their own ("of the Party Committee").
_GOVERNING_BODIES = frozenset({"committee", "board", "directors", "council", "commission", "cabinet"})


@dataclass(frozen=True, slots=True)
class Position:
    """A title a person holds, as written, with the role words and the body if named."""

    person: Entity
    title: str  # full phrase as written, without the name
    role: str  # role words only ("Executive Vice President")
    body: Entity | None
    sent: int
    shape: str  # before_name, possessive, appositive, appointment_verb, shared_title, shared_body
    plural: bool = False
    implicit: str = ""  # "city" or "company" when no body is written and the article's one is used


@dataclass(frozen=True, slots=True)
class Unit:
    """One role of a title: the tokens as written, the role words and the body."""

    start: int
    end: int
    role_start: int
    role_end: int
    body: Entity | None
    possessive: bool = False


def _is_head(token: Token) -> bool:
    low = token.lower_
    if token.pos_ == "VERB" and low.endswith("s"):
        return False  # "heads", "chairs": verbs, not titles
    return low in TITLE_HEADS or singular(token.text) in TITLE_HEADS or token.text in TITLE_ACRONYMS


def _is_word(token: Token) -> bool:
    low = token.lower_
    return _is_head(token) or low in TITLE_MODIFIERS or low in _ROLE_FIELDS or low == "r&d"


def _entity_starting(ctx: Context, i: int) -> tuple[Entity, int] | None:
    hit = ctx.starting_at(i)
    return (hit[0], hit[1].token_end) if hit and hit[0].type in _BODY_HOLDERS else None


def _role(ctx: Context, i: int, limit: int) -> int:
    """End of the role words starting at ``i`` (``i`` when there are none)."""
    doc = ctx.doc
    j, last_head = i, -1
    while j < limit:
        token = doc[j]
        if _is_word(token) and (j == i or ctx.starting_at(j) is None or ctx.at(j) == ctx.at(i)):
            if _is_head(token):
                last_head = j
            j += 1
        elif token.lower_ in {"and", "&", "-"} and j + 1 < limit and _is_word(doc[j + 1]) and j > i:
            j += 1
        else:
            break
    if last_head < 0:
        return i
    end = last_head + 1
    if end < j and doc[end].lower_ == "general":
        end += 1  # "secretary general", "director general"
    # "director of marketing and sales", "senior director of R&D": a field, not a body
    if end + 1 < limit and doc[end].lower_ == "of":
        k = end + 1 + (doc[end + 1].lower_ == "the")
        m = k
        while m < limit and ctx.at(m) is None and not doc[m].is_punct and doc[m].lower_ not in _BODY_PREPS \
                and (doc[m].is_lower or doc[m].text in {"R&D", "&"}):
            m += 1
        if m > k and (m == limit or ctx.starting_at(m) is None) and _reference(ctx, end + 1, m) is None:
            end = m
        elif m == k and ctx.at(k) is None:
            # "Deputy Secretary of the Party Committee": a capitalised body that is no name
            while m < limit and ctx.at(m) is None and doc[m].text[:1].isupper() and not _is_head(doc[m]):
                m += 1
            if m > k and doc[m - 1].lower_ in _GOVERNING_BODIES:
                end = m
    return end


def _reference(ctx: Context, start: int, end: int) -> Entity | None:
    """A definite description in [start, end): "the company", "the Wuxi-based foundry", "the park"."""
    doc = ctx.doc
    if end <= start or doc[start].lower_ != "the":
        return None
    head = doc[end - 1]
    if head.lower_ in DESCRIPTORS or singular(head.text) in DESCRIPTORS:
        return antecedent(ctx, head)
    return place_reference(ctx, head)


def _body(ctx: Context, i: int, limit: int) -> tuple[Entity, int] | None:
    """The body a title names from token ``i``, and where it ends."""
    doc = ctx.doc
    start = i
    while i < limit and doc[i].lower_ in {"the", "both"}:
        i += 1
    hit = _entity_starting(ctx, i)
    if hit and hit[0].type == "place" and hit[1] + 1 < limit and doc[hit[1]].text == "-" \
            and doc[hit[1] + 1].lower_ in HYPHEN_ADJECTIVES:
        i, hit = hit[1] + 2, None  # "the Wuxi-based ..." qualifies what follows
    if hit:
        return hit
    m = i
    while m < limit and m - i < _DESCRIPTOR_REACH and ctx.at(m) is None and (doc[m].is_lower or doc[m].text == "-"):
        m += 1
    hit = _entity_starting(ctx, m)
    if hit and hit[0].type == "org":
        return hit
    if doc[i].lower_ in {"its", "their"} and m + 1 < limit and doc[m].text == ",":
        hit = _entity_starting(ctx, m + 1)  # "its parent, Example Group"
        if hit:
            return hit
    reference = _reference(ctx, start, m) if m > i else None
    return (reference, m) if reference is not None else None


def _demonym_body(ctx: Context, token: Token) -> Entity | None:
    """"Chinese President X": the country a nationality adjective names, if the article names it."""
    country = DEMONYMS.get(token.lower_)
    if not country:
        return None
    return next((p for p in ctx.of_type("place") if country in {p.name, *p.aliases}), None)


def _units(ctx: Context, i: int, limit: int, *, appositive: bool = False) -> tuple[list[Unit], int]:
    """Title units from token ``i`` (see the module grammar), and where they stop."""
    doc = ctx.doc
    units: list[Unit] = []
    while i < limit:
        while i < limit and doc[i].lower_ in {"the", "a", "an", "and", ","}:
            i += 1
        start = i
        body: Entity | None = None
        possessive = False
        hit = _entity_starting(ctx, i)
        demonym = _demonym_body(ctx, doc[i]) if i < limit else None
        if hit or demonym:
            j = hit[1] if hit else i + 1
            if j < limit and doc[j].lower_ in _POSSESSIVE:
                j, possessive = j + 1, True
            if _role(ctx, j, limit) == j:
                break
            body = hit[0] if hit else demonym
            i = j
        role_start = i
        end = _role(ctx, i, limit)
        if end == i:
            break
        i = end
        if body is None and i < limit and doc[i].lower_ in _BODY_PREPS:
            found = _body(ctx, i + 1, limit)
            if found:
                body, i = found
        elif body is None and appositive and i + 1 < limit and doc[i].text == ",":
            found = _entity_starting(ctx, i + 1)  # "senior vice president, Example Group"
            if found and found[0].type == "org":
                body, i = found
        if appositive and ctx.starting_at(i) and ctx.starting_at(i)[0].type == "person":  # type: ignore[index]
            break  # the title belongs to the next name ("..., Mayor Li")
        units.append(Unit(start, i, role_start, end, body, possessive))
        if body is not None and i + 1 < limit and doc[i].lower_ == "and":
            more = _body(ctx, i + 1, limit)  # "chairman of X and Y"
            if more and more[0].type == "org":
                units.append(Unit(start, more[1], role_start, end, more[0]))
                i = more[1]
        if i + 1 < limit and doc[i].lower_ in _GLUE:
            nxt = i + 1
            while nxt < limit and doc[nxt].lower_ in {"the", "a", "an", "and"}:
                nxt += 1
            if nxt < limit and (_is_word(doc[nxt]) or _entity_starting(ctx, nxt)):
                i = nxt
                continue
        break
    # "Deputy Secretary of the Party Committee and General Manager of X": the body shared
    for k in range(len(units) - 2, -1, -1):
        if units[k].body is None and units[k + 1].body is not None:
            units[k] = replace(units[k], body=units[k + 1].body)
    return units, i


def _possessor(ctx: Context, i: int) -> Entity | None:
    """The body "its" or "the university's" at token ``i`` points back at."""
    doc = ctx.doc
    token = doc[i]
    if token.lower_ in {"its", "their"}:
        return antecedent(ctx, token)
    if token.lower_ in _POSSESSIVE and i >= 2:
        return _reference(ctx, i - 2, i)
    return None


def _before(ctx: Context, mention: Mention) -> tuple[list[Unit], str]:
    """Title units written before the name, and the shape ("possessive" for "its CEO X")."""
    doc = ctx.doc
    sent_start = ctx.sents[mention.sent].start
    name = mention.token_start
    while name - 1 >= sent_start and doc[name - 1].lower_ in HONORIFICS:
        name -= 1  # "CEO Dr. Wang"
    i, start = name - 1, name
    while i >= sent_start:
        hit = ctx.ending_at(i + 1)
        if hit and hit[1] is not mention:
            if hit[0].type not in _BODY_HOLDERS:
                break
            start = i = hit[1].token_start
            i -= 1
            continue
        token = doc[i]
        if _is_word(token) or (_demonym_body(ctx, token) and i + 1 < name and _is_word(doc[i + 1])):
            start = i
            i -= 1
            continue
        if token.lower_ in {"of", "the", "'s", "\u2019s", "-", "at", "and", ",", "for"} and i - 1 >= sent_start:
            i -= 1
            continue
        break
    if start >= name:
        return [], "before_name"
    # "X, vice mayor of Wuxi, and Y": a title between another person's name and a comma is
    # that person's appositive, not Y's title.
    k = start - 1
    while k > sent_start and doc[k].lower_ in {"a", "an", "the"}:
        k -= 1
    if k >= sent_start + 1 and doc[k].text == "," and doc[name - 1].lower_ in _GLUE:
        hit = ctx.ending_at(k)
        if hit and hit[0].type == "person":
            return [], "before_name"
    owner = _possessor(ctx, start - 1) if start - 1 >= sent_start and _is_word(doc[start]) else None

    def clean(stop: int) -> bool:
        return all(t.text in _GLUE for t in doc[stop:name])

    units, stop = _units(ctx, start, name)
    if owner is not None and units and clean(stop):
        return [u if u.body else replace(u, body=owner) for u in units], "possessive"
    while units and not clean(stop):
        units, stop = _units(ctx, units[0].end, name)
    return units, "possessive" if units and any(u.possessive for u in units) else "before_name"


def _after(ctx: Context, mention: Mention) -> tuple[list[Unit], str]:
    """Title units after the name: an appositive ("X, vice mayor of Y") or a verb ("X was named
    CTO of Y", "X is Y's CEO")."""
    doc = ctx.doc
    limit = ctx.sents[mention.sent].end
    i = mention.token_end
    if i + 2 < limit and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text == ",":
        i += 3  # "Wang Lei, 51, was ...": an age
    if i + 1 < limit and doc[i].lower_ in {"its", "their"} and _is_word(doc[i + 1]):
        # "named Wang Lei its president"
        units, _ = _units(ctx, i + 1, limit, appositive=True)
        owner = _possessor(ctx, i)
        if units and owner is not None:
            return [u if u.body else replace(u, body=owner) for u in units], "possessive"
    if i < limit and doc[i].text in {",", "("}:
        i += 1
        while i < limit and doc[i].lower_ in _LINKS | _COPULAS | {"the"}:
            i += 1
        if i < limit and doc[i].lower_ in APPOINT_VERBS:
            i += 1
            while i < limit and doc[i].lower_ in {"as", "to"}:
                i += 1
        units, _ = _units(ctx, i, limit, appositive=True)
        return units, "appositive"
    if i + 1 < limit and doc[i].lower_ == "as":
        # "appointed X as chief executive of Y", "named X as its chairman"
        units, _ = _units(ctx, i + 1, limit, appositive=True)
        if units:
            return units, "appointment_verb"
    j = i
    linked = False
    while j < limit and doc[j].lower_ in _LINKS | _COPULAS:
        linked = linked or doc[j].lower_ in _COPULAS
        j += 1
    if j < limit and doc[j].lower_ in APPOINT_VERBS:
        j += 1
        linked = True
    if not linked:
        return [], "appointment_verb"
    while j < limit and doc[j].lower_ in {"as", "to", "the", "a", "an"}:
        j += 1
    units, _ = _units(ctx, j, limit, appositive=True)
    return units, "appointment_verb"


def _role_text(ctx: Context, unit: Unit) -> str:
    tokens = list(ctx.doc[unit.role_start : unit.role_end])
    words = [t for t in tokens if _is_word(t) or t.lower_ in {"and", "-", "of", "&"} or t.is_lower]
    while words and not _is_head(words[-1]) and unit.role_end - unit.role_start > 1 and words[-1].lower_ in {"and", "-", "of"}:
        words.pop()
    text = ""
    for t in words:
        text += (singular(t.text) if t is words[-1] and _is_head(t) and t.lower_.endswith("s")
                 and singular(t.text) in TITLE_HEADS else t.text) + t.whitespace_
    return text.strip()


def _written(ctx: Context, unit: Unit) -> str:
    text = ctx.doc[unit.start : unit.end].text.strip(" ,")
    words = text.split()
    if words and words[-1].lower().endswith("s") and singular(words[-1]) in TITLE_HEADS:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _implicit(ctx: Context, role: str) -> tuple[Entity | None, str]:
    """The body of a title that names none: the city for city posts, the subject company for
    company posts."""
    low = role.lower()
    if any(low == t or low.endswith(t) or low.startswith(t) for t in CITY_TITLES):
        return ctx.dominant_city(), "city"
    words = low.replace("-", " ").split()
    if words and (words[-1] in _COMPANY_ROLES or singular(words[-1]) in _COMPANY_ROLES):
        return salient_company(ctx), "company"
    return None, ""


def _position(ctx: Context, person: Entity, unit: Unit, sent: int, shape: str) -> Position:
    role = _role_text(ctx, unit)
    last = ctx.doc[unit.role_end - 1]
    plural = last.lower_.endswith("s") and singular(last.text) in TITLE_HEADS and not last.lower_.endswith("ss")
    if unit.body is not None:
        return Position(person, _written(ctx, unit), role, unit.body, sent, shape, plural)
    body, implicit = _implicit(ctx, role)
    return Position(person, _written(ctx, unit), role, body, sent, shape, plural, implicit if body else "")


def _coordinated_before(ctx: Context, mention: Mention, previous: dict[int, list[Position]],
                        first_title: int) -> list[Position]:
    """Positions of the name coordinated right before this one's title ("A and B", "A, B")."""
    doc = ctx.doc
    k = first_title - 1
    if k < 0 or doc[k].lower_ not in _GLUE:
        return []
    while k >= 0 and doc[k].lower_ in _GLUE:
        k -= 1
    hit = ctx.ending_at(k + 1)
    if not hit or hit[0].type != "person":
        return []
    return previous.get(hit[1].token_start, [])


def find_positions(ctx: Context) -> list[Position]:
    """Every title found for every person in the article."""
    positions: list[Position] = []
    previous: dict[int, list[Position]] = {}
    for person in ctx.of_type("person"):
        for mention in sorted(person.mentions, key=lambda m: m.token_start):
            found: list[Position] = []
            units, shape = _before(ctx, mention)
            for unit in units:
                found.append(_position(ctx, person, unit, mention.sent, shape))
            if found and all(p.body is None or p.implicit for p in found):
                # "X's partner A and partner B": B's title names no body; A's gave one
                before = _coordinated_before(ctx, mention, previous, min(u.start for u in units))
                bodies = [p.body for p in before if p.body is not None and not p.implicit]
                if bodies:
                    found = [replace(p, body=bodies[0], shape="shared_body", implicit="") for p in found]
            if not found:
                # "Provincial leaders A and B": the second name shares a plural title
                for pos in _coordinated_before(ctx, mention, previous, mention.token_start):
                    if pos.plural:
                        found.append(replace(pos, person=person, sent=mention.sent, shape="shared_title"))
            units, shape = _after(ctx, mention)
            for unit in units:
                if _role_text(ctx, unit):
                    found.append(_position(ctx, person, unit, mention.sent, shape))
            previous[mention.token_start] = found
            positions.extend(found)
    return positions
