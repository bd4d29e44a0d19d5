"""The write side of a load: releases, their sources and the load's record, written in
batches inside one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from bot.file_stamps import FileStamp
from bot.records import ReleaseRecord
from bot.registry import Registry
from bot.store.load_companies import CompanyWriter
from bot.store.load_rows import (
    RELEASE_VALUES,
    STAMP_COLUMNS,
    PendingRows,
    Row,
    stamp_values,
)
from bot.store.load_state import LoadTally, StoredSource, StoredState
from bot.store.models import (
    Company,
    LoadRun,
    MetaRow,
    QuoteRow,
    Release,
    SourceRow,
    date_range,
    quotes_search_text,
    utc_now,
)

FLUSH_EVERY = 2_000
# The highest release id ever issued, kept in ``meta``.
RELEASE_ID_HIGH = "release_id_high"

__all__ = ["FileStamp", "LoadTally", "LoadTransaction", "StoredSource"]


class LoadTransaction:
    """The write side of one load. Rows are buffered and written in batches."""

    def __init__(self, conn: Any, run_id: int) -> None:
        self.conn = conn
        self.run_id = run_id
        self.tally = LoadTally()
        self.companies = CompanyWriter(conn)
        self.stored = StoredState(conn)
        # Ids are never handed out twice, even after the newest release was removed:
        # deliveries and links made for the old release must not attach to a new one.
        self._issued_ids = self._meta_int(RELEASE_ID_HIGH)
        newest = conn.execute(select(func.max(Release.id))).scalar() or 0
        self._next_release_id = max(newest, self._issued_ids) + 1
        self._pending_bodies: dict[int, str] = {}
        self._pending = PendingRows(conn)
        self._data_version = self._meta_int("data_version")

    def _meta_int(self, key: str) -> int:
        value = self.conn.execute(select(MetaRow.value).where(MetaRow.key == key)).scalar()
        return int(value or 0)

    # What is already stored -----------------------------------------------------------
    def body(self, release_id: int) -> str:
        """A release's body, whether still buffered or already written (no flush needed)."""
        pending = self._pending_bodies.get(release_id)
        if pending is not None:
            return pending
        body: str = self.conn.execute(
            select(Release.body).where(Release.id == release_id)
        ).scalar_one()
        return body

    # Companies ------------------------------------------------------------------------
    def sync_registry(self, registry: Registry) -> None:
        self.companies.sync_registry(registry)

    def remove_orphan_companies(self, registry: Registry) -> None:
        self.flush()
        self.companies.remove_orphans(registry)

    # Releases -------------------------------------------------------------------------
    def add_release(self, record: ReleaseRecord, anchors: Sequence[int]) -> int:
        release_id = self._next_release_id
        self._next_release_id += 1
        now = utc_now()
        self._pending.releases.append((release_id, now, *self._release_values(record, now)))
        self._pending_bodies[release_id] = record.body
        self._queue_children(release_id, record, anchors)
        self._maybe_flush()
        return release_id

    def replace_release(
        self, release_id: int, record: ReleaseRecord, anchors: Sequence[int]
    ) -> None:
        """Update a release in place (its id, and so links to it, stay the same)."""
        values = self._release_values(record, utc_now())
        changes = dict(zip(RELEASE_VALUES, values, strict=True))
        self._pending.updates.append({"b_id": release_id, **changes})
        self._pending_bodies[release_id] = record.body
        self._queue_children(release_id, record, anchors)
        self._maybe_flush()

    def release_differs(self, release_id: int, record: ReleaseRecord) -> bool:
        """Whether a re-parse of an unchanged body tells more or other than the stored
        release: a new headline, date, company or summary, or other quotes."""
        self.flush()
        stored = self.conn.execute(
            select(
                Release.title,
                Release.title_derived,
                Company.name,
                Release.date_text,
                Release.summary,
                Release.url,
            )
            .join(Company, Company.id == Release.company_id)
            .where(Release.id == release_id)
        ).one()
        quotes = self.conn.execute(
            select(QuoteRow.speaker, QuoteRow.role, QuoteRow.text)
            .where(QuoteRow.release_id == release_id)
            .order_by(QuoteRow.position)
        ).all()
        parsed = (
            record.title,
            record.title_derived,
            self.companies.company_name(record),
            record.date,
            record.summary,
            record.url,
        )
        return tuple(stored) != parsed or [tuple(q) for q in quotes] != [
            (q.speaker, q.role, q.text) for q in record.quotes
        ]

    def add_source(
        self,
        release_id: int,
        *,
        path: str,
        record_index: int,
        file_hash: str,
        url: str | None,
        stamp: FileStamp | None = None,
        line_keys: str | None = None,
    ) -> None:
        self._pending.sources.append(
            (release_id, path, record_index, file_hash, url, *stamp_values(stamp), line_keys)
        )
        self._maybe_flush()

    def set_source_hash(
        self,
        path: str,
        record_index: int,
        file_hash: str,
        stamp: FileStamp | None = None,
        line_keys: str | None = None,
    ) -> None:
        """A source read again: its new hash, stamp and line keys (bytes that changed
        leave the old keys wrong, so None replaces them)."""
        self._pending.source_hashes.append(
            {"b_path": path, "b_index": record_index, "file_hash": file_hash}
            | _stamp_columns(stamp)
            | {"line_keys": line_keys}
        )
        self._maybe_flush()

    def restamp(self, path: str, stamp: FileStamp) -> None:
        """Record a new stamp for every source of a file read again and found unchanged
        (touched, copied back), so that the next load skips it before reading it. Its
        line keys stay: they come from the same bytes."""
        self._pending.restamps.append({"b_path": path, **_stamp_columns(stamp)})
        self._maybe_flush()

    def remove_source(self, path: str, record_index: int) -> bool:
        """Drop one source; returns True when its release, left without sources, was removed."""
        self.flush()
        release_id = self.conn.execute(
            delete(SourceRow)
            .where(SourceRow.path == path, SourceRow.record_index == record_index)
            .returning(SourceRow.release_id)
        ).scalar()
        if release_id is None:
            return False
        remaining = self.conn.execute(
            select(func.count()).select_from(SourceRow).where(SourceRow.release_id == release_id)
        ).scalar_one()
        if remaining:
            return False
        self.conn.execute(delete(Release).where(Release.id == release_id))
        return True

    def _release_values(self, record: ReleaseRecord, updated_at: datetime) -> Row:
        """The release's values, in ``RELEASE_VALUES`` order."""
        start, end = date_range(record.date)
        return (
            self.companies.company_id(record),
            record.title,
            record.title_derived,
            record.company_inferred,
            record.date,
            record.date_precision,
            start,
            end,
            record.summary,
            record.body,
            quotes_search_text(record.quotes),
            record.url,
            record.content_hash,
            updated_at,
        )

    def _queue_children(
        self, release_id: int, record: ReleaseRecord, anchors: Sequence[int]
    ) -> None:
        self._pending.quotes.extend(
            (release_id, i, q.speaker, q.role, q.text) for i, q in enumerate(record.quotes)
        )
        self._pending.figures.extend(
            (release_id, i, figure) for i, figure in enumerate(record.figures)
        )
        self._pending.anchors.extend((anchor, release_id) for anchor in dict.fromkeys(anchors))

    def _maybe_flush(self) -> None:
        if self._pending.longest() >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write buffered rows."""
        self._pending.write()
        self._pending_bodies.clear()

    # Closing --------------------------------------------------------------------------
    def data_version_after(self) -> int:
        return self._data_version + 1 if self.tally.changed else self._data_version

    def finish_run(self) -> None:
        issued = self._next_release_id - 1
        if issued > self._issued_ids and self._issued_ids:
            self.conn.execute(
                update(MetaRow).where(MetaRow.key == RELEASE_ID_HIGH).values(value=str(issued))
            )
        elif issued > self._issued_ids:
            self.conn.execute(insert(MetaRow).values(key=RELEASE_ID_HIGH, value=str(issued)))
        tally = self.tally
        self.conn.execute(
            update(LoadRun)
            .where(LoadRun.id == self.run_id)
            .values(
                finished_at=utc_now(),
                outcome="ok" if not tally.failures else "partial",
                added=tally.added,
                updated=tally.updated,
                unchanged=tally.unchanged,
                merged=tally.merged,
                removed=tally.removed,
                failed=len(tally.failures),
                failures_json=json.dumps(tally.failures, ensure_ascii=False),
            )
        )


def _stamp_columns(stamp: FileStamp | None) -> dict[str, Any]:
    return dict(zip(STAMP_COLUMNS, stamp_values(stamp), strict=True))
