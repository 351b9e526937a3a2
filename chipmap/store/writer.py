"""One article into the graph, all or nothing.

Everything an article contributes — the article, its sources, new entities,
aliases, mentions, relations, attributes, evidence, events and search rows —
is written in one transaction. A build killed at any moment therefore leaves
each article either fully in or not in at all, and a re-run, which skips the
articles already in, ends in the same state as an uninterrupted build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Insert, bindparam, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

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
    RelationRow,
    SourceRow,
)
from chipmap.store.project_write import mark_former, write_projects
from chipmap.store.rows import ArticleRows, SourceEntry


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


def _new_aliases(conn: Connection, forms: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Alias rows for the forms the database does not hold yet (asks only about these forms)."""
    wanted = [(entity_id, form) for entity_id in sorted(forms) for form in forms[entity_id]]
    if not wanted:
        return []
    query = select(AliasRow.entity_id, AliasRow.alias).where(tuple_(AliasRow.entity_id, AliasRow.alias).in_(wanted))
    existing: set[tuple[str, str]] = {(row.entity_id, row.alias) for row in conn.execute(query)}
    rows = []
    for entity_id, form in wanted:
        if (entity_id, form) not in existing:
            existing.add((entity_id, form))
            rows.append({"entity_id": entity_id, "alias": form, "norm": name_key(form), "origin": "news",
                         "ambiguous": False})
    return rows


def write_rows(conn: Connection, rows: ArticleRows) -> WriteResult:
    """Insert one article's rows on an open transaction."""
    article = rows.article
    conn.execute(_insert(ArticleRow), [article])
    fts.index_article(conn, article["id"], article["title"], article["text"])
    insert_ignore(conn, SourceRow, rows.sources)
    insert_ignore(conn, EntityRow, rows.entities)
    aliases = _new_aliases(conn, rows.forms)
    if aliases:
        conn.execute(_insert(AliasRow), aliases)
    new_ids = {e["id"] for e in rows.entities}
    for entity in rows.renamed:  # a Chinese-only firm's first English name becomes its name
        conn.execute(update(EntityRow).where(EntityRow.id == entity.id, EntityRow.from_atlas.is_(False))
                     .values(name=entity.name, name_zh=entity.name_zh))
    changed = ({a["entity_id"] for a in aliases} | {e.id for e in rows.renamed}) - new_ids
    refresh_search_text(conn, sorted(changed))
    fts.index_entities(conn, sorted(new_ids))
    if rows.mentions:
        conn.execute(_insert(MentionRow), rows.mentions)
    insert_ignore(conn, RelationRow, rows.relations)
    mark_former(conn, rows.relations)
    insert_ignore(conn, AttributeRow, rows.attributes)
    if rows.evidence:
        conn.execute(_insert(EvidenceRow), rows.evidence)
        aggregate.add_evidence(conn, rows.evidence)
    if rows.events:
        conn.execute(_insert(EventRow), rows.events)
    write_projects(conn, rows.projects, rows.project_counts)
    insert_ignore(conn, CandidateRow, rows.candidates)
    return WriteResult(article_id=article["id"], new_entities=list(rows.new_entities), forms=rows.forms,
                       relations=len(rows.relations), evidence=len(rows.evidence),
                       skipped_relations=rows.skipped_relations, renamed=list(rows.renamed))


def write_article(db: Database, rows: ArticleRows, *, replace: bool = False) -> WriteResult:
    """Write one article in its own transaction.

    ``replace``: the article is stored already, read by another extractor version; its old
    reading is taken out and the new one written in the same transaction (its sources are
    kept), so the graph never shows both or neither.
    """
    from chipmap.store.remove import drop_unmentioned, remove_rows

    with db.begin() as conn:
        if not replace:
            return write_rows(conn, rows)
        article_id = rows.article["id"]
        columns = (SourceRow.article_id, SourceRow.location, SourceRow.url, SourceRow.duplicate)
        kept = [dict(r._mapping) for r in conn.execute(select(*columns).where(SourceRow.article_id == article_id))]
        old = remove_rows(conn, article_id, drop_entities=False)
        rows.sources = [*kept, *rows.sources]
        result = write_rows(conn, rows)
        result.removed_entities = drop_unmentioned(conn, old.entity_ids)
        return result


def add_sources(db: Database, article_id: str, sources: Sequence[SourceEntry]) -> int:
    """Record more places a stored article was found at; returns how many were offered."""
    rows = [{"article_id": article_id, "location": s.location, "url": s.url, "duplicate": s.duplicate}
            for s in sources]
    with db.begin() as conn:
        insert_ignore(conn, SourceRow, rows)
    return len(rows)
