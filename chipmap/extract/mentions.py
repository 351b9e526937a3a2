"""From selected spans to typed mentions: clean the surface form, decide the type.

A mention is one occurrence of a name. Its type (person, org, place, event)
comes from the atlas when the name is known there, and otherwise from the
span's label checked against the name's shape; generic phrases, pronouns and
fragments are dropped here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from chipmap.atlas import Atlas
from chipmap.atlas import normalise_name as _normalise_name
from chipmap.extract.lexicon import (
    COMPASS,
    DEMONYMS,
    DESCRIPTORS,
    DOCUMENT_WORDS,
    EVENT_BRANDS,
    EVENT_HEADS,
    GOV_BODIES,
    HONORIFICS,
    HYPHEN_ADJECTIVES,
    KIND_PHRASES,
    KIND_WORDS,
    LEGAL_SUFFIXES,
    MEASURES,
    NOISE,
    NOISE_PHRASES,
    ORG_HEADS,
    PLACE_HEADS,
    REGION_WORDS,
    STRONG_HEADS,
    SURNAMES,
    TITLE_ACRONYMS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    ZONE_WORDS,
    is_pinyin,
)
from chipmap.extract.names import zone_like
from chipmap.vocab import atlas_entity_type

_LEADING_DET = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
#: Name keys, cached: an article asks for the same few names many times.
normalise_name = lru_cache(maxsize=16384)(_normalise_name)
_NOISE_KEYS = frozenset(normalise_name(word) for word in NOISE) | NOISE

#: Product codes and amounts NER takes for names: "SA8155P", "RMB116", "DDR4", "P3".
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Z]{1,5}\d+[A-Za-z]?\d*$")
_FACILITY = re.compile(r"^(fab|line|phase|building|plant|block|lot|module)\s+[\dIVX]+[A-Z]?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name in the article."""

    text: str  # cleaned surface form
    type: str  # person | org | place | event
    start: int  # character offsets of the cleaned form in the article
    end: int
    token_start: int
    token_end: int
    sent: int  # index of the sentence in the doc
    kind: str = ""  # org or place kind
    atlas_id: str = ""
    honorific: str = ""


def _document_body(span: Span) -> Span | None:
    """A name built on a document word: the body inside it ("Notice of the Example Office" gives
    "Example Office"), None when there is none ("Example Action Plan for ..."); other spans as they are."""
    doc = span.doc
    for k in range(span.start, span.end - 1):
        if doc[k + 1].lower_ not in {"of", "for", "on"}:
            continue
        if doc[k].lower_ not in DOCUMENT_WORDS:
            return span
        j = k + 2
        if j < span.end and doc[j].lower_ == "the":
            j += 1
        return doc[j : span.end] if k == span.start and j < span.end else None
    return span


def _after_leading_title(span: Span) -> Span:
    """"General Manager of Example Group" read as one name is the title and the group."""
    k = span.start
    doc = span.doc
    while k < span.end and (doc[k].lower_ in TITLE_HEADS or doc[k].lower_ in TITLE_MODIFIERS
                            or doc[k].text in TITLE_ACRONYMS or doc[k].lower_ == "and"):
        k += 1
    lead = doc[span.start : k]
    titled = any(t.lower_ in TITLE_HEADS or t.text in TITLE_ACRONYMS for t in lead)
    if titled and not any(t.lower_ in STRONG_HEADS for t in lead) and span.start < k < span.end - 2 \
            and doc[k].lower_ in {"of", "at"}:
        k += 1
        if doc[k].lower_ == "the":
            k += 1
        return doc[k : span.end]
    return span


def _hyphen_adjective(doc: Doc, start: int, end: int) -> bool:
    """"Chinese-language", "state-owned" opening a span: an adjective, not part of the name
    ("Hai-cang" is a name)."""
    return start + 2 < end and doc[start + 1].text == "-" and (
        doc[start + 2].lower_ in HYPHEN_ADJECTIVES or doc[start + 2].lower_ == "language")


def _clean_span(span: Span) -> Span | None:
    """Drop leading determiners and honorifics, trailing possessives, titles and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        or doc[start].is_space
        or _hyphen_adjective(doc, start, end)
    ):
        # "the" and "Chinese-language" before a name are not part of it
        start += 3 if _hyphen_adjective(doc, start, end) else 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in {"'s", "\u2019s", "'"}):
        if doc[end - 1].text == ")" and "(" in doc[start:end].text:
            break
        end -= 1
    if end <= start:
        return None
    # "Beijing 12-inch", "Shanghai 28nm": a measurement after a name is not part of it
    while span.label_ != "EVENT" and end - start > 1 and (doc[end - 1].like_num or doc[end - 1].lower_ in MEASURES
                               or (doc[end - 1].text == "-" and end - start > 2)):
        end -= 1
        while end - start > 1 and (doc[end - 1].text == "-" or doc[end - 1].like_num):
            end -= 1
    opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
    if opened == 1 and end < len(doc) and doc[end].text == ")":
        end += 1  # "Venture Investment (Group)": NER stops before the bracket closes
    elif opened > 0:
        while end > start and doc[end - 1].text != "(":
            end -= 1
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


def _org_kind(name: str) -> str:
    """An organisation's kind from its name; "company" when the name says nothing else."""
    return _named_kind(name) or "company"


def _named_kind(name: str) -> str:
    """The kind an organisation's name states ("" when it states none)."""
    low = name.lower()
    if re.search(r"\b(center|centre) for\b", low):
        return "academic"  # "Example Centre for Advanced Packaging": a research centre
    core = low
    while core.split() and core.split()[-1].strip(".,") in LEGAL_SUFFIXES:
        core = core.rsplit(" ", 1)[0] if " " in core else ""
    for phrase, kind in KIND_PHRASES:
        if core.endswith(phrase):
            return kind
    if " government" in f" {low}" or low.startswith("cpc "):
        return "government"
    words = re.findall(r"[a-z]+", low)
    for word in reversed(words):
        if word in KIND_WORDS:
            return KIND_WORDS[word]
    return ""


#: Plural nouns that introduce a list of organisations of one kind ("investors include A and B").
_LIST_KINDS = {"investors": "investor", "funds": "investor", "universities": "academic", "institutes": "academic", "academies": "academic",
               "outlets": "media", "media": "media"}
_LIST_GLUE = frozenset({",", "and", "&"})


def list_kinds(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"other investors include A, B and C": members of a list a kind noun introduces take that
    kind, unless their own names state one."""
    orgs = sorted((m for m in mentions if m.type == "org"), key=lambda m: m.token_start)
    out = {id(m): m for m in mentions}
    i = 0
    while i < len(orgs):
        group = [orgs[i]]
        while i + 1 < len(orgs) and orgs[i + 1].token_start > group[-1].token_end and all(
                t.lower_ in _LIST_GLUE for t in doc[group[-1].token_end : orgs[i + 1].token_start]):
            i += 1
            group.append(orgs[i])
        i += 1
        start = group[0].token_start
        lead = [t for t in doc[max(0, start - 3) : start] if t.lower_ not in {"include", "includes", "including",
                                                                               "such", "as", "like", ",", ":"}]
        kind = _LIST_KINDS.get(lead[-1].lower_) if lead else None
        if kind is None or len(group) < 2:
            continue
        for m in group:
            if not m.atlas_id and not _named_kind(m.text):
                out[id(m)] = dataclasses.replace(m, kind=kind)
    return [out[id(m)] for m in mentions]

def place_kind(name: str) -> str:
    """Kind of a place the atlas does not know, from the shape of its name."""
    low = name.lower()
    if low.endswith((" province", " autonomous region")):
        return "province"
    if any(low.endswith(w) for w in REGION_WORDS):
        return "region"
    if low.split()[-1] in PLACE_HEADS - {"city", "province"} or low.endswith("new area"):
        return "district"
    return "city"


def _pick_atlas(atlas: Atlas, text: str, preferred: str, *, sure: bool = False) -> str:
    """The atlas entry a name found by NER or a pattern refers to, of the preferred type when
    the atlas has one; a name ending in an organisation head never takes a place's entry."""
    ids = atlas.lookup_loose(text, sure=sure)
    if not ids:
        return ""
    same = [i for i in ids if atlas_entity_type(i) == preferred]
    if not same and preferred == "org" and text.split()[-1].lower() in ORG_HEADS:
        return ""
    if text.split()[-1].lower().rstrip(".") in LEGAL_SUFFIXES:
        # "Example Holdings" found only by its core "Example": not Example University
        same = [i for i in same if getattr(atlas.get(i), "kind", "company") in {"company", "investor"}]
        if not same:
            return ""
    return (same or ids)[0]


def _is_noise(span: Span, text: str) -> bool:
    low = text.lower()
    norm = normalise_name(text)
    if not norm or len(norm) < 2 or norm in _NOISE_KEYS or low in NOISE_PHRASES or norm in NOISE_PHRASES:
        return True
    if low in DEMONYMS or (len(span) == 1 and span[0].pos_ == "PRON"):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and (nxt.text == "$" or nxt.lower_ in {"dollar", "dollars", "cents"}):
        return True  # "US$", "US dollars": a currency, not a place
    if not any(t.text[:1].isupper() for t in span if any(c.isalpha() for c in t.text)):
        return True  # lower-case phrases are descriptions, not names
    words = [t.lower_ for t in span if any(c.isalpha() for c in t.text)]
    if words and all(w in TITLE_HEADS or w in TITLE_MODIFIERS for w in words):
        return True  # a bare title ("Dean", "Vice President")
    if _FACILITY.match(text):
        return True  # "Fab 9", "Phase II": a facility or stage, not an organisation
    if len(span) == 1 and _CODE.match(text):
        return True  # "SA8155P", "RMB116": a product code or an amount
    if len(span) == 1 and low.rstrip(".") in ORG_HEADS:
        return True  # "Group", "Inc.": a head word alone names nothing
    return bool(re.fullmatch(r"[\d\W]+", text))


def _compass_country(span: Span, atlas: Atlas) -> str:
    """"East China", "southwestern China": the atlas id of the country a compass word qualifies."""
    if len(span) < 2 or span[0].lower_ not in COMPASS:
        return ""
    for entry_id in atlas.lookup(span[1:].text):
        place = atlas.places.get(entry_id)
        if place is not None and place.kind == "country":
            return entry_id
    return ""


def _place_and_name(span: Span, atlas: Atlas) -> bool:
    """"Xiamen Lumina": a known place followed by a word that is neither a place nor a place head
    names a company there, not a place."""
    if len(span) < 2 or span[-1].lower_ in PLACE_HEADS or not span[-1].text[:1].isupper():
        return False
    head = [i for i in atlas.lookup(span[0].text) if atlas_entity_type(i) == "place"]
    rest = [i for i in atlas.lookup(span[1:].text) if atlas_entity_type(i) == "place"]
    return bool(head) and not rest and not any(t.lower_ in PLACE_HEADS | ZONE_WORDS for t in span)


_INVESTOR_NOUNS = frozenset({"fund", "funds", "investor", "investors"})


def _descriptor_kind(word: str) -> str:
    """The organisation kind a descriptor noun implies ("" when it is none)."""
    if word in _INVESTOR_NOUNS:
        return "investor"
    return "company" if word in DESCRIPTORS or word.rstrip("s") in DESCRIPTORS else ""


def _described_as_org(span: Span) -> str:
    """"a memory chip firm, X", "funds such as X", "X, a chipmaker": the kind a descriptor noun
    next to the name gives it, or ""."""
    doc = span.doc
    k = span.start - 1
    while k >= max(0, span.start - 3) and doc[k].lower_ in {",", "such", "as", "including", "called", "named", "like"}:
        k -= 1
    if k >= 0 and doc[k].is_lower and _descriptor_kind(doc[k].lower_):
        return _descriptor_kind(doc[k].lower_)  # a common noun, not the end of a name ("X Group named Y")
    j = span.end
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in {"a", "an", "the"}:
        for t in doc[j + 2 : min(len(doc), j + 7)]:
            if t.is_punct:
                break
            if t.is_lower and _descriptor_kind(t.lower_):
                return _descriptor_kind(t.lower_)
    return ""


def _org_not_person(span: Span, atlas: Atlas) -> str:
    """The kind of organisation a span NER calls a person names, or "" for a person.

    It ends in an organisation head ("X Manufacturing", "X Law Firm"), opens with a place
    ("Xiamen Lumina"), reads as pinyin without a single Chinese surname ("Haichuang
    Yuntu" is a company; a person's name has a surname), or is described by an
    organisation noun next to it ("a memory chip firm, X").
    """
    words = [t for t in span if t.is_alpha]
    if not words:
        return ""
    described = _described_as_org(span)
    if described == "investor":
        return described
    if span[-1].lower_ in ORG_HEADS and span[-1].lower_ not in TITLE_HEADS:
        return _org_kind(span.text)
    if len(span) >= 2 and any(atlas_entity_type(i) == "place" for i in atlas.lookup(span[0].text)) \
            and span[0].lower_ not in SURNAMES:
        return described or _org_kind(span.text)
    names = [t.text.replace("\u2019", "'") for t in words]
    if len(names) >= 2 and all(is_pinyin(w) for w in names) and not any(
            w.lower() in SURNAMES for w in (names[0], names[-1])):
        return described or _org_kind(span.text)
    return described


def _classify(span: Span, label: str, atlas_id: str, atlas: Atlas) -> tuple[str, str, str]:
    """(type, kind, atlas id) of a cleaned span, or type "" to drop it."""
    text = span.text
    if atlas_id:
        return atlas_entity_type(atlas_id), "", atlas_id
    last = span[-1].lower_
    if label == "EVENT":
        return "event", "", ""
    preferred = "org" if label == "ORG" else "place"
    found = _pick_atlas(atlas, text, preferred, sure=label == "PERSON")
    if found:
        return atlas_entity_type(found), "", found
    if label == "PERSON":
        if zone_like(span):
            return "place", place_kind(text), ""
        as_org = _org_not_person(span, atlas)
        if as_org:
            return "org", as_org, ""
        if len(span) > 4 or any(t.like_num for t in span):
            return "", "", ""
        return "person", "", ""
    if label == "ORG":
        if zone_like(span) and not any(t.lower_ in GOV_BODIES for t in span):
            return "place", place_kind(text), ""
        return "org", _org_kind(text), ""
    if label == "GPE" and (last in EVENT_HEADS or span[0].text in EVENT_BRANDS):
        return "event", "", ""
    if label == "GPE":
        if last in STRONG_HEADS:
            return "org", _org_kind(text), ""
        if _place_and_name(span, atlas):
            return "org", "company", ""
        return "place", place_kind(text), ""
    return "", "", ""


def collect_mentions(doc: Doc, atlas: Atlas) -> list[Mention]:
    """Typed, cleaned mentions of every entity in ``doc``, in text order."""
    sent_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    sent_of_token: list[int] = []
    current = 0
    for token in doc:
        current = sent_index.get(token.i, current)
        sent_of_token.append(current)
    mentions: list[Mention] = []
    for ent in [*doc.ents, *doc.spans.get("inner_places", [])]:
        span = _clean_span(ent)
        if span is None:
            continue
        honorific = ""
        if ent.label_ == "PERSON":
            while len(span) > 1 and span[0].is_lower:
                span = span.doc[span.start + 1 : span.end]  # "involve Hua Hong"
        if ent.label_ == "PERSON" and span[0].lower_ in HONORIFICS and len(span) > 1:
            honorific = span[0].text
            span = span.doc[span.start + 1 : span.end]
        if ent.label_ == "PERSON":
            # "Mayor Li Na": NER sometimes takes the title into the name
            while len(span) > 2 and (span[0].lower_ in TITLE_HEADS or span[0].lower_ in TITLE_MODIFIERS
                                     or span[0].text in TITLE_ACRONYMS):
                span = span.doc[span.start + 1 : span.end]
        if ent.label_ == "ORG":
            document = _document_body(span)
            if document is None:
                continue  # "Example Action Plan for ...": a document, not a body
            span = _after_leading_title(document)
        if ent.label_ == "ORG" and len(span) > 1 and span[0].lower_ in DEMONYMS and span[1].text.isupper():
            span = span.doc[span.start + 1 : span.end]  # "Austrian EXA Company" is EXA Company
        while len(span) > 1 and ent.label_ in {"GPE", "ORG"} and span[-1].lower_ in NOISE \
                and span[-1].text.isupper():
            span = span.doc[span.start : span.end - 1]  # "Wuxi IC": a place and a topic
        # A trailing title word ("Example Society Fellow") is not part of the name.
        if ent.label_ == "ORG" and len(span) > 1 and span[-1].lower_ in TITLE_HEADS:
            span = span.doc[span.start : span.end - 1]
        atlas_id = ent.ent_id_ if span.start == ent.start and span.end == ent.end else ""
        if not atlas_id and ent.label_ == "GPE":
            atlas_id = _compass_country(span, atlas)
        if _is_noise(span, span.text):
            continue
        kind_type, kind, found_id = _classify(span, ent.label_, atlas_id, atlas)
        if not kind_type:
            continue
        if found_id:
            entry = atlas.get(found_id)
            kind = getattr(entry, "kind", kind)
        mentions.append(
            Mention(
                text=span.text,
                type=kind_type,
                start=span.start_char,
                end=span.end_char,
                token_start=span.start,
                token_end=span.end,
                sent=sent_of_token[span.start],
                kind=kind,
                atlas_id=found_id,
                honorific=honorific,
            )
        )
    return list_kinds(doc, sorted(mentions, key=lambda m: (m.start, -m.end)))


def disambiguate(mentions: list[Mention], atlas: Atlas) -> list[Mention]:
    """Pick, for a name several atlas entries share, the entry that fits the article.

    Two cities may each have a "Hi-tech Zone" or "New Area" of one name; the entry whose
    enclosing places the article also names wins.
    """
    settled = {m.atlas_id for m in mentions if m.atlas_id and len(atlas.lookup(m.text)) <= 1}
    context = set(settled)
    for entry_id in settled:
        context.update(atlas.ancestors(entry_id))
        org = atlas.orgs.get(entry_id)
        if org and org.headquarters:
            context.add(org.headquarters)
    out: list[Mention] = []
    for m in mentions:
        ids = [i for i in atlas.lookup(m.text) if atlas_entity_type(i) == m.type]
        if len(ids) > 1:
            def fit(entry_id: str) -> int:
                related = set(atlas.ancestors(entry_id))
                org = atlas.orgs.get(entry_id)
                if org and org.headquarters:
                    related.add(org.headquarters)
                return len(related & context)

            best = max(ids, key=fit)
            if best != m.atlas_id:
                m = dataclasses.replace(m, kind=getattr(atlas.get(best), "kind", m.kind), atlas_id=best)
        out.append(m)
    return out


def bracketed_units(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Example Micro (Wuxi)": a company name with a place in brackets names its local unit.

    The unit becomes a mention of its own; the parent's name stays a mention too,
    so both entities exist and subsidiary_of can join them.
    """
    places = {m.token_start: m for m in mentions if m.type == "place"}
    extra: list[Mention] = []
    for m in mentions:
        if m.type != "org" or m.token_end + 1 >= len(doc):
            continue
        # "Example Wuxi", "Example China": a city or country written straight after the
        # company names its unit there
        plain = places.get(m.token_end)
        if plain and plain.kind in {"city", "country"} and m.end == plain.start - 1 and (
            plain.token_end >= len(doc) or not (doc[plain.token_end].text[:1].isupper()
                                                or doc[plain.token_end].lower_ in {"'s", "\u2019s"})
        ):
            span = doc[m.token_start : plain.token_end]
            extra.append(Mention(span.text, "org", span.start_char, span.end_char, m.token_start,
                                 plain.token_end, m.sent, m.kind or "company", "", ""))
            continue
        if doc[m.token_end].text != "(":
            continue
        place = places.get(m.token_end + 1)
        if place and place.token_end < len(doc) and doc[place.token_end].text == ")":
            end_tok = place.token_end + 1
            span = doc[m.token_start : end_tok]
            extra.append(Mention(span.text, "org", span.start_char, span.end_char, m.token_start,
                                 end_tok, m.sent, m.kind or "company", "", ""))
    return sorted(mentions + extra, key=lambda x: (x.start, -x.end))


def nested_orgs(doc: Doc, mentions: list[Mention], atlas: Atlas) -> list[Mention]:
    """"School of Physics of Example University" also names Example University."""
    extra: list[Mention] = []
    for m in mentions:
        if m.type != "org":
            continue
        span = doc[m.token_start : m.token_end]
        for k, token in enumerate(span):
            if token.lower_ != "of" or k == 0 or k + 1 >= len(span):
                continue
            rest = span[k + 1 :]
            if rest[0].lower_ == "the":
                rest = rest[1:]
            ends_in_head = rest[-1].lower_ in STRONG_HEADS and rest[-1].lower_ in ORG_HEADS \
                and not any(t.lower_ == "of" for t in rest)
            # "Centre of the Ministry of Commerce": a body named head first
            head_first = len(rest) >= 3 and any(
                rest[h].lower_ in STRONG_HEADS and rest[h + 1].lower_ in {"of", "for"} for h in range(min(3, len(rest) - 1)))
            if len(rest) >= 2 and (ends_in_head or head_first):
                found = _pick_atlas(atlas, rest.text, "org")
                extra.append(Mention(rest.text, "org", rest.start_char, rest.end_char, rest.start,
                                     rest.end, m.sent, _org_kind(rest.text), found, ""))
                break
    for m in mentions:
        span = doc[m.token_start : m.token_end]
        # "EXA Electronics Sub-Council": a unit named after its parent's acronym
        if m.type == "org" and len(span) >= 4 and span[0].text.isupper() and len(span[0].text) >= 3 \
                and span[0].is_alpha and span[-1].lower_ in STRONG_HEADS:
            first = span[:1]
            found = _pick_atlas(atlas, first.text, "org")
            extra.append(Mention(first.text, "org", first.start_char, first.end_char, first.start,
                                 first.end, m.sent, "", found, ""))
    return sorted(mentions + extra, key=lambda x: (x.start, -x.end))
