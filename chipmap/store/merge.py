"""Two entities into one, in place: what accepting a "same" verdict does to the graph.

The entity kept takes the other's names, mentions, events, relations and
attributes. Relation and attribute ids are derived from their ends
(``chipmap.store.rows``), so every fact of the entity that goes is re-keyed:
when the re-keyed fact exists already its evidence joins it, otherwise the fact
moves, and the aggregates are recomputed from the evidence (the same
noisy-or as a build's). A fact that would join the entity to itself is dropped.
An atlas entity is always the one kept; two atlas entities are never merged
(two atlas entries are two bodies until the atlas says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from chipmap.errors import ReviewError
from chipmap.store import aggregate, fts
from chipmap.store.models import (
    AliasRow,
    AttributeRow,
    CandidateRow,
    EntityRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    RelationRow,
)
from chipmap.store.rows import attribute_id, relation_id
from chipmap.store.writer import refresh_search_text


@dataclass(frozen=True, slots=True)
class MergeResult:
    """Which entity stayed, which went, and how many facts moved."""

    kept: str
    removed: str
    relations: int
    attributes: int
    mentions: int


def _entities(conn: Connection, keep: str, drop: str) -> tuple[Any, Any]:
    rows = {r.id: r for r in conn.execute(select(EntityRow).where(EntityRow.id.in_([keep, drop])))}
    for entity_id in (keep, drop):
        if entity_id not in rows:
            raise ReviewError(f"no entity {entity_id!r} to merge (was it removed with its articles?)")
    return rows[keep], rows[drop]


def choose_kept(conn: Connection, first: str, second: str) -> tuple[str, str]:
    """(kept, removed): the atlas entity if one is; else ``first``."""
    a, b = _entities(conn, first, second)
    if a.type != b.type:
        raise ReviewError(f"{first} is a {a.type} and {second} a {b.type}: only entities of one type merge")
    if a.from_atlas and b.from_atlas:
        raise ReviewError(f"{first} and {second} are both atlas entries: merge them in the atlas, not by review")
    return (second, first) if b.from_atlas else (first, second)


def _dedupe_evidence(conn: Connection, column: Any, owner: str) -> None:
    """Keep one evidence row per sentence of an article (two facts that became one may share it)."""
    seen: set[tuple[Any, ...]] = set()
    extra: list[int] = []
    for row in conn.execute(select(EvidenceRow.id, EvidenceRow.article_id, EvidenceRow.origin,
                                   EvidenceRow.start_char, EvidenceRow.end_char, EvidenceRow.sentence)
                            .where(column == owner).order_by(EvidenceRow.id)):
        key = (row.article_id, row.origin, row.start_char, row.end_char, row.sentence)
        if key in seen:
            extra.append(row.id)
        seen.add(key)
    if extra:
        conn.execute(delete(EvidenceRow).where(EvidenceRow.id.in_(extra)))


def _move_relations(conn: Connection, keep: str, drop: str) -> set[str]:
    touched: set[str] = set()
    old = list(conn.execute(select(RelationRow).where((RelationRow.head_id == drop) | (RelationRow.tail_id == drop))))
    for rel in old:
        head = keep if rel.head_id == drop else rel.head_id
        tail = keep if rel.tail_id == drop else rel.tail_id
        if head == tail:
            conn.execute(delete(RelationRow).where(RelationRow.id == rel.id))
            continue
        new_id = relation_id(rel.type, head, tail, rel.title)
        if not conn.execute(select(RelationRow.id).where(RelationRow.id == new_id)).first():
            conn.execute(insert(RelationRow).values(
                id=new_id, type=rel.type, head_id=head, tail_id=tail, title=rel.title, confidence=0.0,
                evidence_count=0, first_seen=None, last_seen=None, from_atlas=rel.from_atlas))
        conn.execute(update(EvidenceRow).where(EvidenceRow.relation_id == rel.id).values(relation_id=new_id))
        conn.execute(delete(RelationRow).where(RelationRow.id == rel.id))
        _dedupe_evidence(conn, EvidenceRow.relation_id, new_id)
        touched.add(new_id)
    aggregate.recompute(conn, relation_ids=touched)
    return touched


def _move_attributes(conn: Connection, keep: str, drop: str) -> set[str]:
    touched: set[str] = set()
    old = list(conn.execute(select(AttributeRow).where(
        (AttributeRow.entity_id == drop) | ((AttributeRow.key == "place") & (AttributeRow.value == drop)))))
    for attr in old:
        owner = keep if attr.entity_id == drop else attr.entity_id
        value = keep if attr.key == "place" and attr.value == drop else attr.value
        new_id = attribute_id(owner, attr.key, value)
        if not conn.execute(select(AttributeRow.id).where(AttributeRow.id == new_id)).first():
            conn.execute(insert(AttributeRow).values(
                id=new_id, entity_id=owner, key=attr.key, value=value, confidence=0.0, evidence_count=0,
                first_seen=None, last_seen=None))
        conn.execute(update(EvidenceRow).where(EvidenceRow.attribute_id == attr.id).values(attribute_id=new_id))
        conn.execute(delete(AttributeRow).where(AttributeRow.id == attr.id))
        _dedupe_evidence(conn, EvidenceRow.attribute_id, new_id)
        touched.add(new_id)
    aggregate.recompute(conn, attribute_ids=touched)
    return touched


def _move_names(conn: Connection, keep: str, drop: str, drop_name: str) -> int:
    kept = set(conn.execute(select(AliasRow.alias).where(AliasRow.entity_id == keep)).scalars())
    kept.add(conn.execute(select(EntityRow.name).where(EntityRow.id == keep)).scalar_one())
    new = []
    for alias, norm, origin, ambiguous in conn.execute(
            select(AliasRow.alias, AliasRow.norm, AliasRow.origin, AliasRow.ambiguous)
            .where(AliasRow.entity_id == drop).order_by(AliasRow.id)):
        if alias not in kept:
            kept.add(alias)
            new.append({"entity_id": keep, "alias": alias, "norm": norm, "origin": origin, "ambiguous": ambiguous})
    if drop_name not in kept:
        from chipmap.resolve import name_key

        new.append({"entity_id": keep, "alias": drop_name, "norm": name_key(drop_name), "origin": "news",
                    "ambiguous": False})
    conn.execute(delete(AliasRow).where(AliasRow.entity_id == drop))
    if new:
        conn.execute(insert(AliasRow), new)
    # mentions: one row per (article, entity, surface)
    have = {(a, s) for a, s in conn.execute(select(MentionRow.article_id, MentionRow.surface)
                                            .where(MentionRow.entity_id == keep))}
    moved = 0
    for row in list(conn.execute(select(MentionRow.id, MentionRow.article_id, MentionRow.surface)
                                 .where(MentionRow.entity_id == drop))):
        if (row.article_id, row.surface) in have:
            conn.execute(delete(MentionRow).where(MentionRow.id == row.id))
        else:
            have.add((row.article_id, row.surface))
            conn.execute(update(MentionRow).where(MentionRow.id == row.id).values(entity_id=keep))
            moved += 1
    return moved


def _move_candidates(conn: Connection, keep: str, drop: str) -> None:
    """Point the other candidates of the entity that goes at the one kept (none of it with itself)."""
    rows = list(conn.execute(select(CandidateRow).where(
        (CandidateRow.entity_id == drop) | (CandidateRow.other_id == drop))))
    conn.execute(delete(CandidateRow).where(CandidateRow.id.in_([r.id for r in rows])))
    have = {(a, e, o) for a, e, o in conn.execute(
        select(CandidateRow.article_id, CandidateRow.entity_id, CandidateRow.other_id)
        .where((CandidateRow.entity_id == keep) | (CandidateRow.other_id == keep)))}
    moved = []
    for row in rows:
        entity_id = keep if row.entity_id == drop else row.entity_id
        other_id = keep if row.other_id == drop else row.other_id
        if entity_id == other_id or (row.article_id, entity_id, other_id) in have:
            continue
        have.add((row.article_id, entity_id, other_id))
        moved.append({"article_id": row.article_id, "entity_id": entity_id, "other_id": other_id,
                      "surface": row.surface, "score": row.score, "reason": row.reason, "detail": row.detail})
    if moved:
        conn.execute(insert(CandidateRow), moved)


def merge_rows(conn: Connection, keep: str, drop: str) -> MergeResult:
    """Merge ``drop`` into ``keep`` on an open transaction (see the module docstring)."""
    keep, drop = choose_kept(conn, keep, drop)
    _, dropped = _entities(conn, keep, drop)
    mentions = _move_names(conn, keep, drop, dropped.name)
    conn.execute(update(EventRow).where(EventRow.entity_id == drop).values(entity_id=keep))
    conn.execute(update(EventRow).where(EventRow.place_id == drop).values(place_id=keep))
    relations = _move_relations(conn, keep, drop)
    attributes = _move_attributes(conn, keep, drop)
    _move_candidates(conn, keep, drop)
    conn.execute(delete(EntityRow).where(EntityRow.id == drop))
    fts.unindex_entities(conn, [drop])
    refresh_search_text(conn, [keep])
    return MergeResult(kept=keep, removed=drop, relations=len(relations), attributes=len(attributes),
                       mentions=mentions)
