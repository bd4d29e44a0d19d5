"""The ``Store``: the engine, the schema, the load transaction, and every read query."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    ExceptionContext,
    create_engine,
    delete,
    event,
    func,
    insert,
    null,
    select,
    update,
)
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import (
    Session,
    selectinload,
    sessionmaker,
)

from bot.store import migrations, postgres
from bot.store.loading import LoadTransaction
from bot.store.models import Company, CompanyAlias, LoadRun, MetaRow, QuoteRow, Release, utc_now
from bot.store.search import FullText, SearchHit, SearchQuery, SqliteFullText

INTERRUPTED = "the loading process ended before the load finished"


class StoreBusyError(RuntimeError):
    """Another process holds the write lock (a load is already running)."""


class StoreUnavailable(RuntimeError):
    """The database cannot be reached (or did not answer in time); worth trying again soon.

    The pool reconnects by itself once the server is back, so callers only report it.
    """


@dataclass(frozen=True, slots=True)
class CompanyRow:
    """A company as plain values, with its aliases in the order they were added."""

    id: int
    name: str
    ticker: str | None
    exchange: str | None
    website: str | None
    inferred: bool
    aliases: tuple[str, ...]


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


class Store:
    """Owns the engine; one short session per query, one transaction per load."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            _ensure_sqlite_folder(url)
            # A busy writer makes others wait up to 10 s before "database is locked".
            options: dict[str, Any] = {"connect_args": {"timeout": 10, "check_same_thread": False}}
        else:
            options = postgres.engine_options()
        self.engine: Engine = create_engine(url, echo=echo, **options)
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
        event.listen(self.engine, "handle_error", _unavailable_when_unreachable)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._full_text: FullText = (
            SqliteFullText() if self.is_sqlite else postgres.PostgresFullText()
        )

    def close(self) -> None:
        self.engine.dispose()

    # schema
    def create_schema(self) -> str:
        """Run any pending migrations; safe (and cheap) to call at every start.

        Returns the schema revision. An up-to-date database is only read, so a start
        never waits for a running load; migrating takes the write lock (SQLite) or a
        migration lock (PostgreSQL), so processes starting together migrate once.
        """
        with self.engine.connect() as conn:
            revision = migrations.current(conn)
        if revision == migrations.HEAD:
            return revision
        with self._writing() as conn, conn.begin():
            if not self.is_sqlite:
                postgres.begin_migration(conn)
            migrations.upgrade(conn)
        return migrations.HEAD

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
        with self._writing() as conn:
            try:
                transaction = conn.begin()
            except OperationalError as exc:
                self._drop_run(run_id)
                raise StoreBusyError("another load is writing to the database") from exc
            if not self.is_sqlite and not postgres.begin_load(conn):
                transaction.rollback()
                # Refused before it started: not a load, so not in the history either.
                self._drop_run(run_id)
                raise StoreBusyError("another load is running")
            # Holding the write lock, no other load can be running: a "running" row left
            # behind is a load whose process was killed, and the history should say so.
            conn.execute(
                update(LoadRun)
                .where(LoadRun.outcome == "running", LoadRun.id != run_id)
                .values(outcome="interrupted", finished_at=utc_now(), error=INTERRUPTED)
            )
            tx = LoadTransaction(conn, run_id)
            try:
                yield tx
                tx.flush()
                if not self.is_sqlite:
                    postgres.finish_load(conn)
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

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        """A connection whose transaction, on SQLite, takes the write lock at ``BEGIN``."""
        with self.engine.connect() as conn:
            yield conn.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else conn

    def _start_run(self, *, actor: str, source: str) -> int:
        with self.engine.begin() as conn:
            return conn.execute(
                insert(LoadRun)
                .values(started_at=utc_now(), actor=actor, source=source, outcome="running")
                .returning(LoadRun.id)
            ).scalar_one()

    def _drop_run(self, run_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(LoadRun).where(LoadRun.id == run_id))

    def _fail_run(self, run_id: int, exc: BaseException) -> None:
        reason = (
            "interrupted" if isinstance(exc, KeyboardInterrupt) else f"{type(exc).__name__}: {exc}"
        )
        with self.engine.begin() as conn:
            conn.execute(
                update(LoadRun)
                .where(LoadRun.id == run_id)
                .values(finished_at=utc_now(), outcome="failed", error=reason[:2000])
            )

    # reading
    def data_version(self) -> int:
        """A counter bumped by every load that changed data: a cheap "is my index stale?".

        One primary-key read of a one-row-per-key table, on every back end.
        """
        with self.engine.connect() as conn:
            value = conn.execute(
                select(MetaRow.value).where(MetaRow.key == "data_version")
            ).scalar()
        return int(value or 0)

    def company_rows(self) -> list[CompanyRow]:
        """Every company with its aliases, by name, for the in-memory company index.

        Plain rows from two flat selects: ORM objects with loaded aliases cost seconds
        at start-up for ten thousand companies, and the index keeps none of them.
        """
        with self.engine.connect() as conn:
            aliases: dict[int, list[str]] = {}
            for company_id, alias in conn.execute(
                select(CompanyAlias.company_id, CompanyAlias.alias).order_by(CompanyAlias.id)
            ).all():
                aliases.setdefault(company_id, []).append(alias)
            rows = conn.execute(
                select(
                    Company.id,
                    Company.name,
                    Company.ticker,
                    Company.exchange,
                    Company.website,
                    Company.inferred,
                ).order_by(Company.name)
            ).all()
        return [CompanyRow(*row, aliases=tuple(aliases.get(row[0], ()))) for row in rows]

    def release_titles(self) -> list[tuple[int, str, str, str | None]]:
        """(id, title, company, date) for every release, newest first: the autocomplete index.

        Ordered by an expression no index serves, so SQLite reads the table front to back
        and sorts: walking the date index instead visits every release in random order
        (with a cold cache, seconds of reads). Company names come from a small dict.
        """
        with self.engine.connect() as conn:
            names: dict[int, str] = {
                cid: name for cid, name in conn.execute(select(Company.id, Company.name))
            }
            rows = conn.execute(
                select(Release.id, Release.title, Release.company_id, Release.date_text).order_by(
                    Release.date_start.is_(None), Release.date_start.desc(), Release.id
                )
            )
            return [(id_, title, names[company_id], day) for id_, title, company_id, day in rows]

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

    def latest_releases(
        self, company_id: int, limit: int
    ) -> list[tuple[int, str, str, str | None, str]]:
        """(id, title, company, date, summary) of a company's newest releases.

        Only what a summary line shows: loading whole releases with their quotes,
        figures and sources made ``/company`` several times slower.
        """
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(Release.id, Release.title, Company.name, Release.date_text, Release.summary)
                .join(Company, Company.id == Release.company_id)
                .where(Release.company_id == company_id)
                .order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
                .limit(limit)
            ).all()
        return [tuple(row) for row in rows]  # type: ignore[misc]

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
        filters = _release_filters(query)
        with self.session() as session:
            ranked = self._full_text.hits(session, query, filters, limit=limit, offset=offset)
            if ranked is not None:
                return ranked
            exclusion = self._full_text.exclusion(query)
            if exclusion is not None:
                filters.append(exclusion)
            total = session.execute(select(func.count(Release.id)).where(*filters)).scalar_one()
            rows = session.execute(
                select(Release, null(), null())
                .where(*filters)
                .order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
                .options(selectinload(Release.company))
                .limit(limit)
                .offset(offset)
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
        """Quotes filtered by company, exact speaker names, and the words of the quote itself
        (with the date range the words give, if any)."""
        filters: list[Any] = []
        if company_ids:
            filters.append(Release.company_id.in_(company_ids))
        if speakers:
            filters.append(QuoteRow.speaker.in_(speakers))
        if keyword is not None:
            filters += _release_filters(keyword)
            matching = self._full_text.quote_filter(keyword)
            if matching is not None:
                filters.append(matching)
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

    def matching_release_ids(self, query: SearchQuery, release_ids: Sequence[int]) -> set[int]:
        """Which of these releases hold the query's words (the ``/news`` matcher): how follow
        keywords pick the releases to post."""
        matching = self._full_text.release_filter(query)
        if matching is None or not release_ids:
            return set(release_ids)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(Release.id).where(
                    Release.id.in_(release_ids), matching, *_release_filters(query)
                )
            )
            return {release_id for (release_id,) in rows}

    def speakers(self) -> list[tuple[str, int]]:
        """Every quoted speaker with their number of quotes, for fuzzy speaker matching."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(QuoteRow.speaker, func.count())
                .where(QuoteRow.speaker.is_not(None))
                .group_by(QuoteRow.speaker)
            )
            return [(speaker, count) for speaker, count in rows if speaker is not None]

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
            with self.engine.connect() as conn:
                return postgres.database_bytes(conn)
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


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


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
