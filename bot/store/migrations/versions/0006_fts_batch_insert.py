"""SQLite: the full-text index is filled by the load, one statement per batch of releases,
instead of by a trigger per inserted row (half the cost of a first load's index writes).

Only loads insert releases; updates and deletes keep their triggers. PostgreSQL's
``tsvector`` is a generated column and needs no change.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

from bot.store.fts5_index import SQLITE_FTS_DDL

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INSERT_TRIGGER = "releases_fts_insert"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {INSERT_TRIGGER}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        (create,) = (ddl for ddl in SQLITE_FTS_DDL if INSERT_TRIGGER in ddl)
        bind.exec_driver_sql(create)
