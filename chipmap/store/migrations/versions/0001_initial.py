"""The graph schema: articles, sources, entities, aliases, mentions, relations,
attributes, evidence, events, and full-text search over articles and entities.

Revision ID: 0001
Revises:
Create Date: 2026-01-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(200)


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("ingested", sa.Date, nullable=False),
        sa.Column("seen", sa.Date, nullable=False),
        sa.Column("external_id", sa.Text, nullable=True),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("minhash", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("duplicate", sa.String(8), nullable=False),
        sa.UniqueConstraint("article_id", "location", name="uq_sources_article_id"),
    )
    op.create_index("ix_sources_article_id", "sources", ["article_id"])
    op.create_table(
        "entities",
        sa.Column("id", ID, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_zh", sa.Text, nullable=True),
        sa.Column("atlas_id", ID, nullable=True),
        sa.Column("from_atlas", sa.Boolean, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.UniqueConstraint("atlas_id", name="uq_entities_atlas_id"),
    )
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("ambiguous", sa.Boolean, nullable=False),
        sa.UniqueConstraint("entity_id", "alias", name="uq_aliases_entity_id"),
    )
    op.create_index("ix_aliases_entity_id", "aliases", ["entity_id"])
    op.create_index("ix_aliases_norm", "aliases", ["norm"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=True),
        sa.Column("end_char", sa.Integer, nullable=True),
        sa.UniqueConstraint("article_id", "entity_id", "surface", name="uq_mentions_article_id"),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_table(
        "relations",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("head_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tail_id", ID, nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("evidence_count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.Date, nullable=True),
        sa.Column("last_seen", sa.Date, nullable=True),
        sa.Column("from_atlas", sa.Boolean, nullable=False),
    )
    op.create_index("ix_relations_type", "relations", ["type"])
    op.create_index("ix_relations_head_id", "relations", ["head_id"])
    op.create_index("ix_relations_tail_id", "relations", ["tail_id"])
    op.create_table(
        "attributes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("entity_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("evidence_count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.Date, nullable=True),
        sa.Column("last_seen", sa.Date, nullable=True),
    )
    op.create_index("ix_attributes_entity_id", "attributes", ["entity_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("relation_id", sa.String(40), sa.ForeignKey("relations.id", ondelete="CASCADE"), nullable=True),
        sa.Column("attribute_id", sa.String(40), sa.ForeignKey("attributes.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=True),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("seen", sa.Date, nullable=True),
    )
    op.create_index("ix_evidence_relation_id", "evidence", ["relation_id"])
    op.create_index("ix_evidence_attribute_id", "evidence", ["attribute_id"])
    op.create_index("ix_evidence_article_id", "evidence", ["article_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("place_name", sa.Text, nullable=True),
        sa.Column("place_id", ID, nullable=True),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=True),
        sa.Column("end_char", sa.Integer, nullable=True),
    )
    op.create_index("ix_events_entity_id", "events", ["entity_id"])
    op.create_index("ix_events_article_id", "events", ["article_id"])
    _full_text(op.get_bind().dialect.name)


def _full_text(dialect: str) -> None:
    """SQLite: FTS5 tables the store keeps in step; PostgreSQL: generated tsvector columns."""
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
                   "article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')")
        op.execute("CREATE VIRTUAL TABLE entities_fts USING fts5("
                   "entity_id UNINDEXED, name, names, tokenize='unicode61 remove_diacritics 2')")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                   "setweight(to_tsvector('english', text), 'B')) STORED")
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING GIN (tsv)")
        op.execute("ALTER TABLE entities ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(setweight(to_tsvector('simple', name), 'A') || "
                   "setweight(to_tsvector('simple', search_text), 'B')) STORED")
        op.execute("CREATE INDEX ix_entities_tsv ON entities USING GIN (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS entities_fts")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("events", "evidence", "attributes", "relations", "mentions", "aliases", "entities",
                  "sources", "articles", "meta"):
        op.drop_table(table)
