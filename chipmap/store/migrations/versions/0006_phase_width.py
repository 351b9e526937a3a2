"""Project phases are words ("expansion", "second"), not codes: widen the column.

0004 gave ``phase`` eight characters; PostgreSQL refused "expansion". SQLite never
enforced the width, so SQLite graphs are left as they are.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("projects", "project_reports")


def _alter(width: int, was: int) -> None:
    # SQLite ignores VARCHAR widths; rebuilding its tables would only risk the cascades.
    if op.get_bind().dialect.name == "sqlite":
        return
    for table in TABLES:
        op.alter_column(table, "phase", type_=sa.String(width), existing_type=sa.String(was),
                        existing_nullable=True)


def upgrade() -> None:
    _alter(32, 8)


def downgrade() -> None:
    _alter(8, 32)
