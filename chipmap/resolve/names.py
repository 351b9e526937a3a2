"""Name keys the resolver compares: normalised names, acronyms, slugs for new ids.

All keys build on ``chipmap.atlas.normalise_name`` so that the resolver, the
atlas and the evaluation scorer agree on when two names are the same name.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rapidfuzz import fuzz

from chipmap.atlas import normalise_name
from chipmap.atlas.index import LEGAL_WORDS
from chipmap.resolve.government import government_key

#: Legal suffixes that news spells out inside acronyms ("Corporation" or "Corp" in SMIC, "Company" in
#: TSMC, "Group" in CETC); the other legal suffixes ("Co., Ltd.", "GmbH") add no letter.
_ACRONYM_LEGAL = frozenset({"corporation", "corp", "company", "group", "holdings", "holding", "incorporated"})
#: Words left out of an acronym ("Bank of China" -> BC, not BOC), legal suffixes from THE list.
_MINOR_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "de"}) | (LEGAL_WORDS - _ACRONYM_LEGAL)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")
_PARENTHESISED = re.compile(r"\([^)]*\)")
_SLUG_DROP = re.compile(r"[^\w]+", re.UNICODE)
#: Acronyms shorter than this are too ambiguous to resolve on ("IC", "AI").
MIN_ACRONYM = 3
SLUG_MAX = 60


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The comparison key of a name (see ``chipmap.atlas.normalise_name``), cached.

    Government names fold to one key per body (``chipmap.resolve.government``).
    A build asks for the key of the same few thousand names millions of times
    (every mention, alias and index entry); the cache makes that free.
    """
    return government_key(normalise_name(name))


def is_acronym(name: str) -> bool:
    """True for names written as an acronym: SMIC, CXMT, YMTC (not Huawei, not IC)."""
    compact = name.replace(".", "").strip()
    return bool(_ACRONYM.match(compact)) and len(compact) >= MIN_ACRONYM


def acronyms(name: str) -> set[str]:
    """Acronyms a long name can be written as, lower case, with and without legal tails.

    "Semiconductor Manufacturing International Corporation" gives {"smi", "smic"};
    parenthesised parts are dropped ("Hua Hong Semiconductor (Wuxi) Co., Ltd." gives {"hhs"}).
    """
    words = [w for w in re.split(r"[^\w]+", _PARENTHESISED.sub(" ", name).lower()) if w]
    words = [w for w in words if w not in _MINOR_WORDS]
    if len(words) < 2:
        return set()
    full = "".join(w[0] for w in words)
    short_words = name_key(_PARENTHESISED.sub(" ", name)).split()
    short = "".join(w[0] for w in short_words if w not in _MINOR_WORDS)
    return {a for a in (full, short) if len(a) >= MIN_ACRONYM}


def digits(name: str) -> str:
    """The digits of a name, in order: "Fab 7" and "Fab 8" must never be merged by fuzz."""
    return "".join(ch for ch in name if ch.isdigit())


def words_align(first: str, second: str, *, min_ratio: float = 80.0) -> bool:
    """True when every word one name has and the other lacks is a near-spelling of a missing word.

    Guards fuzzy matching: "Shenyang Group" ~ "Shengyang Group" (a spelling), but
    not "... Fund Phase One" ~ "... Fund Phase Two" or "Hefei Fab" ~ "Hefei Fab Phase II".
    """
    a, b = set(first.split()), set(second.split())
    only_a, only_b = sorted(a - b), sorted(b - a)
    if len(only_a) != len(only_b):
        return False
    return all(max((fuzz.ratio(w, v) for v in only_b), default=0.0) >= min_ratio for w in only_a)


def slug(name: str) -> str:
    """A readable id fragment from a name; a short hash when nothing readable is left."""
    text = _SLUG_DROP.sub("-", name_key(name)).strip("-_")[:SLUG_MAX].strip("-_")
    return text or hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
