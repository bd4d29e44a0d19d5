"""Deliveries that Discord could not take yet: their state, tries, next try and last error.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows written before this revision were claimed for good: they count as sent.
    op.add_column(
        "deliveries", sa.Column("status", sa.String(10), nullable=False, server_default="sent")
    )
    op.add_column(
        "deliveries", sa.Column("attempts", sa.Integer, nullable=False, server_default="1")
    )
    op.add_column("deliveries", sa.Column("due_at", sa.DateTime))
    op.add_column("deliveries", sa.Column("last_error", sa.Text))
    op.create_index("ix_deliveries_status_due_at", "deliveries", ["status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_status_due_at", "deliveries")
    for column in ("last_error", "due_at", "attempts", "status"):
        op.drop_column("deliveries", column)
