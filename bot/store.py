"""The store: SQLAlchemy models, the full-text index, and every SQL statement newsbot runs.

Nothing outside this module writes SQL. Writers go through :class:`LoadTransaction`
(one transaction per load: readers see the old data or the new data, never half);
readers go through the query methods of :class:`Store`, which return ORM rows or
small tuples that ``lookup`` turns into plain dataclasses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
    sessionmaker,
)

from bot.records import Quote, ReleaseRecord
from bot.registry import Registry

SCHEMA_VERSION = 1
FLUSH_EVERY = 2_000
SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"


class StoreBusyError(RuntimeError):
    """Another process holds the write lock (a load is already running)."""


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    ticker: Mapped[str | None] = mapped_column(String(40))
    exchange: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    aliases: Mapped[list[CompanyAlias]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="CompanyAlias.id"
    )


class CompanyAlias(Base):
    __tablename__ = "company_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(200))
    company: Mapped[Company] = relationship(back_populates="aliases")


class Release(Base):
    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    title_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    company_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    # The partial ISO date as published, plus the day range it stands for, so that
    # "2021" finds day-, month- and year-precise releases and undated ones never match.
    date_text: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(5))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    quotes_text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    anchors: Mapped[str] = mapped_column(Text, default="")
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    company: Mapped[Company] = relationship()
    quotes: Mapped[list[QuoteRow]] = relationship(
        back_populates="release",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuoteRow.position",
    )
    figures: Mapped[list[FigureRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="FigureRow.position"
    )
    sources: Mapped[list[SourceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SourceRow.id"
    )

    __table_args__ = (Index("ix_releases_date", "date_start", "date_end"),)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    release: Mapped[Release] = relationship(back_populates="quotes")


class FigureRow(Base):
    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class SourceRow(Base):
    """Where a release was read from; one release may have several (the same news on two sites)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(Text)
    record_index: Mapped[int] = mapped_column(Integer, default=0)
    file_hash: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ux_sources_path", "path", "record_index", unique=True),)


class LoadRun(Base):
    """Load history. Never touched by a load's data swap, so it survives every reload."""

    __tablename__ = "loads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    merged: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    failures_json: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str | None] = mapped_column(Text)

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [(path, reason) for path, reason in json.loads(self.failures_json or "[]")]

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class MetaRow(Base):
    """Small key/value facts about the data: schema version and data version."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# FTS5 has no SQLAlchemy construct: the virtual table and the triggers that keep it in
# step with ``releases`` (an external-content index, so the text is stored once).
SQLITE_FTS_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS releases_fts USING fts5(
        title, summary, body, quotes_text,
        content='releases', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS releases_fts_insert AFTER INSERT ON releases BEGIN
        INSERT INTO releases_fts(rowid, title, summary, body, quotes_text)
        VALUES (new.id, new.title, new.summary, new.body, new.quotes_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS releases_fts_delete AFTER DELETE ON releases BEGIN
        INSERT INTO releases_fts(releases_fts, rowid, title, summary, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.quotes_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS releases_fts_update AFTER UPDATE OF
        title, summary, body, quotes_text ON releases BEGIN
        INSERT INTO releases_fts(releases_fts, rowid, title, summary, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.quotes_text);
        INSERT INTO releases_fts(rowid, title, summary, body, quotes_text)
        VALUES (new.id, new.title, new.summary, new.body, new.quotes_text);
    END""",
)

# Column weights for bm25: a hit in the title counts most, then the summary, quotes, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0, 2.0)


def date_range(iso: str | None) -> tuple[date | None, date | None]:
    """The first and last day a partial ISO date (``2021``, ``2021-10``, ``2021-10-11``) covers."""
    if not iso:
        return None, None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    day = date(*parts)
    return day, day


def quotes_search_text(quotes: Sequence[Quote]) -> str:
    """What the full-text index sees of a release's quotes: the words and who said them."""
    return "\n".join(" ".join(part for part in (q.text, q.speaker, q.role) if part) for q in quotes)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# --- Search queries -------------------------------------------------------------------

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed news search. Built by ``lookup`` from what the user typed.

    Each term and phrase is matched literally: the store quotes every word before it
    reaches FTS5 ``MATCH``, so operators typed by users (``NEAR``, ``*``, ``OR``,
    column filters, parentheses) are plain words, never syntax.
    """

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()
    title_only: bool = False
    company_ids: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)


def _fts_phrase(words: Iterable[str]) -> str | None:
    """One FTS5 string literal; only word characters survive, so nothing in it is syntax."""
    tokens = [t for w in words for t in _FTS_TOKEN.findall(w)]
    return '"' + " ".join(tokens) + '"' if tokens else None


def fts_match_expression(query: SearchQuery) -> tuple[str | None, str | None]:
    """(positive expression, excluded expression) for FTS5 ``MATCH``; either may be None."""
    positives = [p for p in (_fts_phrase([t]) for t in query.terms) if p]
    positives += [p for p in (_fts_phrase(ph) for ph in query.phrases) if p]
    negatives = [p for p in (_fts_phrase([t]) for t in query.excluded) if p]
    scope = "{title} : " if query.title_only else ""
    positive = f"{scope}({' AND '.join(positives)})" if positives else None
    negative = f"{scope}({' OR '.join(negatives)})" if negatives else None
    return positive, negative


@dataclass(frozen=True, slots=True)
class SearchHit:
    release: Release
    snippet: str | None
    rank: float | None


@dataclass(frozen=True, slots=True)
class CompanyStats:
    release_count: int
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True, slots=True)
class DataStats:
    releases: int
    companies: int
    quotes: int
    first_date: date | None
    last_date: date | None
    data_version: int
    database_bytes: int | None
    last_load: LoadRun | None


# --- The store ------------------------------------------------------------------------


class Store:
    """Owns the engine; one short session per query, one transaction per load."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            _ensure_sqlite_folder(url)
        self.engine: Engine = create_engine(url, echo=echo, **_engine_options(url))
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # schema
    def create_schema(self) -> None:
        """Create tables (and the FTS index) if missing; safe to call at every start."""
        with self.engine.begin() as conn:
            Base.metadata.create_all(conn)
            if self.is_sqlite:
                for statement in SQLITE_FTS_DDL:
                    conn.exec_driver_sql(statement)
            existing = conn.execute(select(MetaRow.value).where(MetaRow.key == "schema")).scalar()
            if existing is None:
                conn.execute(insert(MetaRow).values(key="schema", value=str(SCHEMA_VERSION)))
                conn.execute(insert(MetaRow).values(key="data_version", value="0"))

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    # writing
    @contextmanager
    def load_transaction(self, *, actor: str, source: str) -> Iterator[LoadTransaction]:
        """One load, all or nothing.

        The load's row in the history is written in its own short transactions, before
        and after, so a failed or interrupted load is still on record.
        """
        try:
            run_id = self._start_run(actor=actor, source=source)
        except OperationalError as exc:
            raise StoreBusyError("another load is writing to the database") from exc
        conn = self.engine.connect()
        if self.is_sqlite:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        try:
            try:
                transaction = conn.begin()
            except OperationalError as exc:
                raise StoreBusyError("another load is writing to the database") from exc
            tx = LoadTransaction(conn, run_id)
            try:
                yield tx
                tx.flush()
                conn.execute(
                    update(MetaRow)
                    .where(MetaRow.key == "data_version")
                    .values(value=str(tx.data_version_after()))
                )
                tx.finish_run()
                transaction.commit()
            except BaseException as exc:
                transaction.rollback()
                self._fail_run(run_id, exc)
                raise
        finally:
            conn.close()

    def _start_run(self, *, actor: str, source: str) -> int:
        with self.engine.begin() as conn:
            return conn.execute(
                insert(LoadRun)
                .values(started_at=_now(), actor=actor, source=source, outcome="running")
                .returning(LoadRun.id)
            ).scalar_one()

    def _fail_run(self, run_id: int, exc: BaseException) -> None:
        reason = (
            "interrupted" if isinstance(exc, KeyboardInterrupt) else f"{type(exc).__name__}: {exc}"
        )
        with self.engine.begin() as conn:
            conn.execute(
                update(LoadRun)
                .where(LoadRun.id == run_id)
                .values(finished_at=_now(), outcome="failed", error=reason[:2000])
            )

    # reading
    def data_version(self) -> int:
        """A counter bumped by every load that changed data: a cheap "is my index stale?"."""
        with self.engine.connect() as conn:
            value = conn.execute(
                select(MetaRow.value).where(MetaRow.key == "data_version")
            ).scalar()
        return int(value or 0)

    def companies(self) -> list[Company]:
        with self.session() as session:
            return list(
                session.scalars(
                    select(Company).options(selectinload(Company.aliases)).order_by(Company.name)
                )
            )

    def release_titles(self) -> list[tuple[int, str, str, str | None]]:
        """(id, title, company, date) for every release: the autocomplete index's input."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(Release.id, Release.title, Company.name, Release.date_text)
                .join(Company, Company.id == Release.company_id)
                .order_by(Release.date_start.desc().nulls_last(), Release.id)
            )
            return [tuple(row) for row in rows]  # type: ignore[misc]

    def release(self, release_id: int) -> Release | None:
        with self.session() as session:
            return session.scalars(_release_detail().where(Release.id == release_id)).one_or_none()

    def releases(self, ids: Sequence[int]) -> list[Release]:
        """Releases by id, in the order given."""
        if not ids:
            return []
        with self.session() as session:
            found = {r.id: r for r in session.scalars(_release_detail().where(Release.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def company_stats(self, company_id: int) -> CompanyStats:
        with self.engine.connect() as conn:
            count, first, last = conn.execute(
                select(
                    func.count(Release.id), func.min(Release.date_start), func.max(Release.date_end)
                ).where(Release.company_id == company_id)
            ).one()
        return CompanyStats(count, _as_date(first), _as_date(last))

    def latest_releases(self, company_id: int, limit: int) -> list[Release]:
        with self.session() as session:
            return list(
                session.scalars(
                    _release_detail()
                    .where(Release.company_id == company_id)
                    .order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
                    .limit(limit)
                )
            )

    def release_counts(self) -> dict[int, int]:
        """Releases per company id, for the company list."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(Release.company_id, func.count()).group_by(Release.company_id)
            )
            return {company_id: count for company_id, count in rows}

    def search(
        self, query: SearchQuery, *, limit: int, offset: int = 0
    ) -> tuple[list[SearchHit], int]:
        """Matching releases and the total count.

        Text queries rank by bm25 (title weighted most); date-only queries list newest first.
        """
        positive, negative = fts_match_expression(query)
        filters = _release_filters(query)
        if negative:
            excluded = (
                select(literal_column("rowid"))
                .select_from(text("releases_fts"))
                .where(text("releases_fts MATCH :negative").bindparams(negative=negative))
            )
            filters.append(Release.id.not_in(excluded))
        with self.session() as session:
            if positive:
                fts_table = literal_column("releases_fts")
                fts = (
                    select(
                        literal_column("rowid").label("release_id"),
                        func.bm25(fts_table, *BM25_WEIGHTS).label("rank"),
                        func.snippet(fts_table, -1, SNIPPET_OPEN, SNIPPET_CLOSE, "…", 20).label(
                            "snippet"
                        ),
                    )
                    .select_from(text("releases_fts"))
                    .where(text("releases_fts MATCH :positive"))
                    .subquery("fts")
                )
                base = (
                    select(Release, fts.c.snippet, fts.c.rank)
                    .join(fts, fts.c.release_id == Release.id)
                    .where(*filters)
                )
                total_stmt = select(func.count()).select_from(
                    select(Release.id)
                    .join(fts, fts.c.release_id == Release.id)
                    .where(*filters)
                    .subquery()
                )
                ordered = base.order_by(fts.c.rank, Release.id)
                params = {"positive": positive}
            else:
                base = select(Release, null(), null()).where(*filters)
                total_stmt = select(func.count(Release.id)).where(*filters)
                ordered = base.order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
                params = {}
            total = session.execute(total_stmt, params).scalar_one()
            rows = session.execute(
                ordered.options(selectinload(Release.company)).limit(limit).offset(offset), params
            ).all()
            return [SearchHit(r[0], r[1], r[2]) for r in rows], total

    def quotes(
        self,
        *,
        company_ids: Sequence[int] = (),
        speakers: Sequence[str] = (),
        keyword: SearchQuery | None = None,
        limit: int,
        offset: int = 0,
    ) -> tuple[list[QuoteRow], int]:
        """Quotes filtered by company, exact speaker names, and words in the quote."""
        filters: list[Any] = []
        if company_ids:
            filters.append(Release.company_id.in_(company_ids))
        if speakers:
            filters.append(QuoteRow.speaker.in_(speakers))
        if keyword is not None:
            for word in (*keyword.terms, *(" ".join(p) for p in keyword.phrases)):
                filters.append(QuoteRow.text.ilike(f"%{_escape_like(word)}%", escape="\\"))
            for word in keyword.excluded:
                filters.append(~QuoteRow.text.ilike(f"%{_escape_like(word)}%", escape="\\"))
        with self.session() as session:
            joined = (
                select(QuoteRow).join(Release, Release.id == QuoteRow.release_id).where(*filters)
            )
            total = session.execute(
                select(func.count()).select_from(joined.subquery())
            ).scalar_one()
            rows = session.scalars(
                joined.options(selectinload(QuoteRow.release).selectinload(Release.company))
                .order_by(
                    Release.date_start.desc().nulls_last(), QuoteRow.release_id, QuoteRow.position
                )
                .limit(limit)
                .offset(offset)
            )
            return list(rows), total

    def speakers(self) -> list[tuple[str, int]]:
        """Every quoted speaker with their number of quotes, for fuzzy speaker matching."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(QuoteRow.speaker, func.count())
                .where(QuoteRow.speaker.is_not(None))
                .group_by(QuoteRow.speaker)
            )
            return [(speaker, count) for speaker, count in rows]

    def stats(self) -> DataStats:
        with self.session() as session:
            releases, first, last = session.execute(
                select(
                    func.count(Release.id), func.min(Release.date_start), func.max(Release.date_end)
                )
            ).one()
            companies = session.execute(
                select(func.count(func.distinct(Release.company_id)))
            ).scalar_one()
            quotes = session.execute(select(func.count(QuoteRow.id))).scalar_one()
            last_load = session.scalars(
                select(LoadRun)
                .where(LoadRun.outcome != "running")
                .order_by(LoadRun.id.desc())
                .limit(1)
            ).one_or_none()
        return DataStats(
            releases=releases,
            companies=companies,
            quotes=quotes,
            first_date=_as_date(first),
            last_date=_as_date(last),
            data_version=self.data_version(),
            database_bytes=self._database_bytes(),
            last_load=last_load,
        )

    def load_history(self, limit: int = 10) -> list[LoadRun]:
        with self.session() as session:
            return list(session.scalars(select(LoadRun).order_by(LoadRun.id.desc()).limit(limit)))

    def _database_bytes(self) -> int | None:
        if not self.is_sqlite:
            return None
        path = self.engine.url.database
        if not path or path == ":memory:":
            return None
        files = [Path(path), Path(path + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists())


def _release_detail() -> Any:
    return select(Release).options(
        selectinload(Release.company).selectinload(Company.aliases),
        selectinload(Release.quotes),
        selectinload(Release.figures),
        selectinload(Release.sources),
    )


def _release_filters(query: SearchQuery) -> list[Any]:
    filters: list[Any] = []
    if query.company_ids:
        filters.append(Release.company_id.in_(query.company_ids))
    if query.since is not None:
        filters.append(Release.date_start >= query.since)
    if query.until is not None:
        filters.append(Release.date_end <= query.until)
    return filters


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # A busy writer makes others wait up to 10 s before "database is locked".
        return {"connect_args": {"timeout": 10, "check_same_thread": False}}
    return {"pool_pre_ping": True}


def _ensure_sqlite_folder(url: str) -> None:
    database = url.split(":///", 1)[-1] if ":///" in url else ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_pragmas(engine: Engine) -> None:
    """WAL (readers never wait for a load), enforced foreign keys, and explicit BEGIN.

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

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


# --- Loading --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredSource:
    release_id: int
    file_hash: str
    content_hash: str
    source_count: int


@dataclass(slots=True)
class LoadTally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    removed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.merged)


class LoadTransaction:
    """The write side of one load. Rows are buffered and written in batches."""

    def __init__(self, conn: Any, run_id: int) -> None:
        self.conn = conn
        self.run_id = run_id
        self.tally = LoadTally()
        self._company_ids: dict[str, int] = {}
        self._next_release_id = (conn.execute(select(func.max(Release.id))).scalar() or 0) + 1
        self._pending: dict[type[Base], list[dict[str, Any]]] = {
            Release: [],
            QuoteRow: [],
            FigureRow: [],
            SourceRow: [],
        }
        self._data_version = int(
            conn.execute(select(MetaRow.value).where(MetaRow.key == "data_version")).scalar() or 0
        )

    # What is already stored -----------------------------------------------------------
    def stored_sources(self) -> dict[tuple[str, int], StoredSource]:
        """Every stored (path, record index) with its file hash and release."""
        counts = (
            select(SourceRow.release_id, func.count().label("n"))
            .group_by(SourceRow.release_id)
            .subquery()
        )
        rows = self.conn.execute(
            select(
                SourceRow.path,
                SourceRow.record_index,
                SourceRow.release_id,
                SourceRow.file_hash,
                Release.content_hash,
                counts.c.n,
            )
            .join(Release, Release.id == SourceRow.release_id)
            .join(counts, counts.c.release_id == SourceRow.release_id)
        )
        return {
            (path, index): StoredSource(release_id, file_hash, chash, n)
            for path, index, release_id, file_hash, chash, n in rows
        }

    def content_hashes(self) -> dict[str, int]:
        return {
            chash: rid for chash, rid in self.conn.execute(select(Release.content_hash, Release.id))
        }

    def anchor_index(self) -> dict[int, int]:
        """Near-duplicate anchors of every stored release: anchor → release id."""
        index: dict[int, int] = {}
        for release_id, anchors in self.conn.execute(select(Release.id, Release.anchors)):
            for anchor in anchors.split():
                index.setdefault(int(anchor), release_id)
        return index

    def body(self, release_id: int) -> str:
        self.flush()
        return self.conn.execute(select(Release.body).where(Release.id == release_id)).scalar_one()

    # Companies ------------------------------------------------------------------------
    def sync_registry(self, registry: Registry) -> None:
        """Make the companies table match the registry (names, aliases, tickers)."""
        existing = {name: cid for cid, name in self.conn.execute(select(Company.id, Company.name))}
        for entry in registry.companies:
            values = {
                "ticker": entry.ticker,
                "exchange": entry.exchange,
                "website": entry.website,
                "inferred": False,
            }
            company_id = existing.get(entry.name)
            if company_id is None:
                company_id = self.conn.execute(
                    insert(Company).values(name=entry.name, **values).returning(Company.id)
                ).scalar_one()
            else:
                self.conn.execute(update(Company).where(Company.id == company_id).values(**values))
            self.conn.execute(delete(CompanyAlias).where(CompanyAlias.company_id == company_id))
            if entry.aliases:
                self.conn.execute(
                    insert(CompanyAlias),
                    [{"company_id": company_id, "alias": alias} for alias in entry.aliases],
                )
            self._company_ids[entry.name] = company_id

    def _company_id(self, name: str, *, inferred: bool) -> int:
        company_id = self._company_ids.get(name)
        if company_id is None:
            company_id = self.conn.execute(select(Company.id).where(Company.name == name)).scalar()
            if company_id is None:
                company_id = self.conn.execute(
                    insert(Company).values(name=name, inferred=inferred).returning(Company.id)
                ).scalar_one()
            self._company_ids[name] = company_id
        return company_id

    # Releases -------------------------------------------------------------------------
    def add_release(self, record: ReleaseRecord, anchors: Sequence[int]) -> int:
        release_id = self._next_release_id
        self._next_release_id += 1
        self._pending[Release].append(
            {"id": release_id, "loaded_at": _now(), **self._release_values(record, anchors)}
        )
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

    def add_source(
        self, release_id: int, *, path: str, record_index: int, file_hash: str, url: str | None
    ) -> None:
        self._pending[SourceRow].append(
            {
                "release_id": release_id,
                "path": path,
                "record_index": record_index,
                "file_hash": file_hash,
                "url": url,
            }
        )
        self._maybe_flush()

    def set_source_hash(self, path: str, record_index: int, file_hash: str) -> None:
        self.flush()
        self.conn.execute(
            update(SourceRow)
            .where(SourceRow.path == path, SourceRow.record_index == record_index)
            .values(file_hash=file_hash)
        )

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

    def remove_orphan_companies(self, registry: Registry) -> None:
        """Inferred companies nobody writes about any more disappear with their last release."""
        registered = {entry.name for entry in registry.companies}
        self.flush()
        in_use = select(Release.company_id).distinct()
        self.conn.execute(
            delete(Company).where(
                Company.id.not_in(in_use),
                or_(Company.inferred.is_(True), Company.name.not_in(registered)),
            )
        )

    def _release_values(self, record: ReleaseRecord, anchors: Sequence[int]) -> dict[str, Any]:
        start, end = date_range(record.date)
        return {
            "company_id": self._company_id(record.company, inferred=record.company_inferred),
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
            "updated_at": _now(),
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
                rows.clear()

    # Closing --------------------------------------------------------------------------
    def data_version_after(self) -> int:
        return self._data_version + 1 if self.tally.changed else self._data_version

    def finish_run(self) -> None:
        tally = self.tally
        self.conn.execute(
            update(LoadRun)
            .where(LoadRun.id == self.run_id)
            .values(
                finished_at=_now(),
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


__all__ = [
    "Company",
    "CompanyAlias",
    "CompanyStats",
    "DataStats",
    "FigureRow",
    "LoadRun",
    "LoadTally",
    "LoadTransaction",
    "QuoteRow",
    "Release",
    "SearchHit",
    "SearchQuery",
    "SourceRow",
    "Store",
    "StoreBusyError",
    "StoredSource",
    "date_range",
]
