"""Wire copies and the event audit trail: MinHash bands, article copies, event versions,
manual overrides and "do not merge" constraints (resolve/duplicates.py, resolve/history.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.String(32).with_variant(postgresql.TIMESTAMP(timezone=True), "postgresql")


def _deferred_fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], deferrable=True, initially="DEFERRED")


def upgrade() -> None:
    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("band", sa.Integer(), primary_key=True),
        sa.Column("hash", sa.String(16), nullable=False),
    )
    op.create_index("ix_article_bands_band_hash", "article_bands", ["band", "hash"])
    op.create_table(
        "article_duplicates",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("duplicate_of", sa.String(64), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
    )
    op.create_index("ix_article_duplicates_duplicate_of", "article_duplicates", ["duplicate_of"])
    op.create_table(
        "event_versions",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("article_id", sa.String(64)),
        _deferred_fk("event_id", "events.id"),
    )
    op.create_table(
        "event_overrides",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("field", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        _deferred_fk("event_id", "events.id"),
    )
    op.create_table(
        "merge_blocks",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("other_article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
    )
    op.create_index("ix_merge_blocks_other_article_id", "merge_blocks", ["other_article_id"])


def downgrade() -> None:
    op.drop_table("merge_blocks")
    op.drop_table("event_overrides")
    op.drop_table("event_versions")
    op.drop_table("article_duplicates")
    op.drop_table("article_bands")
