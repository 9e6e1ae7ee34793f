"""Monitoring: the state of watched sources, the feed entries they have handed on, saved
searches, their matches and the deliveries of each match (monitor/, store/monitor.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.String(32).with_variant(postgresql.TIMESTAMP(timezone=True), "postgresql")


def _sources() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("every", sa.Float(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_fetch", UTC_DATETIME),
        sa.Column("last_success", UTC_DATETIME),
        sa.Column("next_due", UTC_DATETIME),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.Column("articles_added", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("healthy", sa.Integer(), nullable=False),
    )
    op.create_table(
        "watch_seen",
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("item", sa.String(64), primary_key=True),
        sa.Column("seen_at", UTC_DATETIME, nullable=False),
    )


def _alerts() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("webhook", sa.Text()),
        sa.Column("email", sa.Text()),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
    )
    op.create_table(
        "alert_matches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("search", sa.String(100), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("matched_at", UTC_DATETIME, nullable=False),
        sa.UniqueConstraint("search", "event_id", "version"),
    )
    op.create_index("ix_alert_matches_search_id", "alert_matches", ["search", "id"])
    op.create_table(
        "alert_deliveries",
        sa.Column("match_id", sa.Integer(), sa.ForeignKey("alert_matches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("next_attempt", UTC_DATETIME),
        sa.Column("delivered_at", UTC_DATETIME),
    )
    op.create_index("ix_alert_deliveries_status_next", "alert_deliveries", ["status", "next_attempt"])


def upgrade() -> None:
    _sources()
    _alerts()


def downgrade() -> None:
    op.drop_index("ix_alert_deliveries_status_next", table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_index("ix_alert_matches_search_id", table_name="alert_matches")
    for name in ("alert_matches", "saved_searches", "watch_seen", "watch_sources"):
        op.drop_table(name)
