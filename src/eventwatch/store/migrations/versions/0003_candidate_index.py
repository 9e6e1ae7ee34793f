"""The resolver's blocking index: events by lower(country), time_precision and event_date
(Tx.candidate_events reads one date window per stored time precision).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_events_country_precision_date",
        "events",
        [sa.text("lower(country)"), "time_precision", "event_date"],
        if_not_exists=True,  # a database made before migrations by create_all already has it
    )


def downgrade() -> None:
    op.drop_index("ix_events_country_precision_date", table_name="events", if_exists=True)
