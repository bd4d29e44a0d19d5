"""The engine: how newsbot connects to SQLite or PostgreSQL, and what a lost server looks like."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, ExceptionContext, create_engine, event
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.store import postgres
from bot.store.cjk_text import register_sqlite_function


class StoreUnavailable(RuntimeError):
    """The database cannot be reached (or did not answer in time); worth trying again soon.

    The pool reconnects by itself once the server is back, so callers only report it.
    """


def connect(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``, its failures to reach the database raised as ``StoreUnavailable``."""
    is_sqlite = url.startswith("sqlite")
    if is_sqlite:
        _ensure_sqlite_folder(url)
        # A busy writer makes others wait up to 10 s before "database is locked".
        options: dict[str, Any] = {"connect_args": {"timeout": 10, "check_same_thread": False}}
    else:
        options = postgres.engine_options()
    engine = create_engine(url, echo=echo, **options)
    if is_sqlite:
        _install_sqlite_pragmas(engine)
    event.listen(engine, "handle_error", _unavailable_when_unreachable)
    return engine


def _unavailable_when_unreachable(context: ExceptionContext) -> Exception | None:
    """Lost or refused connections and timed-out statements become ``StoreUnavailable``.

    SQLAlchemy has already invalidated the pool on a disconnect, so the next command
    after the server is back gets a fresh connection: nothing needs restarting. A failed
    pre-ping is left alone: the pool handles it by reconnecting.
    """
    if context.is_pre_ping:
        return None
    error = context.sqlalchemy_exception
    cause = context.original_exception
    unreachable = context.is_disconnect or (
        context.connection is None and isinstance(error, OperationalError | InterfaceError)
    )
    if unreachable:
        return StoreUnavailable(f"database unavailable: {str(cause).strip()[:200]}")
    if getattr(cause, "sqlstate", None) == postgres.QUERY_CANCELED:
        return StoreUnavailable("the database did not answer in time")
    return None


def _ensure_sqlite_folder(url: str) -> None:
    database = url.split(":///", 1)[-1] if ":///" in url else ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_pragmas(engine: Engine) -> None:
    """WAL (readers never wait for a load), enforced foreign keys, explicit BEGIN, and
    the function the full-text index reads CJK text through.

    The sqlite3 module's own transaction handling is switched off so that SQLAlchemy's
    ``begin()`` really starts the transaction — and a load can ask for
    ``BEGIN IMMEDIATE``, taking the write lock up front instead of failing half-way.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        register_sqlite_function(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
