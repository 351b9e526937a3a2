"""Small references the analytics return, so results name things without copying records."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from chipmap.analyze.index import GraphIndex
from chipmap.graph_records import ArticleRecord, RelationRecord
from chipmap.vocab import id_type


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity by id with enough to display and link it."""

    id: str
    name: str
    type: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class RelationRef:
    """A relation by id with its ends and support; fetch the sentences with ``evidence(id)``."""

    id: str
    type: str
    head_id: str
    head_name: str
    tail_id: str
    tail_name: str
    title: str | None
    evidence_count: int
    from_atlas: bool
    first_seen: dt.date | None
    last_seen: dt.date | None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article by id with its headline, date and first address."""

    id: str
    title: str
    published: dt.date | None
    url: str | None


def entity_ref(index: GraphIndex, entity_id: str) -> EntityRef:
    """A reference to any id, known to the snapshot or not."""
    entity = index.entity(entity_id)
    if entity is None:
        return EntityRef(entity_id, index.name(entity_id), id_type(entity_id))
    return EntityRef(entity.id, entity.name, entity.type, entity.kind)


def relation_ref(index: GraphIndex, relation: RelationRecord) -> RelationRef:
    """A reference to a relation, with names filled from the snapshot when the record lacks them."""
    return RelationRef(
        id=relation.id,
        type=relation.type,
        head_id=relation.head_id,
        head_name=relation.head_name or index.name(relation.head_id),
        tail_id=relation.tail_id,
        tail_name=relation.tail_name or index.name(relation.tail_id),
        title=relation.title,
        evidence_count=relation.evidence_count,
        from_atlas=relation.from_atlas,
        first_seen=relation.first_seen,
        last_seen=relation.last_seen,
    )


def article_ref(article: ArticleRecord) -> ArticleRef:
    """A reference to an article."""
    return ArticleRef(article.id, article.title, article.published, article.urls[0] if article.urls else None)


def newest_articles(index: GraphIndex, article_ids: Iterable[str], *, limit: int = 10) -> list[ArticleRef]:
    """The newest of the articles, newest first (a partial sort: cheap for thousands of ids)."""
    rank = index.article_rank
    newest = heapq.nlargest(limit, (i for i in article_ids if i in rank), key=rank.__getitem__)
    return [article_ref(index.snapshot.articles[i]) for i in newest]


def recent_articles(index: GraphIndex, entity_ids: set[str], *, limit: int = 10) -> list[ArticleRef]:
    """The newest articles supporting any relation of the entities, newest first."""
    ids: set[str] = set()
    for entity_id in entity_ids:
        ids |= index.entity_articles.get(entity_id, set())
    return newest_articles(index, ids, limit=limit)
