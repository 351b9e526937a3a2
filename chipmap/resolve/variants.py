"""Variant keys: the same name written another way, for the ``variant`` rule of resolution.

A name key (``chipmap.resolve.names.name_key``) folds case, punctuation and legal
tails. News varies names in three more ways that never make two entities one
when the variant is unique, so each gives a second key:

- spacing and hyphens: "Hua Hong" / "Huahong", "Lin-gang" / "Lingang",
  "Chen Run'er" / "Chen Runer" — the key without spaces (``c:``);
- people: honorifics and the order of family and given name: "Dr. Haijun
  Zhao" / "Zhao Haijun" — the words without honorifics, sorted (``p:``), for
  names of at least two words (one word names nobody outside its article);
- places: a level word after the name: "Huangpu district" / "Huangpu",
  "Gaobu Town", "Shaoxing City", 南谯区 / 南谯, 锡北镇 — the name without it
  (``l:``). Only level words: a zone is not its city ("Wuxi" is not "Wuxi
  National Hi-tech District"), and a Chinese name's leading city (北京市亦庄)
  names where the place is, so it goes too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from chipmap.resolve.names import name_key

if TYPE_CHECKING:
    from chipmap.resolve.index import IndexView
    from chipmap.resolve.resolver import Mention
    from chipmap.resolve.verdicts import Verdicts

#: Words before a person's name that are not part of it.
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "madam", "academician"})
#: Level words after an English place name.
PLACE_LEVELS = ("city", "district", "county", "town", "township", "province", "new area", "municipality",
                "village")
_EN_LEVEL = re.compile(rf"^(?P<core>.+?) (?:{'|'.join(PLACE_LEVELS)})$")
_ZH_LEVEL = re.compile(r"^(?:.{2,}?[省市](?=.{2,}))?(?P<core>.{2,}?)(?:新区|市|区|县|镇|乡|省)$")
_ZH_PARENT = re.compile(r"^.{2,}?[省市](?P<core>.{2,})$")


@lru_cache(maxsize=200_000)
def variant_keys(entity_type: str, name: str) -> frozenset[str]:
    """The variant keys of a name of an entity of this type (none equal to another type's)."""
    key = name_key(name)
    if not key:
        return frozenset()
    found = set()
    if entity_type == "person":
        words = [w for w in key.split() if w not in HONORIFICS]
        if len(words) >= 2:
            found.add("c:" + "".join(words))
            found.add("p:" + " ".join(sorted(words)))
        return frozenset(found)
    found.add("c:" + key.replace(" ", ""))
    if entity_type == "place":
        found.update("l:" + core for core in _place_cores(key))
    return frozenset(found)


def _place_cores(key: str) -> set[str]:
    cores = set()
    english = _EN_LEVEL.match(key)
    if english:
        cores.add(english.group("core"))
    elif re.search(r"[\u3400-\u9fff]", key):
        chinese = _ZH_LEVEL.match(key)
        if chinese:
            cores.add(chinese.group("core"))
        else:
            parent = _ZH_PARENT.match(key)
            if parent:
                cores.add(parent.group("core"))
    return cores | {key}


def variant_matches(mention: Mention, view: IndexView, verdicts: Verdicts | None = None) -> list[str]:
    """Ids of the entities one of whose names is a variant of one of the mention's, sorted.

    A place's kind must agree when both are known (a district is not a city of one name).
    """
    found: set[str] = set()
    for form in mention.forms:
        for variant in variant_keys(mention.type, form):
            found.update(view.lookup_variant(mention.type, variant))
    kept = []
    for entity_id in sorted(found):
        entity = view.get(entity_id)
        if entity is None:
            continue
        if mention.type == "place" and mention.kind and entity.kind and mention.kind != entity.kind:
            continue
        if verdicts and verdicts.apart(mention, entity):
            continue
        kept.append(entity_id)
    return kept
