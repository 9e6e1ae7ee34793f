"""Article versions: a newer version of an article supersedes the older one
(resolve/versions.py), and stored articles are found by URL and by outlet and date.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("superseded_by", sa.String(64), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_article_versions_superseded_by", "article_versions", ["superseded_by"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_outlet_published", "articles", ["outlet", "published_at"])


def downgrade() -> None:
    op.drop_index("ix_articles_outlet_published", table_name="articles")
    op.drop_index("ix_articles_url", table_name="articles")
    op.drop_index("ix_article_versions_superseded_by", table_name="article_versions")
    op.drop_table("article_versions")
