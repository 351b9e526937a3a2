"""Full-text search finds Chinese substrings: "12英寸" in an article, 长电 in 长电科技.

The first full-text indexes cut text into words at spaces and punctuation, so a Chinese
article is one long "word" and no query inside it matches. Chinese (and Japanese, Korean) text
is searched by substring instead: SQLite gets two FTS5 tables with the ``trigram`` tokenizer
(``articles_cjk``, ``entities_cjk``, kept in step by ``chipmap.store.fts``), PostgreSQL the
``pg_trgm`` extension (a trusted extension shipped with the server) with trigram GIN indexes
on article title and text and entity name and search text. Existing rows are indexed here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_PG_INDEXES = (
    ("ix_articles_title_trgm", "articles", "title"),
    ("ix_articles_text_trgm", "articles", "text"),
    ("ix_entities_name_trgm", "entities", "name"),
    ("ix_entities_search_trgm", "entities", "search_text"),
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_cjk USING fts5("
                   "article_id UNINDEXED, title, text, tokenize='trigram')")
        op.execute("CREATE VIRTUAL TABLE entities_cjk USING fts5("
                   "entity_id UNINDEXED, name, names, tokenize='trigram')")
        op.execute("INSERT INTO articles_cjk (article_id, title, text) SELECT id, coalesce(title, ''), text "
                   "FROM articles")
        op.execute("INSERT INTO entities_cjk (entity_id, name, names) SELECT id, name, search_text "
                   "FROM entities")
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in _PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING GIN ({column} gin_trgm_ops)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS entities_cjk")
        op.execute("DROP TABLE IF EXISTS articles_cjk")
    elif dialect == "postgresql":
        for name, _table, _column in _PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
