"""The in-memory index of known entities that resolution looks names up in.

The build loads it from the database once and extends it after each article is
committed, so resolving never queries the database and tests can build an
index by hand. It must hold exactly what the database holds (the same names for
the same ids): a build that is killed and re-run reloads it from the database
and has to make the same decisions as an uninterrupted build. Every look-up
therefore returns ids sorted, never in insertion order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from chipmap.atlas.index import core_name
from chipmap.resolve.names import acronyms, name_key
from chipmap.resolve.variants import variant_keys
from chipmap.resolve.words import generic_words

#: Entity types whose names are compared fuzzily (people are not: pinyin names
#: one letter apart are usually different people).
FUZZY_TYPES = frozenset({"org", "place", "event"})
#: Entity types for which near names are proposed for review (every kind, atlas entries too).
SIMILAR_TYPES = frozenset({"org", "place"})


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """What resolution needs to know about an entity in the graph."""

    id: str
    type: str
    kind: str
    name: str
    atlas_id: str | None = None
    name_zh: str | None = None  # the Chinese name, when the canonical name is not Chinese


def indexable(entity_type: str, name: str, *, canonical: bool) -> bool:
    """Whether a name may identify an entity across articles.

    A person's one-word alias ("Zhou") identifies nobody outside its article;
    their canonical name is kept whatever its length so it matches itself.
    """
    key = name_key(name)
    if not key:
        return False
    return not (entity_type == "person" and not canonical and " " not in key)


class EntityIndex:
    """Known entities by id, by normalised name, by acronym, and a fuzzy pool."""

    def __init__(self) -> None:
        self._entities: dict[str, KnownEntity] = {}
        self._names: dict[tuple[str, str], set[str]] = {}
        self._acronyms: dict[tuple[str, str], set[str]] = {}
        self._fuzzy: dict[tuple[str, str], dict[str, set[str]]] = {}
        self._ambiguous: dict[str, set[str]] = {}
        # where each entity's names were put, so that discard() need not scan the tables
        self._placed: dict[str, list[tuple[dict[tuple[str, str], set[str]], tuple[str, str]]]] = {}
        self._pooled: dict[str, list[tuple[tuple[str, str], str]]] = {}
        # every name of every org and place, across kinds and with the atlas: the pool review
        # candidates are drawn from (chipmap.resolve.candidates)
        self._cores: dict[tuple[str, str], set[str]] = {}  # organisations by core name ("tianyu")
        self._variants: dict[tuple[str, str], set[str]] = {}  # by variant key (chipmap.resolve.variants)
        self._similar: dict[str, dict[str, set[str]]] = {}
        self._similar_placed: dict[str, list[tuple[str, str]]] = {}
        self._similar_words: dict[str, dict[str, set[str]]] = {}  # type -> word -> keys holding it

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def get(self, entity_id: str) -> KnownEntity | None:
        """The entity with this id, or None."""
        return self._entities.get(entity_id)

    def add(self, entity: KnownEntity, names: Iterable[str] = (), *,
            ambiguous: Iterable[str] = ()) -> None:
        """Add (or update) an entity with its names; ``ambiguous`` names never identify it."""
        self._entities[entity.id] = entity
        self._ambiguous.setdefault(entity.id, set()).update(ambiguous)
        self._index_name(entity, entity.name, canonical=True)
        self.add_names(entity.id, names)

    def add_names(self, entity_id: str, names: Iterable[str]) -> None:
        """More surface forms of a known entity."""
        entity = self._entities[entity_id]
        for name in names:
            self._index_name(entity, name, canonical=False)

    def _index_name(self, entity: KnownEntity, name: str, *, canonical: bool) -> None:
        if name in self._ambiguous.get(entity.id, ()) or not indexable(entity.type, name, canonical=canonical):
            return
        key = name_key(name)
        placed = self._placed.setdefault(entity.id, [])
        self._names.setdefault((entity.type, key), set()).add(entity.id)
        placed.append((self._names, (entity.type, key)))
        for variant in variant_keys(entity.type, name):
            self._variants.setdefault((entity.type, variant), set()).add(entity.id)
            placed.append((self._variants, (entity.type, variant)))
        if entity.type == "org":
            for acronym in acronyms(name):
                self._acronyms.setdefault((entity.type, acronym), set()).add(entity.id)
                placed.append((self._acronyms, (entity.type, acronym)))
            core = core_name(name)
            if core and core != key:
                self._cores.setdefault((entity.type, core), set()).add(entity.id)
                placed.append((self._cores, (entity.type, core)))
        if entity.type in FUZZY_TYPES and not entity.atlas_id:
            pool = self._fuzzy.setdefault((entity.type, entity.kind), {})
            pool.setdefault(key, set()).add(entity.id)
            self._pooled.setdefault(entity.id, []).append(((entity.type, entity.kind), key))
        if entity.type in SIMILAR_TYPES:
            holders = self._similar.setdefault(entity.type, {}).setdefault(key, set())
            if not holders:
                words = self._similar_words.setdefault(entity.type, {})
                for word in set(key.split()):
                    words.setdefault(word, set()).add(key)
            holders.add(entity.id)
            self._similar_placed.setdefault(entity.id, []).append((entity.type, key))

    def discard(self, entity_id: str) -> None:
        """Forget an entity the store deleted (its last mention went with a re-read article)."""
        self._entities.pop(entity_id, None)
        self._ambiguous.pop(entity_id, None)
        for table, key in self._placed.pop(entity_id, []):
            ids = table.get(key)
            if ids is not None:
                ids.discard(entity_id)
                if not ids:
                    del table[key]
        for pool_key, name in self._pooled.pop(entity_id, []):
            pool = self._fuzzy.get(pool_key, {})
            members = pool.get(name)
            if members is not None:
                members.discard(entity_id)
                if not members:
                    del pool[name]
        for entity_type, name in self._similar_placed.pop(entity_id, []):
            similar = self._similar.get(entity_type, {})
            holders = similar.get(name)
            if holders is not None:
                holders.discard(entity_id)
                if not holders:
                    del similar[name]
                    words = self._similar_words.get(entity_type, {})
                    for word in set(name.split()):
                        words.get(word, set()).discard(name)

    def ambiguous_names(self, entity_id: str) -> set[str]:
        """Names that must not identify this entity (atlas names shared with another entry)."""
        return set(self._ambiguous.get(entity_id, ()))

    def lookup(self, entity_type: str, key: str) -> list[str]:
        """Ids of entities of this type with a name whose key is ``key``."""
        return sorted(self._names.get((entity_type, key), ()))

    def lookup_acronym(self, entity_type: str, acronym: str) -> list[str]:
        """Ids of entities of this type whose name abbreviates to ``acronym`` (lower case)."""
        return sorted(self._acronyms.get((entity_type, acronym), ()))

    def lookup_variant(self, entity_type: str, variant: str) -> list[str]:
        """Ids of entities of this type with a name that has this variant key."""
        return sorted(self._variants.get((entity_type, variant), ()))

    def lookup_core(self, entity_type: str, core: str) -> list[str]:
        """Ids of organisations one of whose names is ``core`` plus generic words ("Tianyu Semiconductor")."""
        return sorted(self._cores.get((entity_type, core), ()))

    def fuzzy(self, entity_type: str, kind: str, key: str, *, threshold: float) -> list[tuple[str, str, float]]:
        """(id, matched key, score) of news-only entities whose name is close to ``key``, best first."""
        pool = self._fuzzy.get((entity_type, kind))
        if not pool:
            return []
        found = process.extract(key, list(pool), scorer=fuzz.token_sort_ratio,
                                score_cutoff=threshold, limit=10)
        hits = [(entity_id, match, float(score)) for match, score, _ in found for entity_id in pool[match]]
        return sorted(hits, key=lambda hit: (-hit[2], hit[0]))

    def similar(self, entity_type: str, key: str, *, threshold: float,
                limit: int = 10) -> list[tuple[str, str, float, bool]]:
        """(id, matched key, token_sort_ratio, contained) of entities of any kind, atlas ones too,
        whose name is close to ``key`` or holds all its words (or the reverse), best first."""
        pool = self._similar.get(entity_type)
        if not pool:
            return []
        scores: dict[str, tuple[float, bool]] = {
            match: (float(score), False) for match, score, _ in
            process.extract(key, list(pool), scorer=fuzz.token_sort_ratio, score_cutoff=threshold, limit=limit)}
        for match in self._containing(entity_type, key, limit=limit):
            scores[match] = (scores[match][0] if match in scores else fuzz.token_sort_ratio(key, match), True)
        hits = [(entity_id, match, score, contained) for match, (score, contained) in scores.items()
                for entity_id in pool[match]]
        return sorted(hits, key=lambda hit: (-hit[2], hit[0], hit[1]))


    def _containing(self, entity_type: str, key: str, *, limit: int) -> list[str]:
        """Keys that hold every word of ``key`` or whose every word ``key`` holds, closest first.

        Looked up by word, not by scoring the whole pool: a key holding all of ``key``'s words
        holds its rarest one; a key within ``key`` shares one of its distinctive words.
        """
        words = self._similar_words.get(entity_type, {})
        mine = set(key.split())
        postings: list[set[str]] = sorted((words.get(w, set()) for w in mine), key=len)
        if not postings:
            return []
        pool = set(postings[0])
        for word in mine - generic_words():
            pool |= words.get(word, set())
        found = [k for k in pool if k != key and (mine <= set(k.split()) or set(k.split()) <= mine)]
        found.sort(key=lambda k: (-fuzz.token_sort_ratio(key, k), k))
        return found[:limit]


class IndexView:
    """A base index plus the entities one article adds, searched as one.

    Resolving an article must not change the shared index until the article is
    committed; the view keeps the article's new entities and names aside.
    """

    def __init__(self, base: EntityIndex) -> None:
        self.base = base
        self.local = EntityIndex()

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.local or entity_id in self.base

    def get(self, entity_id: str) -> KnownEntity | None:
        return self.local.get(entity_id) or self.base.get(entity_id)

    def remember(self, entity: KnownEntity, names: Iterable[str]) -> None:
        """Record an entity (new or known) and forms the article uses for it."""
        if entity.id not in self.local:
            self.local.add(entity, ambiguous=self.base.ambiguous_names(entity.id))
        self.local.add_names(entity.id, names)

    def lookup(self, entity_type: str, key: str) -> list[str]:
        return sorted(set(self.base.lookup(entity_type, key)) | set(self.local.lookup(entity_type, key)))

    def lookup_acronym(self, entity_type: str, acronym: str) -> list[str]:
        return sorted(set(self.base.lookup_acronym(entity_type, acronym))
                      | set(self.local.lookup_acronym(entity_type, acronym)))

    def lookup_variant(self, entity_type: str, variant: str) -> list[str]:
        return sorted(set(self.base.lookup_variant(entity_type, variant))
                      | set(self.local.lookup_variant(entity_type, variant)))

    def lookup_core(self, entity_type: str, core: str) -> list[str]:
        return sorted(set(self.base.lookup_core(entity_type, core)) | set(self.local.lookup_core(entity_type, core)))

    def similar(self, entity_type: str, key: str, *, threshold: float,
                limit: int = 10) -> list[tuple[str, str, float, bool]]:
        hits = {(h[0], h[1]): h for h in self.base.similar(entity_type, key, threshold=threshold, limit=limit)}
        hits.update({(h[0], h[1]): h for h in self.local.similar(entity_type, key, threshold=threshold,
                                                                 limit=limit)})
        return sorted(hits.values(), key=lambda hit: (-hit[2], hit[0], hit[1]))

    def fuzzy(self, entity_type: str, kind: str, key: str, *, threshold: float) -> list[tuple[str, str, float]]:
        hits = {(h[0], h[1]): h for h in self.base.fuzzy(entity_type, kind, key, threshold=threshold)}
        hits.update({(h[0], h[1]): h for h in self.local.fuzzy(entity_type, kind, key, threshold=threshold)})
        return sorted(hits.values(), key=lambda hit: (-hit[2], hit[0]))
