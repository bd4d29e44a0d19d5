"""Cheaper word splitting on PostgreSQL: the word indexes split ``OBX-7``, ``3.5`` and
host names with one ``replace`` per character instead of ``translate``, which on
multibyte text was up to a fifth of the server's work in a load. The words indexed are the same;
only the work to find them shrinks. SQLite is unchanged.

The generated ``search`` columns (and the title index) are made afresh, so upgrading
computes each stored release's and quote's words once more, and then gathers the
planner's statistics on them: a new column has none, autovacuum sees no changed rows to
prompt it, and word searches planned without them can take seconds.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

from bot.store.postgres_index import search_columns_ddl

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _remake_word_indexes(*, translated: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return
    for statement in search_columns_ddl(cjk=True, translated=translated):
        bind.exec_driver_sql(statement)
    for table in ("releases", "quotes"):
        bind.exec_driver_sql(f"ANALYZE {table}")


def upgrade() -> None:
    _remake_word_indexes(translated=False)


def downgrade() -> None:
    _remake_word_indexes(translated=True)
