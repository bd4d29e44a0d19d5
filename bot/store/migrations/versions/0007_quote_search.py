"""Quote search: each quote indexed for full-text search on its own, so ``/quote`` keywords
match whole words the way ``/news`` does ("ai" no longer matches "said").

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

from bot.store.fts5_index import SQLITE_QUOTES_FTS_DDL
from bot.store.postgres_index import POSTGRES_QUOTES_SEARCH_DDL

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for statement in {"sqlite": SQLITE_QUOTES_FTS_DDL, "postgresql": POSTGRES_QUOTES_SEARCH_DDL}[
        bind.dialect.name
    ]:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS quotes_fts_{trigger}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS quotes_fts")
    else:
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_quotes_search")
        bind.exec_driver_sql("ALTER TABLE quotes DROP COLUMN IF EXISTS search")
