"""Live sources: the feeds the poller reads and the items it settled.

New tables only, so this revision runs after any other.

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("company", sa.String(200)),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("added_by", sa.BigInteger),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_success_at", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("next_poll_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "feed_items",
        sa.Column(
            "feed_id",
            sa.Integer,
            sa.ForeignKey("feeds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("link", sa.String(2000), primary_key=True),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
