"""The tables of investment projects (issue 12), next to the graph's tables.

::

    projects ──< project_reports >── articles        one report per article that states the project
                     ├─< project_parties  >── entities   who invests, builds, owns or signs
                     ├─< project_steps                    each stage with its date and sentence
                     └─< project_evidence                 the sentence behind each field
    project_counts >── articles                       bare counts ("22 projects were signed")

Why tables of their own rather than entities of type "project": a project's identity is
decided by its parties, place, facility, phase and amount (chipmap.project_identity), not by
its name, so the name-based resolver and its merge rules do not apply; and its facts are a
history (stages with dates) and several amounts with their sources, which the relation and
attribute rows (one value, aggregated support) would flatten. Keeping them apart leaves the
vocabularies (EntityType, ENDPOINTS) and every consumer of entities unchanged. A project is
still a first-class node of the answers: it has an id (``project:<digest>``), its parties and
place are entity ids, and every field has its evidence.

``projects`` holds a summary (latest status, first and last report) recomputed from the
reports after every write and removal, so that listings filter in SQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chipmap.store.models import Base


class ProjectRow(Base):
    """One project, as the reports of all articles describe it."""

    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    facility: Mapped[str] = mapped_column(String(32))
    phase: Mapped[str | None] = mapped_column(String(32))
    place_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    place_name: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    status_date: Mapped[str | None] = mapped_column(String(10))
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)
    report_count: Mapped[int] = mapped_column(Integer, default=0)


class ProjectReportRow(Base):
    """What one article says about one project."""

    __tablename__ = "project_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    facility: Mapped[str] = mapped_column(String(32))
    phase: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    status_date: Mapped[str | None] = mapped_column(String(10))
    amount_value: Mapped[float | None] = mapped_column(Float)
    amount_currency: Mapped[str | None] = mapped_column(String(3))
    amount_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    place_name: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(32))
    seen: Mapped[dt.date | None] = mapped_column(Date)


class ProjectPartyRow(Base):
    """A party of a project as one report names it (an entity, or a name the graph lacks)."""

    __tablename__ = "project_parties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("project_reports.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(Text, index=True)


class ProjectStepRow(Base):
    """A stage a report states (signed, construction, production...) with its date and sentence."""

    __tablename__ = "project_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("project_reports.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    sentence: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)


class ProjectEvidenceRow(Base):
    """The sentence behind one field of a report (parties, place, facility, amount, status)."""

    __tablename__ = "project_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("project_reports.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    sentence: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)


class ProjectCountRow(Base):
    """A bare count of projects an article gives, kept on its place and event, never a project."""

    __tablename__ = "project_counts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(16))
    place_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    place_name: Mapped[str | None] = mapped_column(Text)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    amount_value: Mapped[float | None] = mapped_column(Float)
    amount_currency: Mapped[str | None] = mapped_column(String(3))
    amount_text: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    seen: Mapped[dt.date | None] = mapped_column(Date)


PROJECT_TABLES: tuple[str, ...] = (
    "projects", "project_reports", "project_parties", "project_steps", "project_evidence", "project_counts",
)
