"""What a project builds (fab, packaging plant, production base, R&D centre, headquarters, fund,
other), from cue words in English sentences and Chinese project names.

The cue lists are data (``chipmap/vocab/words/project_facility_{en,zh}.txt``). English: every
cue in a sentence with its span, earlier list lines winning where cues overlap; a bare head
noun ("plant", "factory", "facility", "project") is ``generic`` and takes its kind from the
more specific cues of the same project. Chinese: the cue nearest the end of a project's name
decides ("…封装测试线项目" is a packaging plant, "…研发中心" an R&D centre).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chipmap.vocab.words import word_list

GENERIC = "generic"


@dataclass(frozen=True, slots=True)
class FacilityCue:
    """A word naming what a project builds, with where it is."""

    facility: str  # a Facility, or "generic"
    start: int
    end: int
    text: str = ""

    @property
    def generic(self) -> bool:
        return self.facility == GENERIC


def _pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in word_list(name):
        facility, _, phrase = line.partition("|")
        out.append((facility.strip(), phrase.strip()))
    return out


@cache
def _english() -> list[tuple[str, re.Pattern[str]]]:
    return [(facility, re.compile(rf"(?<![\w-])(?:{phrase})(?![\w-])", re.IGNORECASE))
            for facility, phrase in _pairs("project_facility_en")]


@cache
def _any_english() -> re.Pattern[str]:
    """Every facility phrase in one pattern, to pass over the many sentences that hold none."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _english()), re.IGNORECASE)


def english_facilities(text: str) -> list[FacilityCue]:
    """Facility cues in an English text, in reading order, without overlaps."""
    if not _any_english().search(text):
        return []
    taken = [False] * len(text)
    found: list[FacilityCue] = []
    for facility, pattern in _english():
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            found.append(FacilityCue(facility, m.start(), m.end(), m.group()))
    found.sort(key=lambda c: c.start)
    return found


@cache
def _chinese() -> list[tuple[str, str]]:
    return _pairs("project_facility_zh")


def chinese_facility(name: str) -> str:
    """The facility a Chinese project name describes ("other" when no cue says)."""
    best: tuple[int, int, str] | None = None
    for rank, (facility, word) in enumerate(_chinese()):
        at = name.rfind(word)
        if at < 0 or facility == GENERIC:
            continue
        key = (at + len(word), -rank)
        if best is None or key > best[:2]:
            best = (key[0], key[1], facility)
    return best[2] if best else "other"


def most_specific(cues: list[FacilityCue]) -> str:
    """The facility of a project from all its cues: a specific one over ``production_base``
    over ``other``; generic head nouns alone make a production base."""
    kinds = [c.facility for c in cues]
    for wanted in ("fab", "packaging_plant", "rd_center", "headquarters", "fund"):
        if wanted in kinds:
            return wanted
    if "production_base" in kinds:
        return "production_base"
    if "other" in kinds:
        return "other"
    return "production_base" if any(c.generic and not c.text.lower().startswith("project") for c in cues) \
        else "other"
