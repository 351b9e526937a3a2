"""The word lists the Chinese reader leans on, loaded once from ``chipmap/vocab/words/zh_*.txt``.

Every list is a data file with a header saying what it is for (see ``chipmap.vocab.words``);
this module only parses them into the shapes the reader needs (sets, longest-first tuples,
word -> kind maps) so that the reading code never spells a vocabulary inline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chipmap.vocab.words import word_list, word_set

_HAN = re.compile(r"[\u3400-\u9fff]")


def _pairs(name: str) -> dict[str, str]:
    """``WORD VALUE`` lines as a map (first value wins)."""
    out: dict[str, str] = {}
    for line in word_list(name):
        word, _, value = line.partition(" ")
        out.setdefault(word, value.strip())
    return out


def _longest_first(words: frozenset[str] | dict[str, str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex matching any of ``words``, the longest at each position."""
    return re.compile("|".join(re.escape(w) for w in _longest_first(words)))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The Chinese vocabularies, parsed."""

    titles: dict[str, str]  # role -> scope (city, province, district, zone, company, ...)
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    legal_suffixes: tuple[str, ...]  # Chinese legal suffixes, longest first
    org_suffixes: dict[str, str]  # suffix -> org kind
    not_org_endings: tuple[str, ...]
    place_suffixes: dict[str, str]  # suffix -> place kind
    not_places: frozenset[str]
    place_stopwords: frozenset[str]
    industry_words: tuple[str, ...]
    left_boundaries: frozenset[str]
    after_name: frozenset[str]
    generic_starts: tuple[str, ...]
    leading_words: tuple[str, ...]
    settle_verbs: tuple[str, ...]
    build_verbs: tuple[str, ...]
    attract_verbs: tuple[str, ...]
    site_words: tuple[str, ...]
    subsidiary_cues: tuple[str, ...]
    segment_cues: dict[str, str]  # cue -> segment
    abbreviations: dict[str, str]  # full name -> short form
    regions: frozenset[str]
    event_suffixes: tuple[str, ...]
    generic_nouns: tuple[str, ...]

    @property
    def name_suffixes(self) -> tuple[str, ...]:
        """Every word that ends an organisation name, longest first."""
        return _longest_first((*self.legal_suffixes, *self.org_suffixes))

    def org_kind(self, name: str) -> str:
        """The kind of body a name's ending makes (company when only a legal suffix ends it)."""
        for suffix in _longest_first(tuple(self.org_suffixes)):
            if name.endswith(suffix):
                return self.org_suffixes[suffix]
        return "company"

    def place_kind(self, name: str) -> str:
        for suffix in _longest_first(tuple(self.place_suffixes)):
            if name.endswith(suffix):
                return self.place_suffixes[suffix]
        return "city"

    def is_generic(self, name: str) -> bool:
        """True for a generic reference ("该公司", "全省", "首个某某产业园"), not for a name that
        merely starts like one ("此芯科技")."""
        for word in self.generic_starts:
            if name.startswith(word):
                rest = name[len(word) :]
                return len(rest) <= 2 or rest.endswith(self.generic_nouns)
        return False

    def strip_leading(self, name: str) -> tuple[int, str]:
        """How many leading characters are connectives or times, and the rest."""
        cut = 0
        pattern = _leading_pattern(self)
        while True:
            match = pattern.match(name, cut)
            if match is None or len(name) - match.end() < 2:
                return cut, name[cut:]
            cut = match.end()


@cache
def _leading_pattern(lex: Lexicon) -> re.Pattern[str]:
    return alternation(lex.leading_words)


@cache
def lexicon() -> Lexicon:
    """The Chinese vocabularies (read once per process)."""
    surnames = word_set("zh_surnames")
    titles = _pairs("zh_titles")
    return Lexicon(
        titles=titles,
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        legal_suffixes=_longest_first(frozenset(w for w in word_list("legal_suffixes") if _HAN.search(w))),
        org_suffixes=_pairs("zh_org_suffixes"),
        not_org_endings=_longest_first(word_set("zh_not_org_endings")),
        place_suffixes=_pairs("zh_place_suffixes"),
        not_places=word_set("zh_not_places"),
        place_stopwords=word_set("zh_place_stopwords"),
        industry_words=_longest_first(word_set("zh_industry_words")),
        left_boundaries=word_set("zh_name_left_boundaries"),
        after_name=word_set("zh_after_name"),
        generic_starts=_longest_first(word_set("zh_generic_starts")),
        leading_words=_longest_first(word_set("zh_leading_words")),
        settle_verbs=_longest_first(word_set("zh_settle_verbs")),
        build_verbs=_longest_first(word_set("zh_build_verbs")),
        attract_verbs=_longest_first(word_set("zh_attract_verbs")),
        site_words=_longest_first(word_set("zh_site_words")),
        subsidiary_cues=_longest_first(word_set("zh_subsidiary_cues")),
        segment_cues=_pairs("zh_segment_cues"),
        abbreviations=_pairs("zh_abbreviations"),
        regions=word_set("zh_regions"),
        event_suffixes=_longest_first(word_set("zh_event_suffixes")),
        generic_nouns=_longest_first(word_set("zh_generic_nouns")),
    )
