"""One article into the graph, all or nothing.

Everything an article contributes — the article, its sources, new entities,
aliases, mentions, relations, attributes, evidence, events and search rows —
is written in one transaction. A build killed at any moment therefore leaves
each article either fully in or not in at all, and a re-run, which skips the
articles already in, ends in the same state as an uninterrupted build.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Insert, bindparam, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from chipmap.resolve import EntityIndex, KnownEntity, name_key
from chipmap.store import aggregate, fts
from chipmap.store.db import Database
from chipmap.store.models import (
    AliasRow,
    ArticleRow,
    AttributeRow,
    Base,
    CandidateRow,
    EntityRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    Meta,
    RelationRow,
    SourceRow,
)
from chipmap.store.project_write import mark_former, write_projects
from chipmap.store.rows import ArticleRows, SourceEntry

#: ``meta`` key of the graph's version stamp, new with every committed change.
VERSION_KEY = "graph_version"


@dataclass
class WriteResult:
    """What a committed article changed, for the in-memory index and the summary."""

    article_id: str
    new_entities: list[KnownEntity] = field(default_factory=list)
    forms: dict[str, list[str]] = field(default_factory=dict)
    relations: int = 0
    evidence: int = 0
    skipped_relations: int = 0
    removed_entities: list[str] = field(default_factory=list)  # gone with a replaced reading
    renamed: list[KnownEntity] = field(default_factory=list)  # news entities given an English name

    def apply_to(self, index: EntityIndex) -> None:
        """Tell a resolution index what this commit changed (call only after it committed)."""
        for entity_id in self.removed_entities:
            index.discard(entity_id)
        for entity in [*self.new_entities, *self.renamed]:
            index.add(entity)
        for entity_id, forms in self.forms.items():
            if entity_id in index:
                index.add_names(entity_id, forms)


@cache
def _insert(model: type[Base]) -> Insert:
    # Statements are built once: building one costs more than executing it on SQLite.
    return insert(model)


@cache
def _insert_ignore(dialect: str, model: type[Base]) -> Insert:
    if dialect == "postgresql":
        return postgresql.insert(model).on_conflict_do_nothing()
    return sqlite.insert(model).on_conflict_do_nothing()


def insert_rows(conn: Connection, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT new rows: on PostgreSQL as one COPY, elsewhere as one executemany.

    psycopg's executemany sends one INSERT per row (pipelined) that the server parses and
    plans one by one; COPY streams every row of the batch in one command, which cut the
    writer's and the server's CPU per article (bench/write.py). Only for rows that cannot
    conflict (new articles and what hangs off them): COPY has no ON CONFLICT.
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(_insert(model), list(rows))
        return
    table = Base.metadata.tables[model.__tablename__]
    given = list(rows[0])
    defaults = {c.name: getattr(c.default, "arg", None) for c in table.columns
                if c.name not in given and c.default is not None and c.default.is_scalar}
    columns = [*given, *defaults]
    quote = conn.dialect.identifier_preparer.quote
    command = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    raw = conn.connection.driver_connection
    assert raw is not None
    dbapi = conn.dialect.loaded_dbapi
    try:
        with raw.cursor() as cursor, cursor.copy(command) as copy:
            for row in rows:
                copy.write_row([row[c] if c in row else defaults.get(c) for c in columns])
    except dbapi.Error as exc:
        # The driver's own error, raised past SQLAlchemy: wrap it as SQLAlchemy would, so a
        # lost connection is retried by Database.transact like any other statement's.
        lost = conn.dialect.is_disconnect(exc, raw, None) or raw.closed
        if lost:
            conn.invalidate(exc)
        raise DBAPIError.instance(command, None, exc, dbapi.Error, connection_invalidated=lost,
                                  dialect=conn.dialect) from exc


def insert_ignore(conn: Connection, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows, skipping those that hit a unique constraint (SQLite and PostgreSQL)."""
    if rows:
        conn.execute(_insert_ignore(conn.dialect.name, model), list(rows))


def refresh_search_text(conn: Connection, entity_ids: Sequence[str]) -> None:
    """Recompute ``search_text`` (name plus aliases) of entities and their search rows."""
    ids = sorted(set(entity_ids))
    if not ids:
        return
    names: dict[str, list[str]] = defaultdict(list)
    for entity_id, name in conn.execute(select(EntityRow.id, EntityRow.name).where(EntityRow.id.in_(ids))):
        names[entity_id].append(name)
    for entity_id, alias in conn.execute(select(AliasRow.entity_id, AliasRow.alias)
                                         .where(AliasRow.entity_id.in_(ids)).order_by(AliasRow.id)):
        names[entity_id].append(alias)
    params = [{"eid": i, "st": " ".join(dict.fromkeys(n))} for i, n in names.items()]
    if params:
        conn.execute(update(EntityRow).where(EntityRow.id == bindparam("eid"))
                     .values(search_text=bindparam("st")), params)
    fts.index_entities(conn, ids)


def bump_version(conn: Connection) -> None:
    """Give the graph a new version stamp (readers cache answers per version, see
    chipmap.store.state.graph_version); called by every transaction that changes the graph."""
    insert_ignore(conn, Meta, [{"key": VERSION_KEY, "value": ""}])
    conn.execute(update(Meta).where(Meta.key == VERSION_KEY).values(value=uuid.uuid4().hex))


def write_rows_many(conn: Connection, batch: Sequence[ArticleRows]) -> list[WriteResult]:
    """Insert several articles' rows on an open transaction, one statement per table.

    The result equals writing them one by one in order: each article's new entities are
    resolved against the articles before it (the caller resolved them so), aliases are
    added in order, search text is recomputed once from all aliases at the end, and
    evidence is folded into the aggregates article by article (noisy-or in the same order).
    """
    if not batch:
        return []
    insert_rows(conn, ArticleRow, [rows.article for rows in batch])
    for rows in batch:
        fts.index_article(conn, rows.article["id"], rows.article["title"], rows.article["text"])
    insert_ignore(conn, SourceRow, [s for rows in batch for s in rows.sources])
    insert_ignore(conn, EntityRow, [e for rows in batch for e in rows.entities])
    wanted: dict[str, list[str]] = {}
    for rows in batch:
        for entity_id in sorted(rows.forms):
            forms = wanted.setdefault(entity_id, [])
            forms.extend(f for f in rows.forms[entity_id] if f not in forms)
    known = _existing_aliases(conn, wanted)
    aliases: list[dict[str, Any]] = []
    new_ids: set[str] = set()
    changed: set[str] = set()
    for rows in batch:
        own = {e["id"] for e in rows.entities}
        new_ids |= own
        for entity_id in sorted(rows.forms):
            for form in rows.forms[entity_id]:
                if (entity_id, form) not in known:
                    known.add((entity_id, form))
                    aliases.append({"entity_id": entity_id, "alias": form, "norm": name_key(form),
                                    "origin": "news", "ambiguous": False})
                    if entity_id not in own:
                        changed.add(entity_id)
    insert_rows(conn, AliasRow, aliases)
    for rows in batch:
        for entity in rows.renamed:  # a Chinese-only firm's first English name becomes its name
            conn.execute(update(EntityRow).where(EntityRow.id == entity.id, EntityRow.from_atlas.is_(False))
                         .values(name=entity.name, name_zh=entity.name_zh))
            if entity.id not in new_ids:
                changed.add(entity.id)
    refresh_search_text(conn, sorted(changed))
    fts.index_entities(conn, sorted(new_ids - changed))
    mentions = [m for rows in batch for m in rows.mentions]
    insert_rows(conn, MentionRow, mentions)
    relations = [r for rows in batch for r in rows.relations]
    insert_ignore(conn, RelationRow, relations)
    mark_former(conn, relations)
    insert_ignore(conn, AttributeRow, [a for rows in batch for a in rows.attributes])
    evidence = [e for rows in batch for e in rows.evidence]
    if evidence:
        insert_rows(conn, EvidenceRow, evidence)
        aggregate.add_evidence_in_order(conn, [rows.evidence for rows in batch])
    events = [e for rows in batch for e in rows.events]
    insert_rows(conn, EventRow, events)
    for rows in batch:  # in order: a project reported again merges into the one reported before
        write_projects(conn, rows.projects, rows.project_counts)
    insert_ignore(conn, CandidateRow, [c for rows in batch for c in rows.candidates])
    return [WriteResult(article_id=rows.article["id"], new_entities=list(rows.new_entities), forms=rows.forms,
                        relations=len(rows.relations), evidence=len(rows.evidence),
                        skipped_relations=rows.skipped_relations, renamed=list(rows.renamed)) for rows in batch]


def _existing_aliases(conn: Connection, forms: dict[str, list[str]]) -> set[tuple[str, str]]:
    wanted = [(entity_id, form) for entity_id in sorted(forms) for form in forms[entity_id]]
    existing: set[tuple[str, str]] = set()
    for start in range(0, len(wanted), 400):
        chunk = wanted[start:start + 400]
        query = select(AliasRow.entity_id, AliasRow.alias).where(tuple_(AliasRow.entity_id, AliasRow.alias).in_(chunk))
        existing.update((row.entity_id, row.alias) for row in conn.execute(query))
    return existing


def write_rows(conn: Connection, rows: ArticleRows) -> WriteResult:
    """Insert one article's rows on an open transaction."""
    return write_rows_many(conn, [rows])[0]


def write_batch(db: Database, batch: Sequence[ArticleRows], *, retry_seconds: float = 0.0,
                on_retry: Callable[[], None] | None = None) -> list[WriteResult]:
    """Write several new articles in one transaction: all of them or none.

    Idempotent: if the connection is lost while committing, the transaction is run again
    (``Database.transact``), and an attempt that finds the batch's articles already stored
    (the lost commit had gone through) writes nothing and reports them as written.
    """
    ids = [rows.article["id"] for rows in batch]

    def attempt(conn: Connection) -> list[WriteResult]:
        present: set[str] = set()
        for start in range(0, len(ids), 400):
            present.update(conn.execute(select(ArticleRow.id).where(ArticleRow.id.in_(ids[start:start + 400])))
                           .scalars())
        if present and present == set(ids):
            return [WriteResult(article_id=rows.article["id"], new_entities=list(rows.new_entities),
                                forms=rows.forms, relations=len(rows.relations), evidence=len(rows.evidence),
                                skipped_relations=rows.skipped_relations) for rows in batch]
        results = write_rows_many(conn, batch)
        bump_version(conn)
        return results

    if not batch:
        return []
    return db.transact(attempt, retry_seconds=retry_seconds, on_retry=on_retry)


def write_article(db: Database, rows: ArticleRows, *, replace: bool = False) -> WriteResult:
    """Write one article in its own transaction.

    ``replace``: the article is stored already, read by another extractor version; its old
    reading is taken out and the new one written in the same transaction (its sources are
    kept), so the graph never shows both or neither.
    """
    from chipmap.store.remove import drop_unmentioned, remove_rows

    if not replace:
        return write_batch(db, [rows])[0]
    with db.begin() as conn:
        bump_version(conn)
        article_id = rows.article["id"]
        columns = (SourceRow.article_id, SourceRow.location, SourceRow.url, SourceRow.duplicate)
        kept = [dict(r._mapping) for r in conn.execute(select(*columns).where(SourceRow.article_id == article_id))]
        old = remove_rows(conn, article_id, drop_entities=False)
        rows.sources = [*kept, *rows.sources]
        result = write_rows(conn, rows)
        result.removed_entities = drop_unmentioned(conn, old.entity_ids)
        return result


def add_sources(db: Database, article_id: str, sources: Sequence[SourceEntry], *, retry_seconds: float = 0.0,
                on_retry: Callable[[], None] | None = None) -> int:
    """Record more places a stored article was found at; returns how many were offered."""
    rows = [{"article_id": article_id, "location": s.location, "url": s.url, "duplicate": s.duplicate}
            for s in sources]

    def attempt(conn: Connection) -> None:
        insert_ignore(conn, SourceRow, rows)
        bump_version(conn)

    db.transact(attempt, retry_seconds=retry_seconds, on_retry=on_retry)
    return len(rows)
