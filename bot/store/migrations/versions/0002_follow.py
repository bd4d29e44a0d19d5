"""/follow: subscriptions of channels to companies, and the deliveries made to them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("guild_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("channel_id", sa.BigInteger, nullable=False),
        sa.Column("company_name", sa.String(200), nullable=False),
        sa.Column("keywords", sa.Text, nullable=False),
        sa.Column("created_by", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("watermark_release_id", sa.Integer, nullable=False),
        sa.Column("broken_reason", sa.Text),
        sa.Column("broken_at", sa.DateTime),
        sa.UniqueConstraint("channel_id", "company_name", name="uq_subscriptions_channel_company"),
    )
    op.create_table(
        "deliveries",
        sa.Column(
            "subscription_id",
            sa.Integer,
            sa.ForeignKey("subscriptions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "release_id",
            sa.Integer,
            sa.ForeignKey("releases.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        sa.Column("delivered_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("subscriptions")
