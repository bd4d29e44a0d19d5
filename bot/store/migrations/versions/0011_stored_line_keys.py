"""Stored line keys: each source keeps the keys of its page's short lines (what the page
adds to its folder's boilerplate count), so that a reload which finds a few pages of a
folder changed learns the folder's boilerplate again without reading the rest.

Rows written before this revision have none: those pages are read when their folder is
learned again, as before.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("line_keys", sa.Text))


def downgrade() -> None:
    op.drop_column("sources", "line_keys")
