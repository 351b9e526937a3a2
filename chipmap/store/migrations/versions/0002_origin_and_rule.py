"""Evidence and aliases say where they come from as ``origin`` (news | atlas), and each
evidence row names the extraction rule that found its fact.

``source`` meant four things across chipmap (a file path, news-or-atlas, a citation, a span
proposer); the graph's columns now use ``origin`` for news-or-atlas. ``rule`` is the name of
the registered rule (``chipmap.extract.rules``) or ``atlas.<field>``, so precision can be
measured per rule and a wrong fact traced to what made it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # RENAME COLUMN is native in SQLite >= 3.25 and PostgreSQL: no table rebuild.
    op.execute("ALTER TABLE evidence RENAME COLUMN source TO origin")
    op.execute("ALTER TABLE aliases RENAME COLUMN source TO origin")
    op.add_column("evidence", sa.Column("rule", sa.String(80), nullable=True))


def downgrade() -> None:
    op.drop_column("evidence", "rule")
    op.execute("ALTER TABLE aliases RENAME COLUMN origin TO source")
    op.execute("ALTER TABLE evidence RENAME COLUMN origin TO source")
