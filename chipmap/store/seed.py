"""The atlas as part of the graph: every org and place an entity, its facts relations.

Seeding gives the analytics their backbone before any news is read:

- every atlas org and place becomes an entity whose id is its atlas id, with
  all its names as aliases (names the atlas marks ambiguous are flagged so
  resolution never relies on them);
- ``headquarters`` and ``sites`` become ``located_in``, ``part_of`` follows
  the place hierarchy, ``parent`` becomes ``subsidiary_of``, ``segments``
  become ``operates_in`` (tail ``segment:<name>``);
- each of those relations gets an evidence row with ``source = "atlas"``,
  ``article_id`` NULL, and the entry's ``source`` text as its sentence.

Seeding runs in one transaction and only when the atlas changed (a hash of
its entries is kept in ``meta``), so re-running a build costs nothing here.
A changed atlas replaces all atlas evidence and leaves news evidence alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from chipmap.atlas import Atlas
from chipmap.atlas.index import Entry
from chipmap.atlas.models import Organization
from chipmap.resolve import name_key
from chipmap.store import aggregate
from chipmap.store.db import Database
from chipmap.store.models import AliasRow, Base, EntityRow, EvidenceRow, MentionRow, Meta, RelationRow
from chipmap.store.rows import relation_id
from chipmap.store.writer import bump_version, insert_ignore, refresh_search_text
from chipmap.vocab import SEGMENT_PREFIX

logger = logging.getLogger(__name__)

#: Confidence of one atlas evidence row: curated, but not infallible.
ATLAS_CONFIDENCE = 0.95
ATLAS_VERSION = "atlas"
FINGERPRINT_KEY = "atlas_fingerprint"


@dataclass(frozen=True, slots=True)
class SeedResult:
    """What seeding did."""

    seeded: bool
    entities: int = 0
    relations: int = 0


def fingerprint(atlas: Atlas) -> str:
    """A hash of every atlas entry; it changes whenever the atlas does."""
    return atlas.fingerprint


def atlas_relations(atlas: Atlas) -> list[tuple[str, str, str, str, str]]:
    """(type, head id, tail id, evidence sentence, rule) for every fact the atlas states.

    The sentence is the citation a reader can check (a site's own, else its entry's); the
    rule names the atlas field that states the fact (``atlas.sites``, ``atlas.parent`` ...).
    """
    facts: dict[tuple[str, str, str], tuple[str, str]] = {}
    for place in atlas.places.values():
        if place.part_of and place.part_of in atlas.places:
            facts[("part_of", place.id, place.part_of)] = (place.citation, "atlas.part_of")
    for org in atlas.orgs.values():
        if org.headquarters and org.headquarters in atlas.places:
            facts[("located_in", org.id, org.headquarters)] = (org.citation, "atlas.headquarters")
        for site in org.sites:
            if site.place in atlas.places:
                facts.setdefault(("located_in", org.id, site.place), (site.citation or org.citation, "atlas.sites"))
        if org.parent and org.parent in atlas.orgs and org.parent != org.id:
            facts[("subsidiary_of", org.id, org.parent)] = (org.citation, "atlas.parent")
        for segment in org.segments:
            facts[("operates_in", org.id, SEGMENT_PREFIX + segment)] = (org.citation, "atlas.segments")
    return sorted((*key, sentence, rule) for key, (sentence, rule) in facts.items())


def _entity_row(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "type": "org" if isinstance(entry, Organization) else "place",
            "kind": entry.kind, "name": entry.name, "name_zh": entry.name_zh, "atlas_id": entry.id,
            "from_atlas": True, "search_text": " ".join(entry.all_names())}


def _upsert(conn: Connection, model: type[Base], rows: list[dict[str, Any]], keys: list[str],
            fields: tuple[str, ...]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE, as one executemany (compiled once, not per row)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(model)
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_={f: stmt.excluded[f] for f in fields}),
                 rows)


def seed_rows(conn: Connection, atlas: Atlas) -> SeedResult:
    """Bring the atlas part of the graph in line with ``atlas`` on an open transaction."""
    entries = list(atlas.entries())
    atlas_ids = {e.id for e in entries}
    stale = set(conn.execute(select(EntityRow.id).where(EntityRow.from_atlas.is_(True))).scalars()) - atlas_ids
    if stale:  # entries gone from the atlas keep only their news
        conn.execute(update(EntityRow).where(EntityRow.id.in_(sorted(stale))).values(from_atlas=False))
        mentioned = set(conn.execute(select(MentionRow.entity_id).where(MentionRow.entity_id.in_(sorted(stale))))
                        .scalars())
        gone = sorted(stale - mentioned)
        conn.execute(delete(RelationRow).where(RelationRow.tail_id.in_(gone)))
        conn.execute(delete(EntityRow).where(EntityRow.id.in_(gone)))
    _upsert(conn, EntityRow, [_entity_row(e) for e in entries], ["id"],
            ("type", "kind", "name", "name_zh", "atlas_id", "from_atlas", "search_text"))
    conn.execute(delete(AliasRow).where(AliasRow.origin == "atlas"))
    aliases = [{"entity_id": e.id, "alias": name, "norm": name_key(name), "origin": "atlas",
                "ambiguous": name in e.ambiguous} for e in entries for name in e.all_names()]
    _upsert(conn, AliasRow, aliases, ["entity_id", "alias"], ("origin", "ambiguous"))
    old = {i for i in conn.execute(select(EvidenceRow.relation_id).where(EvidenceRow.origin == "atlas")).scalars()
           if i is not None}
    conn.execute(delete(EvidenceRow).where(EvidenceRow.origin == "atlas"))
    facts = atlas_relations(atlas)
    relations = {}
    evidence = []
    for rel_type, head, tail, sentence, rule in facts:
        rel_id = relation_id(rel_type, head, tail)
        relations[rel_id] = {"id": rel_id, "type": rel_type, "head_id": head, "tail_id": tail, "title": None,
                             "confidence": 0.0, "evidence_count": 0, "first_seen": None, "last_seen": None,
                             "from_atlas": True}
        evidence.append({"relation_id": rel_id, "attribute_id": None, "article_id": None, "origin": "atlas",
                         "sentence": sentence, "start_char": 0, "end_char": len(sentence),
                         "confidence": ATLAS_CONFIDENCE, "extractor_version": ATLAS_VERSION, "seen": None,
                         "rule": rule})
    insert_ignore(conn, RelationRow, list(relations.values()))
    if evidence:
        conn.execute(insert(EvidenceRow), evidence)
    aggregate.recompute(conn, relation_ids=old | set(relations))
    refresh_search_text(conn, sorted(atlas_ids))
    return SeedResult(seeded=True, entities=len(entries), relations=len(relations))


def seed_atlas(db: Database, atlas: Atlas, *, force: bool = False) -> SeedResult:
    """Seed (or re-seed) the atlas unless this very atlas is already in the graph."""
    stamp = fingerprint(atlas)
    with db.begin() as conn:
        current = conn.execute(select(Meta.value).where(Meta.key == FINGERPRINT_KEY)).scalar()
        if current == stamp and not force:
            return SeedResult(seeded=False)
        result = seed_rows(conn, atlas)
        insert_ignore(conn, Meta, [{"key": FINGERPRINT_KEY, "value": stamp}])
        conn.execute(update(Meta).where(Meta.key == FINGERPRINT_KEY).values(value=stamp))
        bump_version(conn)
    logger.info("seeded the atlas: %d entities, %d relations", result.entities, result.relations)
    return result
