"""What a build needs to know about the database before it starts, loaded in bulk.

A build resolves against an in-memory ``EntityIndex`` and skips known
articles and sources without a query per article; this module loads those
from the database once. The index loaded here must equal the one an
uninterrupted build would have built incrementally (see chipmap.resolve.index).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select

from chipmap.resolve import EntityIndex, KnownEntity
from chipmap.store.db import Database
from chipmap.store.models import AliasRow, ArticleRow, EntityRow, SourceRow


def load_index(db: Database) -> EntityIndex:
    """Every entity with its names (ambiguous atlas names flagged, not indexed)."""
    index = EntityIndex()
    names: dict[str, list[str]] = defaultdict(list)
    ambiguous: dict[str, list[str]] = defaultdict(list)
    with db.connect() as conn:
        for entity_id, alias, is_ambiguous in conn.execute(
                select(AliasRow.entity_id, AliasRow.alias, AliasRow.ambiguous).order_by(AliasRow.id)):
            (ambiguous if is_ambiguous else names)[entity_id].append(alias)
        for row in conn.execute(select(EntityRow.id, EntityRow.type, EntityRow.kind, EntityRow.name,
                                       EntityRow.atlas_id).order_by(EntityRow.id)):
            entity = KnownEntity(row.id, row.type, row.kind or "", row.name, row.atlas_id)
            index.add(entity, names.get(row.id, ()), ambiguous=ambiguous.get(row.id, ()))
    return index


def known_sources(db: Database) -> dict[str, set[str]]:
    """Article id -> the source locations already recorded for it."""
    found: dict[str, set[str]] = defaultdict(set)
    with db.connect() as conn:
        for article_id, location in conn.execute(select(SourceRow.article_id, SourceRow.location)):
            found[article_id].add(location)
    return found


def known_articles(db: Database) -> dict[str, str]:
    """Ids of the articles already in the graph, each with the extractor version that read it."""
    with db.connect() as conn:
        return {row[0]: row[1] for row in conn.execute(select(ArticleRow.id, ArticleRow.extractor_version))}


def signatures(db: Database) -> Iterator[tuple[str, bytes]]:
    """(article id, MinHash signature) of stored articles, for near-duplicate checks."""
    with db.connect() as conn:
        rows = list(conn.execute(select(ArticleRow.id, ArticleRow.minhash)
                                 .where(ArticleRow.minhash.is_not(None)).order_by(ArticleRow.id)))
    for article_id, signature in rows:
        if signature is not None:
            yield article_id, bytes(signature)


def graph_version(db: Database) -> str:
    """The graph's version stamp: changes with every committed write (builds, removals,
    seeding), so a server can cache answers per version and see when to re-read."""
    from chipmap.store.models import Meta
    from chipmap.store.writer import VERSION_KEY

    with db.connect() as conn:
        return conn.execute(select(Meta.value).where(Meta.key == VERSION_KEY)).scalar() or ""
