"""The core-name rule: "Tianyu" and "Tianyu Semiconductor" are one organisation when nothing else fits.

News drops and adds generic trailing words at will ("Kingston" / "Kingston
Technology", "Changxin Memory" / "Changxin Memory Technologies"); the atlas's
``core_name`` removes them (``chipmap.atlas.index.WEAK_TAIL``). A mention whose
core is a known organisation's name, or whose name is a known organisation's
core, or which shares a core with one, is that organisation — when exactly one
organisation fits and the core is a name of its own: at least four letters, not
a place ("Shanghai" of "Shanghai Technology"), not generic words alone. Several
fits make review candidates instead of a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chipmap.atlas.index import core_name
from chipmap.resolve.candidates import Candidate
from chipmap.resolve.index import IndexView
from chipmap.resolve.names import name_key
from chipmap.resolve.words import generic_words

if TYPE_CHECKING:
    from chipmap.resolve.resolver import Mention
    from chipmap.resolve.verdicts import Verdicts

#: Shortest core (in characters) that may identify an organisation.
MIN_CORE = 4


def distinctive(core: str, view: IndexView) -> bool:
    """True when a core can name an organisation by itself."""
    if len(core.replace(" ", "")) < MIN_CORE or view.lookup("place", core):
        return False
    return not all(word in generic_words() for word in core.split())


def core_matches(mention: Mention, view: IndexView, verdicts: Verdicts | None = None) -> list[str]:
    """Ids of the organisations the mention names by its core, sorted."""
    key = name_key(mention.name)
    core = core_name(mention.name)
    found: set[str] = set()
    if core and core != key and distinctive(core, view):
        found.update(view.lookup("org", core))
        found.update(view.lookup_core("org", core))
    if key and distinctive(key, view):
        found.update(view.lookup_core("org", key))
    if verdicts:
        found = {i for i in found if (e := view.get(i)) is None or not verdicts.apart(mention, e)}
    return sorted(found)


def tied_candidates(ids: list[str], mention: Mention, view: IndexView, *, reason: str,
                    score: float) -> tuple[Candidate, ...]:
    """Review candidates when a sure rule (``core``, ``variant``) fits several entities."""
    found = []
    for entity_id in ids:
        entity = view.get(entity_id)
        if entity is not None:
            found.append(Candidate(entity_id, score, reason, f"{mention.name!r} ~ {entity.name!r} (one of several)"))
    return tuple(found)
