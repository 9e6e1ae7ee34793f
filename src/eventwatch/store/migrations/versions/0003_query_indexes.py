"""Indexes for the API's queries (store/query.py): keyset pages by (sort key, id),
case-insensitive place filters with a date range, bbox/near boxes, and the /stats aggregates.
The SQLite full-text and count tables (store/search.py, store/rollup.py) are created when
a store is opened, not here.

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
    op.drop_index("ix_events_event_date", table_name="events", if_exists=True)
    op.create_index("ix_events_date_id", "events", ["event_date", "id"])
    op.create_index("ix_events_fatalities_id", "events", ["fatalities", "id"])
    op.create_index("ix_events_lower_country_date", "events", [sa.text("lower(country)"), "event_date", "id"])
    op.create_index("ix_events_lower_admin1_date", "events", [sa.text("lower(admin1)"), "event_date", "id"])
    op.create_index("ix_events_lat_lon", "events", ["latitude", "longitude"])
    op.create_index("ix_events_date_type_place", "events", ["event_date", "event_type", "country", "admin1"])


def downgrade() -> None:
    for name in ("ix_events_date_type_place", "ix_events_lat_lon", "ix_events_lower_admin1_date",
                 "ix_events_lower_country_date", "ix_events_fatalities_id", "ix_events_date_id"):
        op.drop_index(name, table_name="events")
    op.create_index("ix_events_event_date", "events", ["event_date"])
