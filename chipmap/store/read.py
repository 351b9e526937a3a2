"""Rows to the read records of ``chipmap.graph_records``, in a few set-based queries.

Each builder takes the ids it should describe (``None``: all) and issues one
query per table, never one per entity, so a snapshot of a 50k-article graph
is a handful of scans.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from sys import intern
from typing import Any

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.engine import Connection

from chipmap.graph_records import ArticleRecord, EntityRecord, RelationRecord
from chipmap.store.models import (
    AliasRow,
    ArticleRow,
    AttributeRow,
    EntityRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    RelationRow,
    SourceRow,
)
from chipmap.vocab import SEGMENT_LABELS, SEGMENT_PREFIX, SEGMENTS

_CHUNK = 500
#: A SELECT of any columns.
AnySelect = Select[*tuple[Any, ...]]


def _chunks(ids: Sequence[str] | None) -> Iterator[list[str] | None]:
    if ids is None:
        yield None
        return
    unique = sorted(set(ids))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


def _rows(conn: Connection, query: AnySelect, column: Any, ids: Sequence[str] | None) -> Iterator[Any]:
    for chunk in _chunks(ids):
        yield from conn.execute(query if chunk is None else query.where(column.in_(chunk)))


def entity_records(conn: Connection, ids: Sequence[str] | None = None) -> dict[str, EntityRecord]:
    """Entity records with aliases, segments, titles and news statistics."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _rows(conn, select(AliasRow.entity_id, AliasRow.alias).order_by(AliasRow.id),
                     AliasRow.entity_id, ids):
        aliases[row.entity_id].append(row.alias)
    segments: dict[str, set[str]] = defaultdict(set)
    for row in _rows(conn, select(RelationRow.head_id, RelationRow.tail_id)
                     .where(RelationRow.type == "operates_in"), RelationRow.head_id, ids):
        segments[row.head_id].add(row.tail_id.removeprefix(SEGMENT_PREFIX))
    attributes: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for row in _rows(conn, select(AttributeRow.entity_id, AttributeRow.key, AttributeRow.value)
                     .order_by(AttributeRow.entity_id, AttributeRow.key, AttributeRow.confidence.desc(),
                               AttributeRow.value), AttributeRow.entity_id, ids):
        attributes[row.entity_id].setdefault(row.key, []).append(row.value)
    dates: dict[str, dt.date] = {}
    for row in _rows(conn, select(EventRow.entity_id, func.min(EventRow.date).label("d"))
                     .group_by(EventRow.entity_id), EventRow.entity_id, ids):
        if row.d is not None:
            dates[row.entity_id] = row.d if isinstance(row.d, dt.date) else dt.date.fromisoformat(str(row.d))
    stats: dict[str, Any] = {}
    stat_query = (select(MentionRow.entity_id, func.count(distinct(MentionRow.article_id)).label("articles"),
                         func.count().label("mentions"), func.min(ArticleRow.seen).label("first"),
                         func.max(ArticleRow.seen).label("last"))
                  .join(ArticleRow, ArticleRow.id == MentionRow.article_id).group_by(MentionRow.entity_id))
    for row in _rows(conn, stat_query, MentionRow.entity_id, ids):
        stats[row.entity_id] = row
    records: dict[str, EntityRecord] = {}
    for row in _rows(conn, select(EntityRow), EntityRow.id, ids):
        attrs = attributes.get(row.id, {})
        stat = stats.get(row.id)
        records[row.id] = EntityRecord(
            id=row.id, type=row.type, name=row.name, kind=row.kind or "",
            segments=tuple(s for s in SEGMENTS if s in segments.get(row.id, ())),
            aliases=tuple(a for a in dict.fromkeys(aliases.get(row.id, [])) if a != row.name),
            atlas_id=row.atlas_id, name_zh=row.name_zh, titles=tuple(attrs.get("title", ())),
            date=dates.get(row.id),
            article_count=int(stat.articles) if stat else 0, mention_count=int(stat.mentions) if stat else 0,
            first_seen=_date(stat.first) if stat else None, last_seen=_date(stat.last) if stat else None,
            attributes={k: list(v) for k, v in attrs.items() if k != "title"},
        )
    return records


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def tail_name(tail_id: str, names: dict[str, str]) -> str:
    """The display name of a relation tail (an entity, or a segment)."""
    if tail_id.startswith(SEGMENT_PREFIX):
        segment = tail_id.removeprefix(SEGMENT_PREFIX)
        return SEGMENT_LABELS.get(segment, segment)
    return names.get(tail_id, tail_id)


def relation_records(conn: Connection, query: AnySelect | None = None) -> list[RelationRecord]:
    """Relation records for the relations ``query`` selects (default: all), with names and articles."""
    query = query if query is not None else select(RelationRow)
    rows = list(conn.execute(query.order_by(RelationRow.type, RelationRow.head_id, RelationRow.tail_id,
                                            RelationRow.id)))
    if not rows:
        return []
    ids = [r.id for r in rows] if len(rows) < 5 * _CHUNK else None
    articles: dict[str, set[str]] = defaultdict(set)
    for row in _rows(conn, select(EvidenceRow.relation_id, EvidenceRow.article_id)
                     .where(EvidenceRow.article_id.is_not(None), EvidenceRow.relation_id.is_not(None)),
                     EvidenceRow.relation_id, ids):
        articles[row.relation_id].add(intern(row.article_id))
    entity_ids = {r.head_id for r in rows} | {r.tail_id for r in rows if not r.tail_id.startswith(SEGMENT_PREFIX)}
    names: dict[str, str] = {}
    for row in _rows(conn, select(EntityRow.id, EntityRow.name), EntityRow.id,
                     sorted(entity_ids) if ids is not None else None):
        names[row.id] = row.name
    # Ids and types repeat across thousands of relations: one string object each (a snapshot of
    # a large graph is mostly these), not one per row the driver returned.
    return [RelationRecord(
        id=r.id, type=intern(r.type), head_id=intern(r.head_id), tail_id=intern(r.tail_id),
        head_name=names.get(r.head_id, r.head_id),
        tail_name=tail_name(r.tail_id, names), title=r.title, confidence=round(float(r.confidence), 6),
        evidence_count=int(r.evidence_count), article_ids=tuple(sorted(articles.get(r.id, ()))),
        first_seen=_date(r.first_seen), last_seen=_date(r.last_seen), from_atlas=bool(r.from_atlas),
        former_since=_date(getattr(r, "former_since", None)),
    ) for r in rows]


def headquarters(conn: Connection) -> dict[str, str]:
    """Organisation id -> headquarters place id, for the ``located_in`` facts the atlas states as
    ``headquarters`` (the evidence rule says which atlas field a fact came from)."""
    query = (select(RelationRow.head_id, RelationRow.tail_id)
             .join(EvidenceRow, EvidenceRow.relation_id == RelationRow.id)
             .where(EvidenceRow.rule == "atlas.headquarters", RelationRow.type == "located_in")
             .order_by(RelationRow.head_id, RelationRow.tail_id))
    return {row.head_id: row.tail_id for row in conn.execute(query)}


def article_records(conn: Connection, query: AnySelect, *, with_text: bool = False) -> list[ArticleRecord]:
    """Article records (with every URL and source location) for the articles ``query`` selects."""
    rows = list(conn.execute(query))
    if not rows:
        return []
    ids = [r.id for r in rows] if len(rows) < 5 * _CHUNK else None
    urls: dict[str, list[str]] = defaultdict(list)
    locations: dict[str, list[str]] = defaultdict(list)
    for row in _rows(conn, select(SourceRow.article_id, SourceRow.location, SourceRow.url).order_by(SourceRow.id),
                     SourceRow.article_id, ids):
        locations[row.article_id].append(row.location)
        if row.url and row.url not in urls[row.article_id]:
            urls[row.article_id].append(row.url)
    return [ArticleRecord(id=intern(r.id), title=r.title, published=_date(r.published), urls=tuple(urls.get(r.id, ())),
                          sources=tuple(locations.get(r.id, ())), text=r.text if with_text else "")
            for r in rows]
