"""GeoNames' own name of each event's and mention's place (geonames_name), kept beside the
location written as ACLED writes it (conventions/names.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("events", "mentions"):
        op.add_column(table, sa.Column("geonames_name", sa.Text()))


def downgrade() -> None:
    for table in ("events", "mentions"):  # SQLite >= 3.35 drops a column in place (indexes kept)
        op.drop_column(table, "geonames_name")
