"""Feeds the poller reads, what became of each item, and when to ask again: tables and statements.

Feeds come from ``feeds.toml`` (origin ``file``, kept in step with the file) or from
``/feed add`` (origin ``command``). An item's link is remembered once its page was
loaded or turned out to be gone, so it is never fetched again; a page that failed for
a passing reason (a 500, a timeout) is not remembered, and is tried at the next poll.
Nothing above this module sees a row: it hands out frozen ``FeedState`` values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.store.models import Base, utc_now
from bot.store.service import Store

FILE_ORIGIN = "file"
COMMAND_ORIGIN = "command"
# The longest feed address (and item link) kept; ``/feed add`` refuses longer ones.
FEED_URL_LENGTH = 2000


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(FEED_URL_LENGTH), unique=True)
    company: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_poll_at: Mapped[datetime] = mapped_column(DateTime)


class FeedItemRow(Base):
    """A link a feed listed whose fate is settled: loaded (or refused as no release), or gone."""

    __tablename__ = "feed_items"

    feed_id: Mapped[int] = mapped_column(
        ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True
    )
    link: Mapped[str] = mapped_column(String(FEED_URL_LENGTH), primary_key=True)
    outcome: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime)


@dataclass(frozen=True, slots=True)
class FeedState:
    id: int
    url: str
    company: str | None
    origin: str
    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    next_poll_at: datetime
    items: int  # links whose pages were loaded or settled

    @property
    def from_file(self) -> bool:
        """Listed in ``feeds.toml``: changed there, not by ``/feed``."""
        return self.origin == FILE_ORIGIN


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of a feed changes in its state."""

    next_poll_at: datetime
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    keep_validators: bool = False  # a 304, or items left to retry: the old ones stay


class FeedExists(ValueError):
    """The feed is listed already."""


class FeedStore:
    """The reads and writes of the poller and ``/feed``; each method is one short transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def feeds(self) -> list[FeedState]:
        with self.store.session() as session:
            counts = dict(
                session.execute(
                    select(FeedItemRow.feed_id, func.count()).group_by(FeedItemRow.feed_id)
                ).all()
            )
            rows = session.scalars(select(FeedRow).order_by(FeedRow.company, FeedRow.url))
            return [_state(row, counts.get(row.id, 0)) for row in rows]

    def due(self, now: datetime) -> list[FeedState]:
        return [feed for feed in self.feeds() if feed.next_poll_at <= now]

    def add(self, url: str, company: str | None, *, user_id: int | None) -> FeedState:
        """A feed added by command, polled at once."""
        try:
            with self.store.session() as session, session.begin():
                row = _new_row(url, company, COMMAND_ORIGIN, user_id)
                session.add(row)
                session.flush()
                return _state(row, 0)
        except IntegrityError:
            raise FeedExists(url) from None

    def remove(self, url: str) -> FeedState | None:
        """Stop polling a feed; its items are forgotten with it."""
        with self.store.session() as session, session.begin():
            row = session.scalars(select(FeedRow).where(FeedRow.url == url)).one_or_none()
            if row is None:
                return None
            state = _state(row, 0)
            session.execute(delete(FeedItemRow).where(FeedItemRow.feed_id == row.id))
            session.delete(row)
            return state

    def sync_file_feeds(self, listed: Mapping[str, str | None]) -> None:
        """Make the ``file`` feeds those ``feeds.toml`` lists (url → company); a feed
        added by command that the file now lists too stays as it is."""
        with self.store.session() as session, session.begin():
            rows = {row.url: row for row in session.scalars(select(FeedRow))}
            for url, row in rows.items():
                if row.origin == FILE_ORIGIN and url not in listed:
                    session.execute(delete(FeedItemRow).where(FeedItemRow.feed_id == row.id))
                    session.delete(row)
                elif row.origin == FILE_ORIGIN:
                    row.company = listed[url]
            for url, company in listed.items():
                if url not in rows:
                    session.add(_new_row(url, company, FILE_ORIGIN, None))

    def settled_links(self, feed_id: int, links: Iterable[str]) -> set[str]:
        """The links among ``links`` whose pages need no fetching any more."""
        with self.store.session() as session:
            return _settled(session, feed_id, links)

    def record_poll(
        self, feed_id: int, result: PollResult, settled: Sequence[tuple[str, str]] = ()
    ) -> None:
        """A poll's outcome, and the items it settled as (link, outcome), together."""
        now = utc_now()
        with self.store.session() as session, session.begin():
            row = session.get(FeedRow, feed_id)
            if row is None:
                return  # removed while it was being polled
            row.next_poll_at = result.next_poll_at
            if result.error is not None:
                row.last_error, row.last_error_at = result.error, now
                row.failures += 1
            else:
                row.last_success_at, row.failures = now, 0
            if result.error is None and not result.keep_validators:
                row.etag, row.last_modified = result.etag, result.last_modified
            known = _settled(session, feed_id, [link for link, _ in settled])
            for link, outcome in dict(settled).items():
                if link not in known:
                    session.add(
                        FeedItemRow(feed_id=feed_id, link=link, outcome=outcome, seen_at=now)
                    )


def _settled(session: Session, feed_id: int, links: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(links))
    if not wanted:
        return set()
    query = select(FeedItemRow.link).where(
        FeedItemRow.feed_id == feed_id, FeedItemRow.link.in_(wanted)
    )
    return set(session.scalars(query))


def _new_row(url: str, company: str | None, origin: str, user_id: int | None) -> FeedRow:
    now = utc_now()
    return FeedRow(
        url=url,
        company=company,
        origin=origin,
        added_by=user_id,
        added_at=now,
        failures=0,
        next_poll_at=now,
    )


def _state(row: FeedRow, items: int) -> FeedState:
    return FeedState(
        id=row.id,
        url=row.url,
        company=row.company,
        origin=row.origin,
        etag=row.etag,
        last_modified=row.last_modified,
        last_success_at=row.last_success_at,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        failures=row.failures,
        next_poll_at=row.next_poll_at,
        items=items,
    )
