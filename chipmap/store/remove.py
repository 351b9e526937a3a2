"""Taking one article back out of the graph, exactly.

Removing an article deletes its evidence, mentions, events and sources; every
relation and attribute it supported is recomputed from the evidence left, and
disappears if none is left. Entities known only from the news disappear when
no article mentions them any more; their news aliases go with the last
mention that used them. Atlas entities and atlas facts are never removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from chipmap.errors import NotFound
from chipmap.store import aggregate, fts
from chipmap.store.db import Database
from chipmap.store.models import (
    AliasRow,
    ArticleRow,
    EntityRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    RelationRow,
    SourceRow,
)
from chipmap.store.project_write import drop_article_projects
from chipmap.store.writer import bump_version, refresh_search_text


@dataclass(frozen=True, slots=True)
class RemoveResult:
    """What disappeared with an article, and what only lost some support."""

    article_id: str
    evidence: int
    facts_removed: int
    facts_kept: int
    entities_removed: int
    entity_ids: list[str] = field(default_factory=list)  # the entities it mentioned


def find_article_id(conn: Connection, article_id: str) -> str:
    """The full id of an article from its id or a unique prefix of it (as git does)."""
    if conn.execute(select(ArticleRow.id).where(ArticleRow.id == article_id)).first():
        return article_id
    if len(article_id) >= 4:
        matches = list(conn.execute(select(ArticleRow.id).where(ArticleRow.id.startswith(article_id, autoescape=True))
                                    .order_by(ArticleRow.id).limit(6)).scalars())
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFound("single article", article_id, matches[:5])
    by_external = list(conn.execute(select(ArticleRow.id).where(ArticleRow.external_id == article_id)
                                    .order_by(ArticleRow.id).limit(6)).scalars())
    if len(by_external) == 1:
        return by_external[0]
    raise NotFound("article", article_id, by_external[:5])


def drop_unmentioned(conn: Connection, entity_ids: list[str]) -> list[str]:
    """Delete news-only entities nobody mentions; tidy the aliases and names of the rest.
    Returns the ids deleted."""
    if not entity_ids:
        return []
    mentioned = set(conn.execute(select(MentionRow.entity_id).distinct()
                                 .where(MentionRow.entity_id.in_(entity_ids))).scalars())
    orphans = sorted(set(conn.execute(select(EntityRow.id).where(
        EntityRow.id.in_(entity_ids), EntityRow.from_atlas.is_(False))).scalars()) - mentioned)
    if orphans:
        conn.execute(delete(RelationRow).where(RelationRow.tail_id.in_(orphans)))
        conn.execute(delete(EntityRow).where(EntityRow.id.in_(orphans)))
        fts.unindex_entities(conn, orphans)
    kept = sorted(set(entity_ids) - set(orphans))
    for entity_id in kept:
        surfaces = select(MentionRow.surface).where(MentionRow.entity_id == entity_id)
        conn.execute(delete(AliasRow).where(AliasRow.entity_id == entity_id, AliasRow.origin == "news",
                                            AliasRow.alias.not_in(surfaces)))
        row = conn.execute(select(EntityRow.name, EntityRow.from_atlas).where(EntityRow.id == entity_id)).one()
        if not row.from_atlas:
            names = set(conn.execute(surfaces).scalars())
            if row.name not in names:
                first = conn.execute(select(MentionRow.surface).where(MentionRow.entity_id == entity_id)
                                     .order_by(MentionRow.id).limit(1)).scalar()
                if first:
                    conn.execute(update(EntityRow).where(EntityRow.id == entity_id).values(name=first))
    refresh_search_text(conn, kept)
    return orphans


def remove_rows(conn: Connection, article_id: str, *, drop_entities: bool = True) -> RemoveResult:
    """Remove one article's contributions on an open transaction (``drop_entities=False``
    leaves news-only entities it alone mentioned, for a caller about to write it again)."""
    article_id = find_article_id(conn, article_id)
    relation_ids = set(conn.execute(select(EvidenceRow.relation_id).distinct().where(
        EvidenceRow.article_id == article_id, EvidenceRow.relation_id.is_not(None))).scalars())
    attribute_ids = set(conn.execute(select(EvidenceRow.attribute_id).distinct().where(
        EvidenceRow.article_id == article_id, EvidenceRow.attribute_id.is_not(None))).scalars())
    entity_ids = set(conn.execute(select(MentionRow.entity_id).distinct()
                                  .where(MentionRow.article_id == article_id)).scalars())
    entity_ids |= set(conn.execute(select(EventRow.entity_id).distinct()
                                   .where(EventRow.article_id == article_id)).scalars())
    evidence = conn.execute(select(func.count()).select_from(EvidenceRow)
                            .where(EvidenceRow.article_id == article_id)).scalar_one()
    drop_article_projects(conn, article_id)
    for model in (EvidenceRow, MentionRow, EventRow, SourceRow):
        conn.execute(delete(model).where(model.article_id == article_id))
    fts.unindex_article(conn, article_id)
    conn.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
    removed = aggregate.recompute(conn, relation_ids={i for i in relation_ids if i is not None},
                                  attribute_ids={i for i in attribute_ids if i is not None})
    entities = drop_unmentioned(conn, sorted(entity_ids)) if drop_entities else []
    return RemoveResult(article_id=article_id, evidence=int(evidence), facts_removed=removed,
                        facts_kept=len(relation_ids) + len(attribute_ids) - removed,
                        entities_removed=len(entities), entity_ids=sorted(entity_ids))


def remove_article(db: Database, article_id: str) -> RemoveResult:
    """Remove exactly one article's contributions, in one transaction."""
    with db.begin() as conn:
        result = remove_rows(conn, article_id)
        bump_version(conn)
        return result
