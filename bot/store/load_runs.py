"""A load's row in the history, written in short transactions of its own, so that a load
that fails, is refused or is killed is still on record."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, insert, update

from bot.store.models import LoadRun, utc_now

INTERRUPTED = "the loading process ended before the load finished"


def start_run(engine: Engine, *, actor: str, source: str) -> int:
    with engine.begin() as conn:
        return conn.execute(
            insert(LoadRun)
            .values(started_at=utc_now(), actor=actor, source=source, outcome="running")
            .returning(LoadRun.id)
        ).scalar_one()


def drop_run(engine: Engine, run_id: int) -> None:
    """Forget a load refused before it started: not a load, so not in the history either."""
    with engine.begin() as conn:
        conn.execute(delete(LoadRun).where(LoadRun.id == run_id))


def fail_run(engine: Engine, run_id: int, exc: BaseException) -> None:
    reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else f"{type(exc).__name__}: {exc}"
    with engine.begin() as conn:
        conn.execute(
            update(LoadRun)
            .where(LoadRun.id == run_id)
            .values(finished_at=utc_now(), outcome="failed", error=reason[:2000])
        )


def mark_interrupted(conn: Connection, run_id: int) -> None:
    """Runs other than ``run_id`` still "running": loads whose process was killed.

    Called holding the write lock, when no other load can be running.
    """
    conn.execute(
        update(LoadRun)
        .where(LoadRun.outcome == "running", LoadRun.id != run_id)
        .values(outcome="interrupted", finished_at=utc_now(), error=INTERRUPTED)
    )
