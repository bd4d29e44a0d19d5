"""A load's new rows, buffered and written in batches: one statement per table and batch,
of plain tuples, past the ORM's per-row work — ``executemany`` on SQLite, ``COPY`` on
PostgreSQL. The full-text side is built by the database: on PostgreSQL by the generated
``search`` columns, on SQLite by one statement per batch filling the FTS5 index."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, text, update

from bot.file_stamps import FileStamp
from bot.store.engine import StoreUnavailable
from bot.store.fts5_index import RELEASES_FTS_CONTENT
from bot.store.models import Base, FigureRow, QuoteRow, Release, ReleaseAnchor, SourceRow

Row = tuple[Any, ...]

# A release's values as a load writes them, in this order (``id`` and ``loaded_at`` are
# only written when it is added: an update in place keeps both).
RELEASE_VALUES = (
    "company_id",
    "title",
    "title_derived",
    "company_inferred",
    "date_text",
    "date_precision",
    "date_start",
    "date_end",
    "summary",
    "body",
    "quotes_text",
    "url",
    "content_hash",
    "updated_at",
)
RELEASE_COLUMNS = ("id", "loaded_at", *RELEASE_VALUES)
QUOTE_COLUMNS = ("release_id", "position", "speaker", "role", "text")
FIGURE_COLUMNS = ("release_id", "position", "text")
ANCHOR_COLUMNS = ("anchor", "release_id")
STAMP_COLUMNS = ("file_size", "file_mtime_ns", "read_with")
SOURCE_COLUMNS = (
    "release_id",
    "path",
    "record_index",
    "file_hash",
    "url",
    *STAMP_COLUMNS,
    "line_keys",
)

# SQLite: a batch of new releases into the full-text index, in one statement (cheaper
# than a trigger per row; updates and deletes keep theirs).
FTS_INDEX_BATCH = text(
    "INSERT INTO releases_fts(rowid, title, summary, body, quotes_text) "
    "SELECT id, title, summary, body, quotes_text "
    f"FROM {RELEASES_FTS_CONTENT} WHERE id BETWEEN :first AND :last"
)

_TABLES: tuple[tuple[type[Base], tuple[str, ...]], ...] = (
    (Release, RELEASE_COLUMNS),
    (QuoteRow, QUOTE_COLUMNS),
    (FigureRow, FIGURE_COLUMNS),
    (ReleaseAnchor, ANCHOR_COLUMNS),
    (SourceRow, SOURCE_COLUMNS),
)


def stamp_values(stamp: FileStamp | None) -> Row:
    """A source row's stamp columns; all None when the file is to be read next time."""
    if stamp is None:
        return (None, None, None)
    return (stamp.size, stamp.mtime_ns, stamp.read_with)


def _set(columns: Sequence[str]) -> dict[str, Any]:
    return {column: bindparam(column) for column in columns}


# Built once, so that each batch runs as one ``executemany`` of an already compiled statement.
_UPDATE_RELEASE = (
    update(Release).where(Release.id == bindparam("b_id")).values(_set(RELEASE_VALUES))
)
_DELETE_CHILDREN = tuple(
    delete(model).where(model.release_id == bindparam("b_id"))
    for model in (QuoteRow, FigureRow, ReleaseAnchor)
)
_SET_SOURCE_HASH = (
    update(SourceRow)
    .where(SourceRow.path == bindparam("b_path"), SourceRow.record_index == bindparam("b_index"))
    .values(_set(("file_hash", *STAMP_COLUMNS, "line_keys")))
)
_RESTAMP = (
    update(SourceRow).where(SourceRow.path == bindparam("b_path")).values(_set(STAMP_COLUMNS))
)


class PendingRows:
    """Changes waiting to be written: releases updated in place (their quotes, figures and
    anchors replaced), new releases, quotes, figures, anchors and sources, and new hashes
    and stamps of stored sources. Updates go first (a new row may take a hash an update
    gives up), parents before children (foreign keys hold)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.releases: list[Row] = []
        self.quotes: list[Row] = []
        self.figures: list[Row] = []
        self.anchors: list[Row] = []
        self.sources: list[Row] = []
        self.updates: list[dict[str, Any]] = []
        self.source_hashes: list[dict[str, Any]] = []
        self.restamps: list[dict[str, Any]] = []
        is_sqlite = conn.dialect.name == "sqlite"
        self._insert: Callable[[type[Base], Sequence[str], list[Row]], None] = (
            self._executemany if is_sqlite else self._copy
        )
        self._fts_batches = is_sqlite

    def longest(self) -> int:
        return max(
            len(self.releases),
            len(self.sources),
            len(self.updates),
            len(self.source_hashes),
            len(self.restamps),
        )

    def write(self) -> None:
        if self.updates:
            self.conn.execute(_UPDATE_RELEASE, self.updates)
            updated = [{"b_id": changes["b_id"]} for changes in self.updates]
            for old_children in _DELETE_CHILDREN:
                self.conn.execute(old_children, updated)
        for (model, columns), rows in zip(
            _TABLES,
            (self.releases, self.quotes, self.figures, self.anchors, self.sources),
            strict=True,
        ):
            if rows:
                self._insert(model, columns, rows)
        if self.releases and self._fts_batches:
            # Ids are issued in order, so a batch is one range of them.
            span = {"first": self.releases[0][0], "last": self.releases[-1][0]}
            self.conn.execute(FTS_INDEX_BATCH, span)
        for source_update, sources in (
            (_SET_SOURCE_HASH, self.source_hashes),
            (_RESTAMP, self.restamps),
        ):
            if sources:
                self.conn.execute(source_update, sources)
        for pending in (
            self.updates,
            self.releases,
            self.quotes,
            self.figures,
            self.anchors,
            self.sources,
            self.source_hashes,
            self.restamps,
        ):
            pending.clear()

    def _executemany(self, model: type[Base], columns: Sequence[str], rows: list[Row]) -> None:
        """Values are stored as the ORM would store them (its column types convert dates)."""
        table = model.__table__
        processors = [table.c[column].type.bind_processor(self.conn.dialect) for column in columns]
        if any(processors):
            converters = [(i, p) for i, p in enumerate(processors) if p is not None]
            rows = [_converted(row, converters) for row in rows]
        marks = ", ".join("?" for _ in columns)
        self.conn.exec_driver_sql(
            f"INSERT INTO {model.__tablename__} ({', '.join(columns)}) VALUES ({marks})", rows
        )

    def _copy(self, model: type[Base], columns: Sequence[str], rows: list[Row]) -> None:
        """PostgreSQL's fastest way in, on the load's own connection and transaction."""
        driver = self.conn.connection.driver_connection
        assert driver is not None
        try:
            with (
                driver.cursor() as cursor,
                cursor.copy(
                    f"COPY {model.__tablename__} ({', '.join(columns)}) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        except self.conn.dialect.loaded_dbapi.OperationalError as exc:
            # As the engine reports a lost server for statements it runs itself.
            raise StoreUnavailable(f"database unavailable: {str(exc).strip()[:200]}") from exc


def _converted(row: Row, converters: Sequence[tuple[int, Callable[[Any], Any]]]) -> Row:
    values = list(row)
    for index, convert in converters:
        values[index] = convert(values[index])
    return tuple(values)
