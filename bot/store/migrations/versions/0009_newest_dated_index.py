"""Releases by date, newest first, from one index on PostgreSQL: ``/news`` for a year or a
month counts its releases and lists the newest few without reading the table.

The index is ordered as the list is (latest date first, undated last, then newest id), so a
page is its first few entries, where the older date index left every release of the period
to be read and sorted; it carries ``date_end`` and ``id`` so the count is answered by the
index alone once the table is vacuumed. SQLite sorts its date index's entries cheaply
enough that it gains nothing from a second one.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_releases_newest ON releases "
            "(date_start DESC NULLS LAST, id DESC) INCLUDE (date_end)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_releases_newest")
