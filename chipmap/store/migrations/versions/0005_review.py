"""Review: "possibly same as" candidates from resolution, and reviewers' verdicts kept apart.

``merge_candidates`` rows belong to the article whose mention raised them (and go
with it); ``review_verdicts`` belong to nothing the build writes, so removing,
re-reading or rebuilding articles never touches them.

Government names now share one comparison key (``chipmap.resolve.government``),
so the stored ``aliases.norm`` keys are recomputed with the current ``name_key``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(200)


def upgrade() -> None:
    op.create_table(
        "merge_candidates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("other_id", ID, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.UniqueConstraint("article_id", "entity_id", "other_id", name="uq_merge_candidates_article_id"),
    )
    for column in ("article_id", "entity_id", "other_id"):
        op.create_index(f"ix_merge_candidates_{column}", "merge_candidates", [column])
    op.create_table(
        "review_verdicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("pair", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("first_id", ID, nullable=False),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("first_names", sa.Text, nullable=False),
        sa.Column("second_id", ID, nullable=False),
        sa.Column("second_name", sa.Text, nullable=False),
        sa.Column("second_names", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("decided", sa.String(32), nullable=False),
        sa.UniqueConstraint("pair", name="uq_review_verdicts_pair"),
    )
    _renormalise_aliases()


def _renormalise_aliases() -> None:
    # Data, not schema: the keys follow the code that compares names, so this one step
    # imports it (a later change of name_key ships its own recompute).
    from chipmap.resolve.names import name_key

    conn = op.get_bind()
    aliases = sa.table("aliases", sa.column("id", sa.Integer), sa.column("alias", sa.Text),
                       sa.column("norm", sa.Text))
    changed = [{"aid": row.id, "n": name_key(row.alias)}
               for row in conn.execute(sa.select(aliases.c.id, aliases.c.alias, aliases.c.norm))
               if name_key(row.alias) != row.norm]
    if changed:
        conn.execute(aliases.update().where(aliases.c.id == sa.bindparam("aid")).values(norm=sa.bindparam("n")),
                     changed)


def downgrade() -> None:
    op.drop_table("review_verdicts")
    op.drop_table("merge_candidates")
