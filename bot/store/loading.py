"""The write side of a load: releases, their sources and the load's record, written in
batches inside one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from bot.file_stamps import FileStamp
from bot.records import ReleaseRecord
from bot.registry import Registry
from bot.store.load_companies import CompanyWriter
from bot.store.load_state import LoadTally, StoredSource, StoredState
from bot.store.models import (
    Base,
    Company,
    FigureRow,
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
# SQLite: a batch of new releases into the full-text index, in one statement (cheaper
# than a trigger per row; updates and deletes keep theirs).
FTS_INDEX_BATCH = text(
    "INSERT INTO releases_fts(rowid, title, summary, body, quotes_text) "
    "SELECT id, title, summary, body, quotes_text FROM releases WHERE id BETWEEN :first AND :last"
)
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
        self._fts_batches = conn.dialect.name == "sqlite"
        # Ids are never handed out twice, even after the newest release was removed:
        # deliveries and links made for the old release must not attach to a new one.
        self._issued_ids = self._meta_int(RELEASE_ID_HIGH)
        newest = conn.execute(select(func.max(Release.id))).scalar() or 0
        self._next_release_id = max(newest, self._issued_ids) + 1
        self._pending_bodies: dict[int, str] = {}
        self._pending: dict[type[Base], list[dict[str, Any]]] = {
            Release: [],
            QuoteRow: [],
            FigureRow: [],
            SourceRow: [],
        }
        self._restamps: list[dict[str, Any]] = []
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
        self._pending[Release].append(
            {"id": release_id, "loaded_at": utc_now(), **self._release_values(record, anchors)}
        )
        self._pending_bodies[release_id] = record.body
        self._queue_children(release_id, record)
        self._maybe_flush()
        return release_id

    def replace_release(
        self, release_id: int, record: ReleaseRecord, anchors: Sequence[int]
    ) -> None:
        """Update a release in place (its id, and so links to it, stay the same)."""
        self.flush()
        self.conn.execute(
            update(Release)
            .where(Release.id == release_id)
            .values(**self._release_values(record, anchors))
        )
        self.conn.execute(delete(QuoteRow).where(QuoteRow.release_id == release_id))
        self.conn.execute(delete(FigureRow).where(FigureRow.release_id == release_id))
        self._queue_children(release_id, record)

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
    ) -> None:
        self._pending[SourceRow].append(
            {
                "release_id": release_id,
                "path": path,
                "record_index": record_index,
                "file_hash": file_hash,
                "url": url,
                **_stamp_values(stamp),
            }
        )
        self._maybe_flush()

    def set_source_hash(
        self, path: str, record_index: int, file_hash: str, stamp: FileStamp | None = None
    ) -> None:
        self.flush()
        self.conn.execute(
            update(SourceRow)
            .where(SourceRow.path == path, SourceRow.record_index == record_index)
            .values(file_hash=file_hash, **_stamp_values(stamp))
        )

    def restamp(self, path: str, stamp: FileStamp) -> None:
        """Record a new stamp for every source of a file read again and found unchanged
        (touched, copied back), so that the next load skips it before reading it."""
        self._restamps.append({"b_path": path, **_stamp_values(stamp)})
        if len(self._restamps) >= FLUSH_EVERY:
            self.flush()

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

    def _release_values(self, record: ReleaseRecord, anchors: Sequence[int]) -> dict[str, Any]:
        start, end = date_range(record.date)
        return {
            "company_id": self.companies.company_id(record),
            "title": record.title,
            "title_derived": record.title_derived,
            "company_inferred": record.company_inferred,
            "date_text": record.date,
            "date_precision": record.date_precision,
            "date_start": start,
            "date_end": end,
            "summary": record.summary,
            "body": record.body,
            "quotes_text": quotes_search_text(record.quotes),
            "url": record.url,
            "content_hash": record.content_hash,
            "anchors": " ".join(str(a) for a in anchors),
            "updated_at": utc_now(),
        }

    def _queue_children(self, release_id: int, record: ReleaseRecord) -> None:
        self._pending[QuoteRow].extend(
            {
                "release_id": release_id,
                "position": i,
                "speaker": q.speaker,
                "role": q.role,
                "text": q.text,
            }
            for i, q in enumerate(record.quotes)
        )
        self._pending[FigureRow].extend(
            {"release_id": release_id, "position": i, "text": figure}
            for i, figure in enumerate(record.figures)
        )

    def _maybe_flush(self) -> None:
        if (
            len(self._pending[Release]) >= FLUSH_EVERY
            or len(self._pending[SourceRow]) >= FLUSH_EVERY
        ):
            self.flush()

    def flush(self) -> None:
        """Write buffered rows; parents before children so foreign keys hold."""
        for model in (Release, QuoteRow, FigureRow, SourceRow):
            rows = self._pending[model]
            if rows:
                self.conn.execute(insert(model), rows)
                if model is Release and self._fts_batches:
                    # Ids are issued in order, so a batch is one range of them.
                    span = {"first": rows[0]["id"], "last": rows[-1]["id"]}
                    self.conn.execute(FTS_INDEX_BATCH, span)
                rows.clear()
        self._pending_bodies.clear()
        if self._restamps:
            self.conn.execute(
                update(SourceRow)
                .where(SourceRow.path == bindparam("b_path"))
                .values(
                    file_size=bindparam("file_size"),
                    file_mtime_ns=bindparam("file_mtime_ns"),
                    read_with=bindparam("read_with"),
                ),
                self._restamps,
            )
            self._restamps.clear()

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


def _stamp_values(stamp: FileStamp | None) -> dict[str, Any]:
    """A source row's stamp columns; all None when the file is to be read next time."""
    if stamp is None:
        return {"file_size": None, "file_mtime_ns": None, "read_with": None}
    return {"file_size": stamp.size, "file_mtime_ns": stamp.mtime_ns, "read_with": stamp.read_with}
