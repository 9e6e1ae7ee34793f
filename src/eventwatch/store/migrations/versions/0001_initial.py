"""The initial schema: articles, sites, events, mentions and their child tables.

Written out explicitly (not from schema.py) so that later edits to schema.py need a new
revision; tests/store/test_migrations.py checks that head matches schema.py.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# UTCDateTime: ISO text in UTC on SQLite, TIMESTAMP WITH TIME ZONE on PostgreSQL.
UTC_DATETIME = sa.String(32).with_variant(postgresql.TIMESTAMP(timezone=True), "postgresql")


def _acled_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("disorder_type", sa.String(64), nullable=False),
        sa.Column("event_date", sa.Date()),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("date_phrase", sa.Text()),
        sa.Column("location", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("admin2", sa.Text()),
        sa.Column("country", sa.Text()),
        sa.Column("iso", sa.Integer()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("geonames_id", sa.Integer()),
        sa.Column("geo_precision", sa.Integer()),
        sa.Column("actor1", sa.Text()),
        sa.Column("actor2", sa.Text()),
        sa.Column("assoc_actor_1", sa.Text()),
        sa.Column("assoc_actor_2", sa.Text()),
        sa.Column("inter1", sa.Integer()),
        sa.Column("inter2", sa.Integer()),
        sa.Column("site", sa.Text()),
        sa.Column("weapon_kind", sa.String(64)),
        sa.Column("weapon_launched", sa.Integer()),
        sa.Column("weapon_intercepted", sa.Integer()),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("injuries", sa.Integer(), nullable=False),
        sa.Column("size_reported", sa.Integer()),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
    ]


def _mention_key() -> list[sa.Column[object]]:
    return [
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("mention_idx", sa.Integer(), primary_key=True),
    ]


def _mention_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id", "mention_idx"], ["mentions.article_id", "mentions.idx"], ondelete="CASCADE"
    )


def _spans() -> list[sa.Column[object]]:
    return [
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
    ]


def _deferred_fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [target], deferrable=True, initially="DEFERRED")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published_at", UTC_DATETIME),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("origin", sa.Text()),
        sa.Column("ingested_at", UTC_DATETIME, nullable=False),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(64)),
        sa.Column("location", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("country", sa.Text()),
    )
    op.create_table(
        "site_aliases",
        sa.Column("site_id", sa.String(64), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias_norm", sa.Text(), nullable=False, unique=True),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        *_acled_columns(),
        sa.Column("site_id", sa.String(64)),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("first_seen", UTC_DATETIME, nullable=False),
        sa.Column("last_updated", UTC_DATETIME, nullable=False),
        sa.Column("values_by_source", sa.Text(), nullable=False),
        _deferred_fk("site_id", "sites.id"),
    )
    op.create_table(
        "mentions",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True),
        *_acled_columns(),
        sa.Column("event_id", sa.String(64), nullable=False),
        _deferred_fk("event_id", "events.id"),
    )
    op.create_table(
        "evidence",
        *_mention_key(),
        sa.Column("field", sa.String(64), primary_key=True),
        *_spans(),
        _mention_fk(),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("mention_idx", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("stance", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text()),
        *_spans(),
        _mention_fk(),
        sa.UniqueConstraint("article_id", "mention_idx", "speaker", "stance", "start"),
    )
    op.create_table(
        "mention_links",
        *_mention_key(),
        sa.Column("ordinal", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target_idx", sa.Integer(), nullable=False),
        _mention_fk(),
    )
    op.create_table(
        "reported_counts",
        *_mention_key(),
        sa.Column("ordinal", sa.Integer(), primary_key=True),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        *_spans(),
        _mention_fk(),
    )
    op.create_table(
        "rejected",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(64), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("first_seen", UTC_DATETIME, nullable=False),
        sa.UniqueConstraint("origin", "stage", "code"),
    )
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_index("ix_events_country_admin1", "events", ["country", "admin1"])
    op.create_index("ix_events_site_id", "events", ["site_id"])
    op.create_index("ix_mentions_event_id", "mentions", ["event_id"])


def downgrade() -> None:
    for index, table in (
        ("ix_mentions_event_id", "mentions"),
        ("ix_events_site_id", "events"),
        ("ix_events_country_admin1", "events"),
        ("ix_events_event_date", "events"),
    ):
        op.drop_index(index, table_name=table)
    for table in (
        "rejected", "reported_counts", "mention_links", "claims", "evidence",
        "mentions", "events", "site_aliases", "sites", "articles",
    ):  # fmt: skip
        op.drop_table(table)
