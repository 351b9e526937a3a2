"""The loaded atlas and its look-ups: by id, by any name, and up the place tree."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from chipmap.atlas.models import Organization, Place
from chipmap.vocab.words import word_set

#: THE legal-suffix list (chipmap/vocab/words/legal_suffixes.txt), as the normalised words it
#: leaves after punctuation is folded ("co.", "co" -> "co"); Chinese forms are matched elsewhere.
LEGAL_WORDS = frozenset(w.rstrip(".") for w in word_set("legal_suffixes") if w.isascii())
_LEGAL_TAIL = re.compile(r"(\s+(" + "|".join(sorted(LEGAL_WORDS, key=len, reverse=True)) + r"))+$")


def normalise_name(name: str) -> str:
    """The comparison key of a name: case, punctuation, 'the' and legal suffixes folded.

    It follows shared/eval/score.py's normalisation so that two names the scorer
    treats as one are one here too.
    """
    text = unicodedata.normalize("NFKC", name).lower().replace("&", " and ")
    text = re.sub(r"['\u2019]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return _LEGAL_TAIL.sub("", text).strip()


Entry = Organization | Place

#: Generic trailing words that news adds or drops from company names at will
#: ("Tianshui Huatian" for "Tianshui Huatian Technology").
WEAK_TAIL = frozenset(
    ["technology", "technologies", "tech", "electronics", "electronic", "semiconductor", "semiconductors",
     "microelectronics"]
) | LEGAL_WORDS


def core_name(name: str) -> str:
    """A normalised name without generic trailing words; empty if nothing distinctive is left."""
    words = normalise_name(name).split()
    while len(words) > 1 and words[-1] in WEAK_TAIL:
        words.pop()
    return " ".join(words) if words and words[-1] not in WEAK_TAIL else ""


def _dropped_words(name: str) -> int:
    """How many generic words the full name adds to its core (legal suffixes count)."""
    return len(re.findall(r"\w+", name)) - len(core_name(name).split())


@dataclass
class Atlas:
    """All atlas entries with an index from every normalised name to entry ids."""

    orgs: dict[str, Organization]
    places: dict[str, Place]
    duplicate_ids: list[str] = field(default_factory=list)
    _names: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _cores: dict[str, list[tuple[int, str]]] = field(default_factory=dict, init=False, repr=False)
    _shared: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries():
            self._shared.update(normalise_name(n) for n in entry.ambiguous)
            for name in entry.all_names():
                key = normalise_name(name)
                if key:
                    ids = self._names.setdefault(key, [])
                    if entry.id not in ids:
                        ids.append(entry.id)
                core = core_name(name) if entry.id.startswith("org:") else ""
                if core and len(core) > 3:
                    cores = self._cores.setdefault(core, [])
                    if all(entry.id != i for _, i in cores):
                        cores.append((_dropped_words(name), entry.id))

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every entry; it changes whenever the atlas does (and only then)."""
        entries = [e.model_dump(mode="json") for e in self.entries()]
        return hashlib.sha256(json.dumps(entries, sort_keys=True).encode("utf-8")).hexdigest()

    def entries(self) -> Iterator[Entry]:
        """Places first, then organisations, each in id order."""
        yield from (self.places[k] for k in sorted(self.places))
        yield from (self.orgs[k] for k in sorted(self.orgs))

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.orgs.get(entry_id) or self.places.get(entry_id)

    def lookup(self, name: str, *, sure: bool = False) -> list[str]:
        """Ids of every entry one of whose names normalises like ``name``.

        With ``sure``, names an entry marks ambiguous ("Arm", "Honor") answer nothing.
        """
        key = normalise_name(name)
        if sure and key in self._shared:
            return []
        return list(self._names.get(key, []))

    def is_shared(self, name: str) -> bool:
        """True when some entry marks ``name`` as ambiguous."""
        return normalise_name(name) in self._shared

    def lookup_loose(self, name: str, *, sure: bool = False) -> list[str]:
        """Like ``lookup``, then by core name ("Cadence Electronics" finds "Cadence").

        The loose step answers only when exactly one organisation fits.
        """
        exact = self.lookup(name, sure=sure)
        if exact:
            return exact
        core = core_name(name)
        if not core:
            return []
        orgs = [i for i in self._names.get(core, []) if i.startswith("org:")]
        if len(orgs) == 1:
            return orgs
        by_core = sorted((n, i) for n, i in self._cores.get(core, []) if i.startswith("org:"))
        # A group and its operating company share a core name ("Tianshui Huatian
        # Technology", "Tianshui Huatian Electronics Group"): the name that needs the
        # fewest generic words added is the one news shortens.
        if len(by_core) == 1 or (len(by_core) > 1 and by_core[0][0] < by_core[1][0]):
            return [by_core[0][1]]
        return []

    def core_names(self) -> dict[str, str]:
        """Multi-word core names that point at exactly one organisation (core -> id).

        "Tianshui Huatian" for "Tianshui Huatian Technology": news drops the
        generic tail, and the gazetteer should still know the name.
        """
        out: dict[str, str] = {}
        for core, entries in self._cores.items():
            if len(core.split()) < 2 or core in self._names:
                continue
            ranked = sorted(entries)
            if len(ranked) == 1 or ranked[0][0] < ranked[1][0]:
                out[core] = ranked[0][1]
        return out

    def names(self) -> dict[str, list[str]]:
        """The whole name index (normalised name to ids); read-only by convention."""
        return self._names

    def ancestors(self, place_id: str) -> list[str]:
        """Enclosing places of ``place_id``, nearest first (cycles are cut)."""
        chain: list[str] = []
        current = self.places.get(place_id)
        while current is not None and current.part_of and current.part_of not in chain:
            chain.append(current.part_of)
            current = self.places.get(current.part_of)
        return chain

    def is_within(self, place_id: str, ancestor_id: str) -> bool:
        """True when ``place_id`` is ``ancestor_id`` or lies inside it."""
        return place_id == ancestor_id or ancestor_id in self.ancestors(place_id)
