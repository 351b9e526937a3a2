"""Find atlas entries by any name: exact (English, Chinese, alias), then fuzzy."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from chipmap.atlas.index import Atlas, Entry, normalise_name


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result with how well its best name matched (0-100)."""

    entry: Entry
    score: float
    matched: str


def search(atlas: Atlas, text: str, *, limit: int = 10, min_score: float = 70.0) -> list[Hit]:
    """Entries whose names match ``text``, best first; exact and substring matches lead."""
    query = normalise_name(text) or text.strip()
    hits: dict[str, Hit] = {}
    for entry_id in atlas.lookup(text):
        entry = atlas.get(entry_id)
        if entry is not None:
            hits[entry_id] = Hit(entry, 100.0, text)
    names = atlas.names()
    choices = list(names)
    for key in choices:
        if query and query in key and len(hits) < limit * 3:
            for entry_id in names[key]:
                entry = atlas.get(entry_id)
                if entry is not None and entry_id not in hits:
                    hits[entry_id] = Hit(entry, 95.0 if key.startswith(query) else 90.0, key)
    for key, score, _ in process.extract(query, choices, scorer=fuzz.WRatio, limit=limit * 2):
        if score < min_score:
            continue
        for entry_id in names[key]:
            entry = atlas.get(entry_id)
            if entry is not None and entry_id not in hits:
                hits[entry_id] = Hit(entry, float(score), key)
    return sorted(hits.values(), key=lambda h: (-h.score, h.entry.id))[:limit]
