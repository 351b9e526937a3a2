"""The graph's tables as SQLAlchemy 2 models.

::

    articles ─┬─< sources            every file/URL a story was found at
              ├─< mentions >── entities ─┬─< aliases
              ├─< events   >──┘          ├─< relations (head) ──< evidence
              └─< evidence               └─< attributes        ──< evidence

Review lives beside them: ``merge_candidates`` (pairs resolution was unsure of,
each raised by an article, gone with it) and ``review_verdicts`` (a reviewer's
judgements, tied to no article or entity row, so that no rebuild removes them).

Evidence rows belong to a relation or an attribute; ``article_id`` is NULL
for facts from the atlas. Relations and attributes carry their aggregates
(confidence, evidence count, first/last seen) so reads need no GROUP BY.
Full-text indexes are not modelled here: they are dialect-specific and made
by the migrations (FTS5 tables on SQLite, tsvector columns on PostgreSQL).

The migrations in ``chipmap/store/migrations`` create the schema; these
models must agree with them (a test compares the two).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ID = String(200)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    """Key/value facts about the database itself (e.g. which atlas was seeded)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ArticleRow(Base):
    """One story, stored once; its id is the hash of its normalised text."""

    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    ingested: Mapped[dt.date] = mapped_column(Date)
    seen: Mapped[dt.date] = mapped_column(Date)  # published, else ingested
    external_id: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)


class SourceRow(Base):
    """A place an article was read from; duplicates add rows, not articles."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("article_id", "location"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    location: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    duplicate: Mapped[str] = mapped_column(String(8), default="")  # "" | exact | near


class EntityRow(Base):
    """A person, organisation, place or event."""

    __tablename__ = "entities"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(32), default="")
    name: Mapped[str] = mapped_column(Text)
    name_zh: Mapped[str | None] = mapped_column(Text)
    atlas_id: Mapped[str | None] = mapped_column(ID, unique=True)
    from_atlas: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")  # name and aliases, for full-text search


class AliasRow(Base):
    """A name an entity goes by; ``ambiguous`` names never identify it on their own."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(Text, index=True)
    origin: Mapped[str] = mapped_column(String(8))  # atlas | news
    ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)


class MentionRow(Base):
    """A surface form of an entity in an article, and why it was resolved to that entity."""

    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("article_id", "entity_id", "surface"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    surface: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float] = mapped_column(Float, default=1.0)
    start_char: Mapped[int | None] = mapped_column(Integer)
    end_char: Mapped[int | None] = mapped_column(Integer)


class RelationRow(Base):
    """A typed edge; ``tail_id`` may be ``segment:<name>``, which is not an entity."""

    __tablename__ = "relations"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    head_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    tail_id: Mapped[str] = mapped_column(ID, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)
    from_atlas: Mapped[bool] = mapped_column(Boolean, default=False)
    former_since: Mapped[dt.date | None] = mapped_column(Date)  # a past position, as of this day (0003)


class AttributeRow(Base):
    """A value an entity has (a person's title, an event's date or place)."""

    __tablename__ = "attributes"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)


class EvidenceRow(Base):
    """One sentence supporting a relation or an attribute."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    relation_id: Mapped[str | None] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"), index=True)
    attribute_id: Mapped[str | None] = mapped_column(
        ForeignKey("attributes.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[str | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(8))  # news | atlas
    rule: Mapped[str | None] = mapped_column(String(80))  # the rule that found the fact
    sentence: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(32))
    seen: Mapped[dt.date | None] = mapped_column(Date)


class EventRow(Base):
    """An event as one article reports it (name, date, place)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    place_name: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(ID)
    sentence: Mapped[str] = mapped_column(Text, default="")
    start_char: Mapped[int | None] = mapped_column(Integer)
    end_char: Mapped[int | None] = mapped_column(Integer)


class CandidateRow(Base):
    """A "possibly same as" link: an article's mention became ``entity_id``, and may be ``other_id``."""

    __tablename__ = "merge_candidates"
    __table_args__ = (UniqueConstraint("article_id", "entity_id", "other_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    surface: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")


class VerdictRow(Base):
    """A reviewer's verdict on two entities; ``pair`` (type and both sides' name keys) is unique."""

    __tablename__ = "review_verdicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pair: Mapped[str] = mapped_column(Text, unique=True)
    type: Mapped[str] = mapped_column(String(16))
    verdict: Mapped[str] = mapped_column(String(16))  # same | different
    first_id: Mapped[str] = mapped_column(ID)
    first_name: Mapped[str] = mapped_column(Text)
    first_names: Mapped[str] = mapped_column(Text)  # JSON list of every name it had
    second_id: Mapped[str] = mapped_column(ID)
    second_name: Mapped[str] = mapped_column(Text)
    second_names: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    decided: Mapped[str] = mapped_column(String(32))  # ISO timestamp, UTC


TABLES: tuple[str, ...] = (
    "articles", "sources", "entities", "aliases", "mentions", "relations", "attributes", "evidence", "events",
)
