"""The poller: due feeds → their new item links → those pages → one load → follow delivery.

Each cycle asks only the feeds whose time has come, with the validators of their last
answer, so an unchanged feed costs one 304. Links already settled are never fetched
again. Every page that arrived in a cycle is loaded in one load transaction, the same
one files go through, so the same release from a feed, a wire and a saved file merges
into one record, and ``/follow`` delivers it once. Parsing, loading and the store run
in worker threads: the bot keeps answering while a cycle runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from bot import ingest
from bot.config import Settings
from bot.loader import LoadReport, ParsedSource, load_sources
from bot.registry import Registry, load_registry
from bot.sources.config import FeedsFile, feeds_file_path, load_feeds_file
from bot.sources.feeds import FeedError, item_links
from bot.sources.http import Fetcher, FetchError, Response, Validators
from bot.sources.pages import parse_response
from bot.store import FeedState, FeedStore, PollResult, Store, StoreBusyError, utc_now

if TYPE_CHECKING:
    from bot.client import NewsBot

log = logging.getLogger(__name__)

TICK_SECONDS = 30.0  # how often the poller looks for due feeds
MAX_BACKOFF = timedelta(hours=6)
LOADED = "loaded"


@dataclass(frozen=True, slots=True)
class PollReport:
    """One cycle, for logs, ``newsbot watch`` and the benchmark."""

    feeds: int
    unchanged: int
    failed: int
    pages: int
    load: LoadReport | None
    requests: int
    bytes_received: int
    seconds: float

    def describe(self) -> str:
        tally = self.load.tally if self.load else None
        loaded = (
            f"{tally.added} added, {tally.merged} merged, {tally.unchanged} unchanged, "
            f"{tally.failed} failed"
            if tally
            else "nothing to load"
        )
        return (
            f"{self.feeds} feeds polled ({self.unchanged} unchanged, {self.failed} failed), "
            f"{self.pages} new pages: {loaded} — {self.requests} requests, "
            f"{self.bytes_received / 1024:.0f} KB, {self.seconds:.2f} s"
        )


@dataclass(slots=True)
class _FeedPoll:
    """One feed's part of a cycle."""

    feed: FeedState
    response: Response | None = None
    error: str | None = None
    retry_after: float | None = None
    sources: list[ParsedSource] = field(default_factory=list)
    settled: list[tuple[str, str]] = field(default_factory=list)
    items_left: bool = False  # an item failed for a passing reason: read the feed again


class Poller:
    """Polls feeds with one ``Fetcher`` for its lifetime (robots.txt and back-off persist)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        on_loaded: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.feeds = FeedStore(store)
        self.on_loaded = on_loaded
        self.feeds_file = load_feeds_file(feeds_file_path(settings.data_dir))
        self.fetcher = Fetcher(self.feeds_file.limits(settings.max_file_bytes))

    async def __aenter__(self) -> Poller:
        await self.fetcher.__aenter__()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.fetcher.__aexit__(*exc_info)

    async def run(self, report: Callable[[PollReport], None] | None = None) -> None:
        """Poll every ``TICK_SECONDS`` until cancelled; a failing cycle is logged, not fatal."""
        while True:
            try:
                outcome = await self.poll_once()
                if report is not None:
                    report(outcome)
                elif outcome.feeds:
                    log.info("feeds: %s", outcome.describe())
            except Exception:
                log.exception("feed poll failed")
            await asyncio.sleep(TICK_SECONDS)

    async def poll_once(self) -> PollReport:
        started = time.perf_counter()
        requests, received = self.fetcher.requests, self.fetcher.bytes_received
        self.feeds_file = await asyncio.to_thread(
            load_feeds_file, feeds_file_path(self.settings.data_dir)
        )
        listed = {entry.url: entry.company for entry in self.feeds_file.feeds}
        await asyncio.to_thread(self.feeds.sync_file_feeds, listed)
        due = await asyncio.to_thread(self.feeds.due, utc_now())
        registry = await asyncio.to_thread(load_registry, self.settings.registry_path)
        polls = await asyncio.gather(*(self._poll(feed, registry) for feed in due))
        report = await self._load(polls, registry)
        for poll in polls:
            result = _poll_result(poll, self.feeds_file)
            await asyncio.to_thread(self.feeds.record_poll, poll.feed.id, result, poll.settled)
        if report is not None and report.tally.changed and self.on_loaded is not None:
            await self.on_loaded()
        return PollReport(
            feeds=len(polls),
            unchanged=sum(1 for p in polls if p.response is not None and p.response.not_modified),
            failed=sum(1 for p in polls if p.error),
            pages=sum(len(p.sources) for p in polls),
            load=report,
            requests=self.fetcher.requests - requests,
            bytes_received=self.fetcher.bytes_received - received,
            seconds=time.perf_counter() - started,
        )

    async def _poll(self, feed: FeedState, registry: Registry) -> _FeedPoll:
        poll = _FeedPoll(feed)
        try:
            poll.response = await self.fetcher.get(
                feed.url, Validators(feed.etag, feed.last_modified)
            )
            if poll.response.not_modified:
                return poll
            links = await asyncio.to_thread(item_links, poll.response)
        except (FetchError, FeedError) as exc:
            poll.error = str(exc)
            poll.retry_after = getattr(exc, "retry_after", None)
            return poll
        settled = await asyncio.to_thread(self.feeds.settled_links, feed.id, links)
        for link in (link for link in links if link not in settled):
            try:
                page = await self.fetcher.get(link)
            except FetchError as exc:
                if exc.permanent:
                    poll.settled.append((link, f"not fetched: {exc}"))
                else:
                    poll.items_left = True
                continue
            source = await asyncio.to_thread(parsed_source, link, page, registry, feed.company)
            poll.sources.append(source)
        return poll

    async def _load(self, polls: list[_FeedPoll], registry: Registry) -> LoadReport | None:
        """Load the cycle's pages at once, and settle each item by what became of it."""
        # Two feeds may list the same page: it is one source, loaded once.
        unique = {source.key: source for poll in polls for source in poll.sources}
        sources = list(unique.values())
        if not sources:
            return None
        try:
            report = await asyncio.to_thread(
                load_sources,
                self.store,
                sources,
                registry=registry,
                actor="feeds",
                label=f"feeds: {len(sources)} pages",
            )
        except StoreBusyError as exc:
            for poll in polls:
                if poll.sources:  # nothing settled: the next cycle reads the feed again
                    poll.error, poll.sources, poll.settled = f"load not run: {exc}", [], []
            return None
        failures = dict(report.tally.failures)
        for poll in polls:
            poll.settled += [(s.key, failures.get(s.key, LOADED)) for s in poll.sources]
        return report


def _poll_result(poll: _FeedPoll, feeds_file: FeedsFile) -> PollResult:
    now = utc_now()
    interval = timedelta(minutes=feeds_file.minutes)
    if poll.error is not None:
        backoff = min(interval * 2 ** (poll.feed.failures + 1), MAX_BACKOFF)
        asked = timedelta(seconds=poll.retry_after or 0)
        return PollResult(next_poll_at=now + max(backoff, asked), error=poll.error)
    assert poll.response is not None
    return PollResult(
        next_poll_at=now + interval,
        etag=poll.response.validators.etag,
        last_modified=poll.response.validators.last_modified,
        keep_validators=poll.response.not_modified or poll.items_left,
    )


def parsed_source(
    key: str, response: Response, registry: Registry, company: str | None = None
) -> ParsedSource:
    """A fetched page ready for the load transaction, keyed by its address so that fetching
    it again is recognised like a file reloaded; a page that does not parse is a failure
    with its reason, like a bad file."""
    digest = hashlib.sha256(response.data).hexdigest()
    try:
        records = parse_response(response, registry=registry, company=company)
    except ingest.IngestError as exc:
        return ParsedSource(key, digest, [], str(exc))
    return ParsedSource(key, digest, records)


_running: set[asyncio.Task[None]] = set()


def start_polling(bot: NewsBot) -> None:
    """Poll feeds inside the running bot; new releases go to ``after_load`` (``/follow``)."""

    async def poll_forever() -> None:
        await bot.wait_until_ready()
        async with Poller(bot.store, bot.settings, on_loaded=bot.after_load) as poller:
            await poller.run()

    task = asyncio.get_running_loop().create_task(poll_forever(), name="newsbot feeds")
    _running.add(task)
    task.add_done_callback(_running.discard)
