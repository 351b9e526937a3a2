"""Within-article name coreference: one entity per real-world thing.

"Example Microelectronics Corporation (EMC)" and a later "EMC" are one
organisation; "Gao" after "Gao Wenbo" is the same person; "Riverside area" and
"Riverside" are one place. Matching is by atlas id first, then
by normalised name, acronym, bracketed short form and distinctive name word.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz

from chipmap.atlas.index import core_name
from chipmap.extract.lexicon import (
    COMPASS,
    GOV_BODIES,
    GOV_LEVELS,
    LEGAL_SUFFIXES,
    ORG_HEADS,
    PLACE_HEADS,
    ZONE_WORDS,
)
from chipmap.extract.mentions import Mention, normalise_name

#: Kind words a place's bare name does without ("Anhui province" is Anhui).
_BARE_PLACE = re.compile(r"\s+(province|city|municipality|region|prefecture)$", re.IGNORECASE)
_PLACE_SUFFIX = re.compile(r"\s+(area|province|district|city|county|prefecture|municipality)$")
#: Last words of a unit's name that make a leading name its parent's ("X Electronics Sub-Council").
_UNIT_WORDS = frozenset({"council", "committee", "branch", "chapter", "office", "department", "bureau", "division"})
#: Letters two spellings of one name share at least (rapidfuzz ratio, 0-100).
_SPELLING_RATIO = 90
T = TypeVar("T")
_GENERIC_WORDS = ORG_HEADS | PLACE_HEADS | {"china", "chinese", "international", "national",
                                             "new", "state", "global", "the", "of", "and"}


@dataclass
class Entity:
    """One person, organisation, place or event with every surface form used for it."""

    key: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    kind: str = ""
    atlas_id: str = ""
    #: Forms the text gives as former names ("formerly X"): aliases, never the name.
    former: set[str] = field(default_factory=set)
    #: Forms, name and first mention, kept until a mention is added (mentions only grow).
    _cache: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)

    def _cached(self, key: str, compute: Callable[[], T]) -> T:
        hit = self._cache.get(key)
        if hit is not None and hit[0] == len(self.mentions):
            value: T = hit[1]
            return value
        result = compute()
        self._cache[key] = (len(self.mentions), result)
        return result

    @property
    def surface_forms(self) -> list[str]:
        return self._cached("forms", lambda: list(dict.fromkeys(m.text for m in self.mentions)))

    @property
    def name(self) -> str:
        """The fullest natural form used in the text (for a place, one without a compass word
        or lower-case words when there is one: "Jiangsu" over "eastern Jiangsu")."""
        return self._cached("name", self._name)

    def _name(self) -> str:
        forms = [f for f in self.surface_forms if f not in self.former] or self.surface_forms
        if self.type == "place":
            forms = sorted(forms, key=lambda f: (f.split()[0].lower() in COMPASS and len(f.split()) > 1,
                                                 any(w.islower() for w in f.split()), -len(f)))
            return forms[0]
        return max(forms, key=len)

    @property
    def aliases(self) -> list[str]:
        """Every other form the text uses, and for a place its bare name ("Anhui" for "Anhui
        province", "Taiwan" for "Taiwan region")."""
        return list(self._cached("aliases", self._aliases))

    def _aliases(self) -> list[str]:
        name = self.name
        forms = [f for f in self.surface_forms if f != name]
        if self.type == "place":
            for form in [name, *forms]:
                bare = _BARE_PLACE.sub("", form)
                words = bare.split()
                if words and words[0].lower() in COMPASS and len(words) > 1:
                    bare = " ".join(words[1:])
                if bare and bare != form and bare not in forms and bare != name:
                    forms.append(bare)
        return forms

    @property
    def first(self) -> Mention:
        return self._cached("first", lambda: min(self.mentions, key=lambda m: m.start))


_BODY_OF = re.compile(
    r"^(?P<level>[a-z'\u2019 ]*?)(?P<body>government|bureau|commission|committee|department|office)"
    r" of (?:the )?(?P<place>[A-Z].*)$"
)


def _key(mention: Mention) -> str:
    if mention.atlas_id:
        return mention.atlas_id
    text = mention.text
    body_of = _BODY_OF.match(text)
    if body_of:
        # "municipal government of Xiamen" is "Xiamen municipal government"
        text = f"{body_of['place']} {body_of['level']} {body_of['body']}"
    if mention.type == "person":
        text = re.sub(r"['\u2019\u2018]", "", text)  # "Li Xiao'an" and "Li Xiaoan" are one name
    norm = normalise_name(text)
    if mention.type == "place":
        norm = _PLACE_SUFFIX.sub("", norm) or norm
    return f"{mention.type}:{norm}"


def _resolve_types(mentions: list[Mention]) -> list[Mention]:
    """Give every occurrence of one name the type most of its occurrences have."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(normalise_name(m.text), Counter())[m.type] += 3 if m.atlas_id else 1
    out = []
    for m in mentions:
        best = votes[normalise_name(m.text)].most_common(1)[0][0]
        if best != m.type and not m.atlas_id:
            kind = "" if best in {"person", "event"} else m.kind
            m = dataclasses.replace(m, type=best, kind=kind)
        out.append(m)
    return out


def _initials(name: str) -> set[str]:
    """Acronyms a name may go by: with and without its bracketed part and legal suffix."""
    variants = {name, re.sub(r"\s*\([^)]*\)", "", name)}
    out: set[str] = set()
    for variant in variants:
        words = [w for w in re.findall(r"[A-Za-z]+", variant)
                 if w.lower() not in {"of", "and", "for", "the", "de"}]
        out.add("".join(w[0] for w in words).upper())
        while words and words[-1].lower() in LEGAL_SUFFIXES:
            words.pop()
            out.add("".join(w[0] for w in words).upper())
    return out


def _merge(groups: dict[str, Entity], small: str, big: str) -> None:
    if small == big or small not in groups or big not in groups:
        return
    groups[big].mentions.extend(groups.pop(small).mentions)


def _link_orgs(groups: dict[str, Entity], text: str) -> None:
    orgs = [e for e in groups.values() if e.type == "org"]
    multi = [e for e in orgs if any(len(f.split()) > 1 for f in e.surface_forms)]
    for entity in list(orgs):
        if entity.key not in groups:
            continue
        forms = entity.surface_forms
        if not all(len(f.split()) == 1 for f in forms):
            continue
        word = forms[0]
        target: list[Entity] = []
        # "Long Name (ACR)": the bracket right after a long name is its short form.
        for m in entity.mentions:
            before = text[max(0, m.start - 5) : m.start]
            after = text[m.end : m.end + 1]
            if (before.endswith("(") and after == ")") or (before.endswith(", or ") and after in {",", ")"}):
                for other in multi:
                    near = any(0 <= m.start - om.end <= 6 for om in other.mentions)
                    if near and not (other.atlas_id and entity.atlas_id and other.atlas_id != entity.atlas_id):
                        target = [other]
        if target:
            if entity.atlas_id and not target[0].atlas_id:
                target[0].atlas_id = entity.atlas_id
                target[0].kind = entity.kind or target[0].kind
            _merge(groups, entity.key, target[0].key)
            continue
        if entity.atlas_id:
            continue
        if not target and word.isupper() and len(word) >= 2:
            target = [o for o in multi if any(word in _initials(f) for f in o.surface_forms)]
        if not target and word.lower() not in _GENERIC_WORDS:
            target = [
                o for o in multi
                if o.key != entity.key
                and any(word in f.split() and not f.endswith(")") for f in o.surface_forms)
            ]
        # a name written only inside another's, or opening a unit's name ("EXA" and "EXA
        # Electronics Council"), is the unit's parent, not its short form
        target = [o for o in target if not all(any(om.token_start <= m.token_start and m.token_end <= om.token_end
                                                   for om in o.mentions) for m in entity.mentions)
                  and not any(f.startswith(word + " ") and f.lower().split()[-1].split("-")[-1] in _UNIT_WORDS
                              for f in o.surface_forms)]
        if len(target) > 1:
            # "EXA" with "EXA Research" and its unit "EXA Wuxi": the name it starts, not the unit's
            places = _place_words(groups)
            target = [o for o in target if any(
                f.startswith(word + " ") and "(" not in f and f.split()[-1].lower() not in places
                for f in o.surface_forms)]
        if len(target) == 1:
            _merge(groups, entity.key, target[0].key)


def _place_words(groups: dict[str, Entity]) -> set[str]:
    """Lower-cased names of the places the article names, for stripping them off org names."""
    return {f.lower() for e in groups.values() if e.type == "place" for f in e.surface_forms}


def _short_key(form: str, places: set[str]) -> tuple[str, bool]:
    """An organisation name without a leading place, brackets, legal suffixes and generic
    tails ("Jinan Example Technology Co., Ltd." -> "example"), and whether a place was cut."""
    text = re.sub(r"\s*\([^)]*\)", "", form)
    words = text.split()
    cut = False
    for n in (3, 2, 1):
        if len(words) > n and " ".join(words[:n]).lower() in places:
            words, cut = words[n:], True
            break
    return core_name(" ".join(words)), cut


def _distinctive(key: str) -> bool:
    return any(w not in _GENERIC_WORDS and w not in GOV_LEVELS and w not in GOV_BODIES for w in key.split())


def _link_short_forms(groups: dict[str, Entity]) -> None:
    """"Example Technology" is "Jinan Example Technology Co., Ltd.": a name that is another's
    without its leading place, legal suffix or generic tail ("Technology") is the same
    organisation. A parent and its local unit ("Example (Wuxi)") stay apart, and two names
    with different leading places never merge.
    """
    places = _place_words(groups)
    orgs = [e for e in groups.values() if e.type == "org"]
    keyed: dict[str, list[tuple[Entity, bool]]] = {}
    for org in orgs:
        for form in org.surface_forms:
            if re.search(r"\)$", form):
                continue  # "Example (Wuxi)": a unit named by its place
            key, cut = _short_key(form, places)
            if key and _distinctive(key):
                keyed.setdefault(key, []).append((org, cut))
    for members in keyed.values():
        distinct = list({id(o): (o, cut) for o, cut in members}.values())
        if len(distinct) != 2:
            continue
        (a, cut_a), (b, cut_b) = distinct
        if not _contracts(a, b):
            continue  # "Example Group" and "Example Microelectronics" are two companies
        if a.key not in groups or b.key not in groups or (cut_a and cut_b):
            continue
        if a.atlas_id and b.atlas_id and a.atlas_id != b.atlas_id:
            continue
        big, small = (a, b) if len(a.name) >= len(b.name) else (b, a)
        if big.atlas_id or not small.atlas_id:
            _merge(groups, small.key, big.key)
        else:
            _merge(groups, big.key, small.key)


#: Legal suffixes that tell two companies apart ("Example Group" is not "Example Micro").
_DISTINCT_LEGAL = frozenset({"group", "holding", "holdings"})


def _words(form: str) -> set[str]:
    """The words of a name that say which organisation it is (legal abbreviations left out)."""
    text = re.sub(r"\([^)]*\)", " ", form).lower()
    return {w for w in re.findall(r"[\w&'-]+", text) if w.rstrip(".") not in LEGAL_SUFFIXES - _DISTINCT_LEGAL}


def _contracts(a: Entity, b: Entity) -> bool:
    """True when one organisation's name is the other's with words left out."""
    return any(_words(x) <= _words(y) or _words(y) <= _words(x) for x in a.surface_forms for y in b.surface_forms)


def _link_place_qualified(groups: dict[str, Entity]) -> None:
    """"Office of the Example Government" and "Office of the Example Government of Xiamen": a body
    once written with the place it serves and once without is one body (one such body only)."""
    places = _place_words(groups)
    orgs = [e for e in groups.values() if e.type == "org"]

    def qualified(short: str, full: str) -> bool:
        match = re.fullmatch(rf"{re.escape(short)} of (?:the )?(.+)", full)
        return match is not None and match.group(1).lower() in places

    for short in orgs:
        longer = [o for o in orgs if o is not short and any(
            qualified(f, g) for f in short.surface_forms for g in o.surface_forms)]
        if len(longer) == 1 and short.key in groups and longer[0].key in groups and not short.atlas_id:
            _merge(groups, short.key, longer[0].key)


def _link_spelling_variants(groups: dict[str, Entity]) -> None:
    """"Exmaple Microelectronics" and "Example Microelectronics": one misspelt organisation
    (same number of words and digits, nearly the same letters)."""
    orgs = [e for e in groups.values() if e.type == "org"]
    for i, a in enumerate(orgs):
        for b in orgs[i + 1 :]:
            if a.key not in groups or b.key not in groups or (a.atlas_id and b.atlas_id):
                continue
            if any(_spelt_alike(x, y) for x in a.surface_forms for y in b.surface_forms):
                big, small = (a, b) if len(a.mentions) >= len(b.mentions) or a.atlas_id else (b, a)
                _merge(groups, small.key, big.key)


def _spelt_alike(first: str, second: str) -> bool:
    x, y = normalise_name(first), normalise_name(second)
    if x == y or len(x) < 10 or len(x.split()) != len(y.split()) or re.sub(r"\D", "", x) != re.sub(r"\D", "", y):
        return False
    return fuzz.ratio(x, y) >= _SPELLING_RATIO


def _link_former_names(groups: dict[str, Entity], text: str) -> None:
    """"Example Tech (formerly Sample Electronics)": the former name is the same organisation."""
    orgs = [e for e in groups.values() if e.type == "org"]
    for entity in orgs:
        for m in entity.mentions:
            before = text[max(0, m.start - 20) : m.start].lower()
            if not re.search(r"(\(|, )(formerly|previously)( known as)? $", before):
                continue
            owner = [o for o in orgs if o is not entity and any(
                0 <= m.start - om.end <= 22 and om.sent == m.sent for om in o.mentions)]
            if len(owner) == 1 and entity.key in groups and owner[0].key in groups:
                owner[0].former.update(entity.surface_forms)
                owner[0]._cache.clear()
                _merge(groups, entity.key, owner[0].key)
                break


def _government_key(entity: Entity) -> str:
    """"Example provincial government" and "People's Government of Example Province" both give
    "example": the place a government is of."""
    words = [w for w in normalise_name(entity.name).split()
             if w not in GOV_LEVELS and w not in {"people", "province", "of", "the", "city"}]
    if "government" not in words:
        return ""
    words.remove("government")
    return " ".join(words)


def _link_governments(groups: dict[str, Entity]) -> None:
    """Two names for the government of one place are one organisation."""
    seen: dict[str, Entity] = {}
    for entity in [e for e in groups.values() if e.type == "org"]:
        key = _government_key(entity)
        if not key:
            continue
        if key in seen and seen[key].key in groups:
            _merge(groups, entity.key, seen[key].key)
        else:
            seen[key] = entity


#: Words a zone's name may add or drop ("X park", "X high-tech park", "X High Technology Park").
_ZONE_FILLER = PLACE_HEADS | ZONE_WORDS | {"high", "hi", "technology", "tech", "national", "science", "-"}


def _zone_key(form: str, cities: set[str]) -> tuple[str, bool]:
    """A place name without its city, zone words and heads, and whether it had a zone head."""
    words = re.sub(r"[-\u2010]", " - ", form).lower().split()
    had_head = any(w in PLACE_HEADS for w in words[1:])
    while words and (words[0] in cities or words[0] in _ZONE_FILLER):
        words = words[1:]
    return " ".join(w for w in words if w not in _ZONE_FILLER), had_head


def _link_zones(groups: dict[str, Entity]) -> None:
    """"Example park", "Example high-tech park" and "Wuxi Example High Technology Park" are one
    zone: the same distinctive word under different zone words (a city is never merged)."""
    places = [e for e in groups.values() if e.type == "place"]
    cities = {f.lower() for e in places if e.kind in {"city", "province", "country"} for f in e.surface_forms}
    keyed: dict[str, list[tuple[Entity, bool]]] = {}
    for place in places:
        if place.kind in {"city", "province", "country", "region"}:
            continue  # a city is never a zone's other name
        for form in place.surface_forms:
            key, had_head = _zone_key(form, cities)
            if key:
                keyed.setdefault(key, []).append((place, had_head))
    for members in keyed.values():
        entities = list({id(e): e for e, _ in members}.values())
        if len(entities) < 2 or not any(h for _, h in members):
            continue
        ids = {e.atlas_id for e in entities if e.atlas_id}
        if len(ids) > 1:
            continue
        target = next((e for e in entities if e.atlas_id), max(entities, key=lambda e: len(e.name)))
        for other in entities:
            if other is not target and other.key in groups and target.key in groups:
                _merge(groups, other.key, target.key)


def _link_people(groups: dict[str, Entity]) -> None:
    people = [e for e in groups.values() if e.type == "person"]
    orgs = [e for e in groups.values() if e.type == "org"]
    for person in list(people):
        # "Xinlian Yuezhou" read as a name is the short form of "Xinlian Yuezhou ... Co."
        owner = [o for o in orgs if any(f.startswith(p + " ") for f in o.surface_forms
                                        for p in person.surface_forms)]
        if len(owner) == 1:
            _merge(groups, person.key, owner[0].key)
            people.remove(person)
    full = [e for e in people if any(len(f.split()) > 1 for f in e.surface_forms)]
    name_words = {w for e in full for f in e.surface_forms for w in f.split()}
    for other in [e for e in groups.values() if e.type in {"place", "org"} and not e.atlas_id]:
        if all(f in name_words for f in other.surface_forms):
            # "Lin" or "Gao" after "Lin Hai Feng" or "Mayor Gao Wenbo" is the person
            owner = [p for p in full if any(f in p.surface_forms[0].split() for f in other.surface_forms)]
            if len(owner) == 1:
                _merge(groups, other.key, owner[0].key)
            else:
                groups.pop(other.key, None)
    for entity in people:
        if entity in full:
            continue
        word = entity.surface_forms[0]
        target = [e for e in full if any(word in f.split() for f in e.surface_forms)]
        if len(target) == 1:
            _merge(groups, entity.key, target[0].key)
        else:
            groups.pop(entity.key, None)  # a lone word is not a person we can name


def group_mentions(mentions: list[Mention], text: str) -> list[Entity]:
    """Entities in order of first mention, each with all its mentions."""
    groups: dict[str, Entity] = {}
    for m in _resolve_types(mentions):
        key = _key(m)
        entity = groups.setdefault(key, Entity(key=key, type=m.type, kind=m.kind, atlas_id=m.atlas_id))
        entity.mentions.append(m)
        if not entity.kind and m.kind:
            entity.kind = m.kind
    _link_former_names(groups, text)
    _link_short_forms(groups)
    _link_place_qualified(groups)
    _link_spelling_variants(groups)
    _link_governments(groups)
    _link_zones(groups)
    _link_orgs(groups, text)
    _link_people(groups)
    return sorted(groups.values(), key=lambda e: e.first.start)
