"""Rows to the read records of ``chipmap.graph_records``, in a few set-based queries.

Each builder takes the ids it should describe (``None``: all) and issues one
query per table, never one per entity, so a snapshot of a 50k-article graph
is a handful of scans.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
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
    shared = Shared()
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
            first_seen=shared.date(stat.first) if stat else None, last_seen=shared.date(stat.last) if stat else None,
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
    ordered = (query if query is not None else select(RelationRow)).order_by(
        RelationRow.type, RelationRow.head_id, RelationRow.tail_id, RelationRow.id)
    rows: Iterable[Any] = ()
    ids: list[str] | None = None
    entity_ids: set[str] | None = None
    if query is not None:
        rows = listed = list(conn.execute(ordered))
        if not listed:
            return []
        ids = [r.id for r in listed] if len(listed) < 5 * _CHUNK else None
        entity_ids = ({r.head_id for r in listed}
                      | {r.tail_id for r in listed if not r.tail_id.startswith(SEGMENT_PREFIX)})
    shared = Shared()
    articles: dict[str, tuple[str, ...]] = {}
    grouped: dict[str, set[str]] = defaultdict(set)
    for row in _rows(conn, select(EvidenceRow.relation_id, EvidenceRow.article_id)
                     .where(EvidenceRow.article_id.is_not(None), EvidenceRow.relation_id.is_not(None)),
                     EvidenceRow.relation_id, ids):
        grouped[row.relation_id].add(intern(row.article_id))
    for relation_id, found in grouped.items():
        articles[relation_id] = shared.ids(found)
    del grouped
    names: dict[str, str] = {}
    for row in _rows(conn, select(EntityRow.id, EntityRow.name), EntityRow.id,
                     sorted(entity_ids) if ids is not None and entity_ids is not None else None):
        names[row.id] = row.name
    if query is None:
        # The whole graph (a snapshot): the rows are read once, as records are made, never held
        # as a list of driver rows, so reading a 100k-article graph peaks near what it keeps.
        rows = conn.execute(ordered)
    # Ids, types, titles, dates and confidences repeat across thousands of relations: one object
    # each (a snapshot of a large graph is mostly these), not one per row the driver returned.
    return [RelationRecord(
        id=r.id, type=intern(r.type), head_id=intern(r.head_id), tail_id=intern(r.tail_id),
        head_name=names.get(r.head_id, r.head_id),
        tail_name=tail_name(r.tail_id, names), title=shared.text(r.title),
        confidence=shared.number(round(float(r.confidence), 6)),
        evidence_count=int(r.evidence_count), article_ids=articles.get(r.id, ()),
        first_seen=shared.date(r.first_seen), last_seen=shared.date(r.last_seen), from_atlas=bool(r.from_atlas),
        former_since=shared.date(getattr(r, "former_since", None)),
    ) for r in rows]


class Shared:
    """One object per distinct value read (dates, numbers, short texts, id tuples) for one read.

    A snapshot holds the same day, confidence or title on thousands of records; the driver
    returns a new object for each row. Sharing them shrinks what a server worker holds for
    the graph (bench/memory.py), with the same values.
    """

    def __init__(self) -> None:
        self._dates: dict[Any, dt.date | None] = {}
        self._numbers: dict[float, float] = {}
        self._texts: dict[str, str] = {}
        self._ids: dict[tuple[str, ...], tuple[str, ...]] = {}

    def date(self, value: Any) -> dt.date | None:
        """``_date(value)``, the same object for the same day."""
        if value is None:
            return None
        found = self._dates.get(value)
        if found is None:
            day = _date(value)
            found = self._dates[value] = self._dates.setdefault(day, day)
        return found

    def number(self, value: float) -> float:
        """The value, the same object for the same number."""
        return self._numbers.setdefault(value, value)

    def text(self, value: str | None) -> str | None:
        """The text, the same object for the same text."""
        return None if value is None else self._texts.setdefault(value, value)

    def ids(self, found: Iterable[str]) -> tuple[str, ...]:
        """The sorted ids as a tuple, the same tuple for the same ids."""
        key = tuple(sorted(found))
        return self._ids.setdefault(key, key)


def headquarters(conn: Connection) -> dict[str, str]:
    """Organisation id -> headquarters place id, for the ``located_in`` facts the atlas states as
    ``headquarters`` (the evidence rule says which atlas field a fact came from)."""
    query = (select(RelationRow.head_id, RelationRow.tail_id)
             .join(EvidenceRow, EvidenceRow.relation_id == RelationRow.id)
             .where(EvidenceRow.rule == "atlas.headquarters", RelationRow.type == "located_in")
             .order_by(RelationRow.head_id, RelationRow.tail_id))
    return {row.head_id: row.tail_id for row in conn.execute(query)}


def article_records(conn: Connection, query: AnySelect, *, with_text: bool = False,
                    whole: bool = False) -> list[ArticleRecord]:
    """Article records (with every URL and source location) for the articles ``query`` selects.

    ``whole``: the query selects every article (a snapshot), so sources are read in one scan
    and the article rows streamed, not held as a list first.
    """
    rows: Iterable[Any]
    if whole:
        rows, ids = conn.execute(query), None
    else:
        rows = listed = list(conn.execute(query))
        if not listed:
            return []
        ids = [r.id for r in listed] if len(listed) < 5 * _CHUNK else None
    urls: dict[str, list[str]] = defaultdict(list)
    locations: dict[str, list[str]] = defaultdict(list)
    for row in _rows(conn, select(SourceRow.article_id, SourceRow.location, SourceRow.url).order_by(SourceRow.id),
                     SourceRow.article_id, ids):
        locations[row.article_id].append(row.location)
        if row.url and row.url not in urls[row.article_id]:
            urls[row.article_id].append(row.url)
    shared = Shared()
    return [ArticleRecord(id=intern(r.id), title=r.title, published=shared.date(r.published),
                          urls=tuple(urls.get(r.id, ())), sources=tuple(locations.get(r.id, ())),
                          text=r.text if with_text else "")
            for r in rows]
