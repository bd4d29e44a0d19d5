"""The load history as it leaves the store: one frozen record per load run."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, select

from bot.store.models import LoadRun


@dataclass(frozen=True, slots=True)
class LoadRecord:
    """One load: who ran it, on what, how it ended and what it changed."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    actor: str
    source: str
    outcome: str
    added: int
    updated: int
    unchanged: int
    merged: int
    removed: int
    failed: int
    failures: tuple[tuple[str, str], ...]
    error: str | None

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


_COLUMNS = (
    LoadRun.id,
    LoadRun.started_at,
    LoadRun.finished_at,
    LoadRun.actor,
    LoadRun.source,
    LoadRun.outcome,
    LoadRun.added,
    LoadRun.updated,
    LoadRun.unchanged,
    LoadRun.merged,
    LoadRun.removed,
    LoadRun.failed,
    LoadRun.failures_json,
    LoadRun.error,
)


def load_history(conn: Connection, limit: int, *, finished_only: bool = False) -> list[LoadRecord]:
    """The latest loads, newest first; ``finished_only`` leaves out a load still running."""
    query = select(*_COLUMNS).order_by(LoadRun.id.desc()).limit(limit)
    if finished_only:
        query = query.where(LoadRun.outcome != "running")
    return [_record(row) for row in conn.execute(query)]


def _record(row: Row[*tuple[Any, ...]]) -> LoadRecord:
    return LoadRecord(
        id=row.id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        actor=row.actor,
        source=row.source,
        outcome=row.outcome,
        added=row.added,
        updated=row.updated,
        unchanged=row.unchanged,
        merged=row.merged,
        removed=row.removed,
        failed=row.failed,
        failures=tuple((path, reason) for path, reason in json.loads(row.failures_json or "[]")),
        error=row.error,
    )
