"""The ``Store``: the engine, the schema, the load transaction, and the read queries (each in the module of what it reads)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    func,
    select,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.store import companies, history, load_runs, migrations, postgres, quotes, releases
from bot.store.companies import CompanyRow, CompanyStats
from bot.store.engine import connect
from bot.store.fts5_search import SqliteFullText
from bot.store.history import LoadRecord
from bot.store.loading import LoadTransaction
from bot.store.models import MetaRow, QuoteRow, Release, as_date
from bot.store.postgres_search import PostgresFullText
from bot.store.quotes import QuoteHit
from bot.store.releases import ReleaseLine, StoredRelease
from bot.store.search import FullText, SearchHit, SearchQuery


class StoreBusyError(RuntimeError):
    """Another process holds the write lock (a load is already running)."""


@dataclass(frozen=True, slots=True)
class DataStats:
    releases: int
    companies: int
    quotes: int
    first_date: date | None
    last_date: date | None
    data_version: int
    database_bytes: int | None
    last_load: LoadRecord | None


class Store:
    """Owns the engine; one short connection per query, one transaction per load."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.engine: Engine = connect(url, echo=echo)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._full_text: FullText = SqliteFullText() if self.is_sqlite else PostgresFullText()

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
            run_id = load_runs.start_run(self.engine, actor=actor, source=source)
        except OperationalError as exc:
            raise StoreBusyError("another load is writing to the database") from exc
        with self._writing() as conn:
            try:
                transaction = conn.begin()
            except OperationalError as exc:
                load_runs.drop_run(self.engine, run_id)
                raise StoreBusyError("another load is writing to the database") from exc
            if not self.is_sqlite and not postgres.begin_load(conn):
                transaction.rollback()
                load_runs.drop_run(self.engine, run_id)
                raise StoreBusyError("another load is running")
            load_runs.mark_interrupted(conn, run_id)
            tx = LoadTransaction(conn, run_id)
            try:
                yield tx
                tx.flush()
                if not self.is_sqlite:
                    tally = tx.tally
                    postgres.finish_load(conn, tally.added + tally.updated + tally.removed)
                conn.execute(
                    update(MetaRow)
                    .where(MetaRow.key == "data_version")
                    .values(value=str(tx.data_version_after()))
                )
                tx.finish_run()
                transaction.commit()
            except BaseException as exc:
                transaction.rollback()
                load_runs.fail_run(self.engine, run_id, exc)
                raise

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        """A connection whose transaction, on SQLite, takes the write lock at ``BEGIN``."""
        with self.engine.connect() as conn:
            yield conn.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else conn

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
        """Every company with its aliases, by name, for the in-memory company index."""
        with self.engine.connect() as conn:
            return companies.company_rows(conn)

    def release_titles(self) -> list[tuple[int, str, str, str | None]]:
        """(id, title, company, date) for every release, newest first: the autocomplete index."""
        with self.engine.connect() as conn:
            return releases.release_titles(conn)

    def release(self, release_id: int) -> StoredRelease | None:
        found = self.releases([release_id])
        return found[0] if found else None

    def releases(self, ids: Sequence[int]) -> list[StoredRelease]:
        """Whole releases by id, in the order given."""
        with self.engine.connect() as conn:
            return releases.stored_releases(conn, ids)

    def company_stats(self, company_id: int) -> CompanyStats:
        with self.engine.connect() as conn:
            return companies.company_stats(conn, company_id)

    def latest_releases(self, company_id: int, limit: int) -> list[ReleaseLine]:
        """A company's newest releases, as list lines.

        Only what a summary line shows: loading whole releases with their quotes,
        figures and sources made ``/company`` several times slower.
        """
        with self.engine.connect() as conn:
            return releases.newest_lines(conn, [Release.company_id == company_id], limit=limit)

    def release_counts(self) -> dict[int, int]:
        """Releases per company id, for the company list."""
        with self.engine.connect() as conn:
            return companies.release_counts(conn)

    def search(
        self, query: SearchQuery, *, limit: int, offset: int = 0
    ) -> tuple[list[SearchHit], int]:
        """Matching releases and the total count.

        Text queries rank the newest ``SEARCH_CANDIDATES`` matches by relevance (title
        weighted most) and count only up to one more: a total above ``SEARCH_CANDIDATES``
        means "more than that". Date-only queries list newest first with an exact count.
        """
        filters = _release_filters(query)
        with self.engine.connect() as conn:
            ranked = self._full_text.hits(conn, query, filters, limit=limit, offset=offset)
            if ranked is not None:
                return ranked
            exclusion = self._full_text.exclusion(query)
            if exclusion is not None:
                filters.append(exclusion)
            total = conn.execute(select(func.count(Release.id)).where(*filters)).scalar_one()
            lines = releases.newest_lines(conn, filters, limit=limit, offset=offset)
            return [SearchHit(line, None, None) for line in lines], total

    def quotes(
        self,
        *,
        company_ids: Sequence[int] = (),
        speakers: Sequence[str] = (),
        keyword: SearchQuery | None = None,
        limit: int,
        offset: int = 0,
    ) -> tuple[list[QuoteHit], int]:
        """Quotes filtered by company, exact speaker names, and the words of the quote itself
        (with the date range the words give, if any)."""
        words: list[Any] = []
        if keyword is not None:
            words += _release_filters(keyword)
            matching = self._full_text.quote_filter(keyword)
            if matching is not None:
                words.append(matching)
        with self.engine.connect() as conn:
            return quotes.find_quotes(
                conn,
                company_ids=company_ids,
                speakers=speakers,
                words=words,
                limit=limit,
                offset=offset,
            )

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
            return quotes.speakers(conn)

    def stats(self) -> DataStats:
        with self.engine.connect() as conn:
            releases_count, first, last = conn.execute(
                select(
                    func.count(Release.id), func.min(Release.date_start), func.max(Release.date_end)
                )
            ).one()
            companies_count = conn.execute(
                select(func.count(func.distinct(Release.company_id)))
            ).scalar_one()
            quotes_count = conn.execute(select(func.count(QuoteRow.id))).scalar_one()
            last_load = history.load_history(conn, 1, finished_only=True)
        return DataStats(
            releases=releases_count,
            companies=companies_count,
            quotes=quotes_count,
            first_date=as_date(first),
            last_date=as_date(last),
            data_version=self.data_version(),
            database_bytes=self._database_bytes(),
            last_load=last_load[0] if last_load else None,
        )

    def load_history(self, limit: int = 10) -> list[LoadRecord]:
        with self.engine.connect() as conn:
            return history.load_history(conn, limit)

    def _database_bytes(self) -> int | None:
        if not self.is_sqlite:
            with self.engine.connect() as conn:
                return postgres.database_bytes(conn)
        path = self.engine.url.database
        if not path or path == ":memory:":
            return None
        files = [Path(path), Path(path + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists())


def _release_filters(query: SearchQuery) -> list[Any]:
    filters: list[Any] = []
    if query.company_ids:
        filters.append(Release.company_id.in_(query.company_ids))
    if query.since is not None:
        filters.append(Release.date_start >= query.since)
    if query.until is not None:
        # The start bound is implied (no release ends before it starts), but it closes the
        # date index's range: without it a search walks every later release too.
        filters += [Release.date_start <= query.until, Release.date_end <= query.until]
    return filters
