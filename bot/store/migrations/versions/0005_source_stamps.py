"""Source stamps: each source's file size and modification time as last loaded, and what
else its records depended on, so that an unchanged file is skipped before it is read.

Rows written before this revision have no stamp: their files are read and hashed once
more, which stamps them.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("file_size", sa.BigInteger))
    op.add_column("sources", sa.Column("file_mtime_ns", sa.BigInteger))
    op.add_column("sources", sa.Column("read_with", sa.String(32)))


def downgrade() -> None:
    for column in ("read_with", "file_mtime_ns", "file_size"):
        op.drop_column("sources", column)
