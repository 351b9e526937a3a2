"""Entities a new mention might be: "possibly same as" links for a person to review.

Resolution merges only what its rules are sure of (``chipmap.resolve.resolver``).
Everything it is unsure of used to become a silent split: a second entity, and
nobody told. When a mention becomes a new organisation or place, this module
looks for entities it may be after all and records each as a candidate with a
score and a reason:

- ``fuzzy`` — rapidfuzz ``token_sort_ratio`` in the band from
  ``CANDIDATE_THRESHOLD`` up to the merge threshold (a merge there would be a guess),
  or above it when the resolver's word guards turned the merge down;
- ``fuzzy-tie`` — at or above the merge threshold, but two entities tie;
- ``other-kind`` — close enough to merge, but the extractor gave it another kind
  (a company and an investor of one name);
- ``atlas`` — close to an atlas entry's name, which resolution never merges by fuzz;
- ``contained`` — one name holds every word of the other and adds one or two
  ("Zhuoyue Capital" / "Zhuoyue Capital Management");
- ``core``, ``variant`` — the resolver's core-name or variant rule fits several
  entities (``chipmap.resolve.core``, ``chipmap.resolve.variants``).

Names whose digits differ ("Fab 7", "Fab 8") or whose ordinal words differ
("Phase One", "Phase Two") are never proposed: they are known to differ. Nor are
names that look alike only in their generic words (``generic_words.txt``:
"Chartered Semiconductor", "Huada Semiconductor"; "Shenzhen Stock Exchange",
"Shanghai Stock Exchange"): what is left must agree to ``DISTINCT_THRESHOLD``,
or be contained in the other. A pair
a reviewer has judged (``chipmap.resolve.verdicts``) is not proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from chipmap.resolve.index import SIMILAR_TYPES, IndexView
from chipmap.resolve.names import digits, name_key
from chipmap.resolve.words import generic_words

if TYPE_CHECKING:
    from chipmap.resolve.resolver import Mention
    from chipmap.resolve.verdicts import Verdicts

#: Lowest token_sort_ratio (0-100) at which a pair is proposed for review.
CANDIDATE_THRESHOLD = 80.0
#: Candidates kept per mention, best first.
MAX_CANDIDATES = 3
#: Most words a longer name may add to a shorter one for a ``contained`` candidate.
MAX_ADDED_WORDS = 2
#: Lowest token_sort_ratio of the distinctive words (generic words removed) of a proposed pair.
DISTINCT_THRESHOLD = 75.0
#: Words that number things: two names that differ in them name two things.
ORDINALS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third",
    "fourth", "fifth", "i", "ii", "iii", "iv", "v", "vi", "north", "south", "east", "west", "phase",
    "一期", "二期", "三期",
})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity a mention may be: its id, how close (0-1), why it was proposed."""

    entity_id: str
    score: float
    reason: str  # fuzzy | fuzzy-tie | other-kind | atlas | contained | core | variant
    detail: str = ""


def distinct_words_agree(first: str, second: str) -> bool:
    """True when the distinctive words of two name keys agree or one name holds the other's; a name of
    generic words only agrees with a name that holds all its words."""
    generic = generic_words()
    a = [w for w in first.split() if w not in generic]
    b = [w for w in second.split() if w not in generic]
    if not a or not b:
        words_a, words_b = set(first.split()), set(second.split())
        return words_a <= words_b or words_b <= words_a
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= DISTINCT_THRESHOLD


def _ordinals(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w in ORDINALS)


def _contained(first: str, second: str) -> bool:
    short, long = sorted((set(first.split()), set(second.split())), key=len)
    return len(short) >= 2 and short < long and len(long - short) <= MAX_ADDED_WORDS


def find_candidates(mention: Mention, view: IndexView, *, merge_threshold: float,
                    threshold: float = CANDIDATE_THRESHOLD, verdicts: Verdicts | None = None,
                    exclude: str | None = None) -> tuple[Candidate, ...]:
    """Entities the mention may be, best first (none for people and events).

    ``exclude`` is the id the mention resolved to (itself, when it is new).
    """
    if mention.type not in SIMILAR_TYPES:
        return ()
    key = name_key(mention.name)
    if not key:
        return ()
    best: dict[str, Candidate] = {}
    hits = view.similar(mention.type, key, threshold=threshold)
    top = max((score for _, _, score, _ in hits), default=0.0)
    tied = len({entity_id for entity_id, _, score, _ in hits if score == top}) > 1
    for entity_id, match, score, contained in hits:
        entity = view.get(entity_id)
        if entity is None or entity_id == exclude or entity_id in best:
            continue
        if digits(match) != digits(key) or _ordinals(match) != _ordinals(key):
            continue
        if contained and not _contained(key, match) and score < threshold:
            continue
        if not distinct_words_agree(key, match):
            continue
        if verdicts is not None and verdicts.apart(mention, entity):
            continue
        if entity.atlas_id:
            reason = "atlas"
        elif score >= merge_threshold and entity.kind != mention.kind:
            reason = "other-kind"
        elif score >= merge_threshold and tied:
            reason = "fuzzy-tie"
        elif score >= threshold:
            reason = "fuzzy"
        else:
            reason = "contained"
        via = "" if match == name_key(entity.name) else f" (as {match!r})"
        best[entity_id] = Candidate(entity_id, round(score / 100.0, 3), reason,
                                    f"{mention.name!r} ~ {entity.name!r}{via}")
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.entity_id))
    return tuple(ranked[:MAX_CANDIDATES])
