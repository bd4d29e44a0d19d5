"""PostgreSQL's runtime settings: the statement timeout, the load and migration locks.

Its word index and searches are in ``bot.store.postgres_index`` and
``bot.store.postgres_search``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, text

# Milliseconds any one statement may run: a slow query fails (politely) well inside
# Discord's 3 s answer deadline instead of leaving the user waiting.
STATEMENT_TIMEOUT_MS = 2_500

# SQLSTATE of a statement cancelled by the timeout.
QUERY_CANCELED = "57014"

# Advisory lock keys (any 64-bit numbers no other application on the database uses).
LOAD_LOCK_KEY = 0x6E657773_0001
MIGRATION_LOCK_KEY = 0x6E657773_0002

# Releases a load must add, update or remove before it refreshes the planner's statistics.
ANALYZE_AFTER_ROWS = 500


def begin_load(conn: Connection) -> bool:
    """Take the load lock for this transaction; False when another load holds it.

    A load is an admin's batch job, not a user waiting on Discord: it is exempt from
    the statement timeout.
    """
    conn.execute(text("SET LOCAL statement_timeout = 0"))
    return bool(conn.execute(select(func.pg_try_advisory_xact_lock(LOAD_LOCK_KEY))).scalar_one())


def finish_load(conn: Connection, rows_changed: int) -> None:
    """Move the id sequence past the ids the load assigned itself (max + 1, as on SQLite),
    and after a large load refresh the planner's statistics at once.

    Until autovacuum gets round to it, a freshly filled table looks empty to the planner,
    whose plans for word searches are then seconds slow. ``ANALYZE`` inside the load's
    transaction samples its own new rows, so the first answers after a load are fast.
    """
    conn.execute(
        text(
            "SELECT setval(pg_get_serial_sequence('releases', 'id'), "
            "coalesce((SELECT max(id) FROM releases), 0) + 1, false)"
        )
    )
    if rows_changed >= ANALYZE_AFTER_ROWS:
        conn.execute(text("ANALYZE releases, quotes, companies"))


def begin_migration(conn: Connection) -> None:
    """Wait for any other process migrating the same database; migrations may run long."""
    conn.execute(text("SET LOCAL statement_timeout = 0"))
    conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))


def database_bytes(conn: Connection) -> int:
    return int(conn.execute(select(func.pg_database_size(func.current_database()))).scalar_one())


def engine_options() -> dict[str, Any]:
    """A pool that tests connections before use (so a restarted server is reconnected to)."""
    return {
        "pool_pre_ping": True,
        "connect_args": {"options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"},
    }
