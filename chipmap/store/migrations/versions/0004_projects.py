"""Investment projects: projects, their reports per article, parties, stages, field evidence,
and bare project counts (chipmap.store.project_models explains why they are tables of their own);
and ``relations.former_since``, the day a position was first reported as past.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(200)


def _entity(name: str, *, index: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, ID, sa.ForeignKey("entities.id", ondelete="SET NULL"), nullable=True, index=index)


def upgrade() -> None:
    # holds_position reported as a past position, from the first day the news said so
    op.add_column("relations", sa.Column("former_since", sa.Date, nullable=True))
    op.create_table(
        "projects",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("facility", sa.String(32), nullable=False),
        sa.Column("phase", sa.String(8), nullable=True),
        _entity("place_id"),
        sa.Column("place_name", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_date", sa.String(10), nullable=True),
        sa.Column("first_seen", sa.Date, nullable=True),
        sa.Column("last_seen", sa.Date, nullable=True),
        sa.Column("report_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_projects_place_id", "projects", ["place_id"])
    op.create_index("ix_projects_status", "projects", ["status"])
    op.create_table(
        "project_reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.String(40), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("facility", sa.String(32), nullable=False),
        sa.Column("phase", sa.String(8), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_date", sa.String(10), nullable=True),
        sa.Column("amount_value", sa.Float, nullable=True),
        sa.Column("amount_currency", sa.String(3), nullable=True),
        sa.Column("amount_text", sa.Text, nullable=True),
        _entity("place_id"),
        sa.Column("place_name", sa.Text, nullable=True),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("seen", sa.Date, nullable=True),
    )
    op.create_index("ix_project_reports_project_id", "project_reports", ["project_id"])
    op.create_index("ix_project_reports_article_id", "project_reports", ["article_id"])
    op.create_table(
        "project_parties",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("project_reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("project_id", sa.String(40), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        _entity("entity_id"),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=False),
    )
    op.create_index("ix_project_parties_report_id", "project_parties", ["report_id"])
    op.create_index("ix_project_parties_project_id", "project_parties", ["project_id"])
    op.create_index("ix_project_parties_entity_id", "project_parties", ["entity_id"])
    op.create_index("ix_project_parties_norm", "project_parties", ["norm"])
    for table in ("project_steps", "project_evidence"):
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("report_id", sa.Integer, sa.ForeignKey("project_reports.id", ondelete="CASCADE"),
                      nullable=False),
            *((sa.Column("status", sa.String(16), nullable=False), sa.Column("date", sa.String(10), nullable=True))
              if table == "project_steps" else (sa.Column("field", sa.String(16), nullable=False),)),
            sa.Column("sentence", sa.Text, nullable=False),
            sa.Column("start_char", sa.Integer, nullable=False),
            sa.Column("end_char", sa.Integer, nullable=False),
        )
        op.create_index(f"ix_{table}_report_id", table, ["report_id"])
    op.create_table(
        "project_counts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=True),
        _entity("place_id"),
        sa.Column("place_name", sa.Text, nullable=True),
        _entity("event_id"),
        sa.Column("amount_value", sa.Float, nullable=True),
        sa.Column("amount_currency", sa.String(3), nullable=True),
        sa.Column("amount_text", sa.Text, nullable=True),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("seen", sa.Date, nullable=True),
    )
    op.create_index("ix_project_counts_article_id", "project_counts", ["article_id"])
    op.create_index("ix_project_counts_place_id", "project_counts", ["place_id"])


def downgrade() -> None:
    for table in ("project_counts", "project_evidence", "project_steps", "project_parties", "project_reports",
                  "projects"):
        op.drop_table(table)
    op.drop_column("relations", "former_since")
