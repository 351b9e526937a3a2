"""People's titles and the bodies they serve (``holds_position``).

News writes a title in a handful of shapes, and each is read here from tokens
around a person mention:

- before the name: "City Party Secretary Wen Nuan", "Mayor X",
  "Chinese Academy of Engineering academician X", "Vice President of Y X",
  "Y's CEO X";
- an appositive after it: "X, founder and CEO of Beijing-based Y,",
  "X, executive vice mayor of Shanghai", "X, IEEE Fellow, Deputy Dean of Y and Chairman of Z";
- a verb after it: "X was appointed chairman of Y", "X, who serves as Y's CTO";
- shared by coordinated names: "City leaders X and Y".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from chipmap.extract.context import Context
from chipmap.extract.coref import Entity
from chipmap.extract.lexicon import (
    APPOINT_VERBS,
    BACK_NOUNS,
    CITY_TITLES,
    TITLE_ACRONYMS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from chipmap.extract.mentions import Mention

_LINKS = frozenset({"was", "is", "has", "had", "been", "be", "will", "who", "currently", "now",
                    "also", "as", "to", "the", "a", "an", "newly", "recently"})
_BODY_HOLDERS = frozenset({"org", "place"})


@dataclass(frozen=True, slots=True)
class Position:
    """A title a person holds, as written, with the role words and the body if named."""

    person: Entity
    title: str  # full phrase as written, without the name
    role: str  # role words only ("Executive Vice President")
    body: Entity | None
    sent: int
    shape: str  # which grammar read it: before_name, possessive, shared_title, appositive, appointment_verb
    plural: bool = False
    city_post: bool = False  # no body written: a city post given to the article's city


def _singular(word: str) -> str:
    low = word.lower()
    if low.endswith("s") and low[:-1] in TITLE_HEADS:
        return word[:-1]
    return word


def _is_title_word(token: Token) -> bool:
    low = token.lower_
    if token.pos_ == "VERB" and low.endswith("s"):
        return False  # "heads", "chairs": verbs, not titles
    return (
        low in TITLE_HEADS
        or low in TITLE_MODIFIERS
        or _singular(low) in TITLE_HEADS
        or token.text in TITLE_ACRONYMS
    )


def _is_head(token: Token) -> bool:
    return token.lower_ in TITLE_HEADS or _singular(token.lower_) in TITLE_HEADS or token.text in TITLE_ACRONYMS


def _role_text(tokens: list[Token]) -> str:
    words = [t for t in tokens if _is_title_word(t) or t.lower_ in {"and", "-"}]
    while words and words[0].lower_ in {"and", "-"}:
        words.pop(0)
    while words and not _is_head(words[-1]):
        words.pop()
    text = ""
    for t in words:
        text += _singular(t.text) if t is words[-1] else t.text
        text += t.whitespace_
    return text.strip()


def _span_text(ctx: Context, start: int, end: int) -> str:
    return ctx.doc[start:end].text.strip(" ,")


def _city_body(ctx: Context, role: str) -> Entity | None:
    low = role.lower()
    if any(low == t or low.endswith(t) or low.startswith(t) for t in CITY_TITLES):
        return ctx.dominant_city()
    return None


Unit = tuple[int, int, Entity | None]  # tokens of one title and the body it names


def _before(ctx: Context, mention: Mention) -> tuple[list[Unit], str]:
    """Title units written before the name ("Fellow of the X Society, Dean of Y and Chairman of
    Z, Wang Lei"), and whether a possessive gave the body ("its chairman Wang Lei")."""
    doc = ctx.doc
    sent_start = ctx.sents[mention.sent].start
    i = mention.token_start - 1
    start = mention.token_start
    while i >= sent_start:
        hit = ctx.ending_at(i + 1)
        if hit and hit[1] is not mention:
            if hit[0].type not in _BODY_HOLDERS:
                break
            start = hit[1].token_start
            i = start - 1
            continue
        token = doc[i]
        if _is_title_word(token):
            start = i
            i -= 1
            continue
        if token.lower_ in {"of", "the", "'s", "\u2019s", "-", "at", "and", ","} and i - 1 >= sent_start:
            i -= 1
            continue
        break
    if start >= mention.token_start:
        return [], "before_name"
    # "X, vice mayor of Wuxi, and Y": a title between another person's name and a
    # comma is that person's appositive, not Y's title ("X, Academy academician Y" is Y's).
    if start >= 2 and doc[start - 1].text == "," and doc[mention.token_start - 1].lower_ in {",", "and"}:
        hit = ctx.ending_at(start - 1)
        if hit and hit[0].type == "person":
            return [], "before_name"
    # "SMIC was represented by its chairman X", "the university's party secretary X":
    # the possessive points back at the organisation last named.
    owner = _possessor(ctx, i) if i >= sent_start and _is_title_word(doc[start]) else None
    if owner is not None:
        units, stop = _units_after(ctx, start, mention.token_start)
        if units and all(t.text in {",", "and"} for t in doc[stop : mention.token_start]):
            return [(s, e, b or owner) for s, e, b in units], "possessive"
    # Parse forward; keep the units that run up to the name without a gap.
    units, stop = _units_after(ctx, start, mention.token_start)
    if not units or any(t.text not in {",", "and"} for t in doc[stop : mention.token_start]):
        while units and units[0][0] < mention.token_start:
            rest, stop = _units_after(ctx, units[0][1], mention.token_start)
            if rest and all(t.text in {",", "and"} for t in doc[stop : mention.token_start]):
                return rest, "before_name"
            units = rest
        return [], "before_name"
    return units, "before_name"




def _possessor(ctx: Context, i: int) -> Entity | None:
    """The body an "its" or "the university's" at token ``i`` refers to, if clear."""
    doc = ctx.doc
    token = doc[i]
    if token.lower_ in {"its", "their"}:
        kinds: tuple[str, ...] = ("company", "academic", "association", "investor", "government")
        noun = ""
    elif token.lower_ in BACK_NOUNS and i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "\u2019s"} \
            and i > 0 and doc[i - 1].lower_ == "the":
        kinds = BACK_NOUNS[token.lower_]
        noun = token.lower_
    else:
        return None
    first_sent = max(0, ctx.sents.index(token.sent) - 2) if token.sent in ctx.sents else 0
    floor = ctx.sents[first_sent].start
    for k in range(i - 1, floor - 1, -1):
        hit = ctx.at(k)
        if not hit or hit[0].type not in _BODY_HOLDERS or hit[0].kind not in kinds:
            continue
        named = noun in hit[0].name.lower() or hit[0].type == "place"
        if not noun or named or noun in {"company", "firm", "group", "chipmaker", "foundry"}:
            return hit[0]
    return None


def _units_after(
    ctx: Context, i: int, limit: int, *, appositive: bool = False
) -> tuple[list[Unit], int]:
    """Title units from token ``i``: role words with an optional "of <body>" or a body first."""
    doc = ctx.doc
    units: list[Unit] = []
    while i < limit:
        while i < limit and doc[i].lower_ in {"the", "a", "an", "and", ","}:
            i += 1
        start = i
        body: Entity | None = None
        hit = ctx.starting_at(i)
        if hit and hit[0].type in _BODY_HOLDERS:
            # "IEEE Fellow", "Y's CEO"
            j = hit[1].token_end
            if j < limit and doc[j].lower_ in {"'s", "\u2019s"}:
                j += 1
            if j < limit and _is_title_word(doc[j]):
                body = hit[0]
                i = j
            else:
                break
        role_start = i
        while i < limit and (_is_title_word(doc[i]) or (
            doc[i].lower_ in {"and", "-"} and i + 1 < limit and _is_title_word(doc[i + 1])
        )):
            i += 1
        if i == role_start or not any(_is_head(t) for t in doc[role_start:i]):
            break
        end = i
        if body is None and i < limit and doc[i].lower_ in {"of", "at", "for", "with"}:
            j = i + 1
            if j < limit and doc[j].lower_ == "the":
                j += 1
            hit = ctx.starting_at(j)
            # skip "Beijing-based" before the body
            if hit and hit[0].type == "place" and hit[1].token_end + 2 < limit and doc[hit[1].token_end].text == "-":
                k = hit[1].token_end + 2
                hit2 = ctx.starting_at(k)
                if hit2 and hit2[0].type in _BODY_HOLDERS:
                    hit = hit2
            if hit and hit[0].type in _BODY_HOLDERS:
                body = hit[0]
                end = i = hit[1].token_end
        nxt_hit = ctx.starting_at(end) if appositive else None
        if nxt_hit and nxt_hit[0].type == "person":
            break  # the title belongs to the next name ("..., Mayor Li")
        units.append((start, end, body))
        if i < limit and doc[i].lower_ in {"and", ","} and i + 1 < limit:
            nxt = i + 1
            while nxt < limit and doc[nxt].lower_ in {"the", "a", "an", "and"}:
                nxt += 1
            hit = ctx.starting_at(nxt)
            if nxt < limit and (_is_title_word(doc[nxt]) or (hit and hit[0].type in _BODY_HOLDERS)):
                i = nxt
                continue
        break
    return units, i


def _after(ctx: Context, mention: Mention) -> tuple[list[Unit], str]:
    """Title units after the name: an appositive ("X, vice mayor of Y") or a verb ("X was named
    CTO of Y")."""
    doc = ctx.doc
    limit = ctx.sents[mention.sent].end
    i = mention.token_end
    if i < limit and doc[i].text in {",", "("}:
        i += 1
        while i < limit and doc[i].lower_ in {"who", "is", "was", "currently", "now", "also", "the"}:
            i += 1
        if i < limit and doc[i].lower_ in APPOINT_VERBS:
            i += 1
            while i < limit and doc[i].lower_ in {"as", "to"}:
                i += 1
        units, _ = _units_after(ctx, i, limit, appositive=True)
        return units, "appositive"
    j = i
    while j < limit and doc[j].lower_ in _LINKS:
        j += 1
    if j < limit and doc[j].lower_ in APPOINT_VERBS:
        j += 1
        while j < limit and doc[j].lower_ in {"as", "to", "the", "a", "an"}:
            j += 1
        units, _ = _units_after(ctx, j, limit, appositive=True)
        return units, "appointment_verb"
    return [], "appointment_verb"


def find_positions(ctx: Context) -> list[Position]:
    """Every title found for every person in the article."""
    positions: list[Position] = []
    previous: dict[int, list[Position]] = {}
    for person in ctx.of_type("person"):
        for mention in person.mentions:
            found: list[Position] = []
            units, shape = _before(ctx, mention)
            for start, end, body in units:
                tokens = list(ctx.doc[start:end])
                title = _span_text(ctx, start, end)
                words = title.split()
                title = " ".join([*words[:-1], _singular(words[-1])]) if words else title
                role = _role_text(tokens) if body else title
                plural = bool(tokens) and tokens[-1].lower_ != _singular(tokens[-1].text).lower()
                city = None if body else _city_body(ctx, role)
                found.append(Position(person, title, role, body or city, mention.sent, shape, plural,
                                      city_post=city is not None))
            if not found:
                # "City leaders X and Y": the second name shares the first one's title.
                k = mention.token_start - 1
                if k >= 0 and ctx.doc[k].lower_ in {"and", ","}:
                    hit = ctx.ending_at(k)
                    if hit and hit[0].type == "person":
                        for pos in previous.get(hit[1].token_start, []):
                            if pos.plural:  # "City leaders X and Y"; not "Mayor X and Y"
                                found.append(Position(person, pos.title, pos.role, pos.body, mention.sent,
                                                      "shared_title", city_post=pos.city_post))
            units, shape = _after(ctx, mention)
            for start, end, body in units:
                tokens = list(ctx.doc[start:end])
                role = _role_text(tokens)
                if not role:
                    continue
                city = None if body else _city_body(ctx, role)
                found.append(Position(person, _span_text(ctx, start, end), role, body or city, mention.sent,
                                      shape, city_post=city is not None))
            previous[mention.token_start] = found
            positions.extend(found)
    return positions
