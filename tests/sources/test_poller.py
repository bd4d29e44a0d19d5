"""The poller against a local site: new items loaded once, 304s, errors per feed, merging."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sources.poller import Poller, PollReport
from bot.store import FeedState, FeedStore, Store
from bot.store.models import utc_now
from tests.conftest import load
from tests.ingest.conftest import FIXTURES
from tests.sources.site import LocalSite, Page, status

NEWSROOM = (FIXTURES / "html" / "newsroom.html").read_bytes()
WIRE = (FIXTURES / "html" / "wire.html").read_bytes()
LISTED_RELEASE = b"""<html><head><title>Akeso Starts Phase 3 Trial of Cadonilimab</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Akeso Starts Phase 3 Trial of Cadonilimab</h1>
<p>ZHONGSHAN, China, June 2, 2024 -- Akeso, Inc. today dosed the first patient in a Phase 3
trial of cadonilimab in first-line gastric cancer, enrolling 600 patients at 80 sites.</p>
<p>Results from the interim analysis are expected in 2026, the company said in a statement.</p>
</article></body></html>"""
POLLING = "[polling]\nminutes = 0\nhost_interval = 0\ntimeout = 1\nmax_redirects = 3\n"


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>Item</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'.encode()


def write_feeds(settings: Settings, *feeds: tuple[str, str | None]) -> None:
    entries = "".join(
        f'\n[[feed]]\nurl = "{url}"\n' + (f'company = "{company}"\n' if company else "")
        for url, company in feeds
    )
    (settings.data_dir / "feeds.toml").write_text(POLLING + entries, encoding="utf-8")


def poll(store: Store, settings: Settings) -> PollReport:
    async def run() -> PollReport:
        async with Poller(store, settings) as poller:
            return await poller.poll_once()

    return asyncio.run(asyncio.wait_for(run(), timeout=10))


def states(store: Store) -> dict[str, FeedState]:
    return {feed.url: feed for feed in FeedStore(store).feeds()}


def test_new_items_load_once_and_an_unchanged_feed_costs_one_304(
    site: LocalSite, loaded_store: Store, settings: Settings
) -> None:
    site.pages["/plant"] = Page(NEWSROOM)
    site.pages["/trial"] = Page(WIRE, charset="windows-1252")
    site.pages["/rss"] = Page(rss("/plant", "/trial"), "application/rss+xml", etag='"1"')
    write_feeds(settings, (site.url("/rss"), None))

    first = poll(loaded_store, settings)
    assert first.load is not None and first.load.tally.added == 2
    second = poll(loaded_store, settings)
    assert (second.unchanged, second.pages, second.load) == (1, 0, None)
    assert site.paths().count("/plant") == site.paths().count("/trial") == 1
    assert site.requests_to("/rss")[1]["If-None-Match"] == '"1"'

    site.pages["/next"] = Page(LISTED_RELEASE)
    site.pages["/rss"] = Page(rss("/next", "/plant", "/trial"), "application/rss+xml", etag='"2"')
    third = poll(loaded_store, settings)
    assert third.load is not None and third.load.tally.added == 1
    assert site.paths().count("/plant") == 1
    feed = states(loaded_store)[site.url("/rss")]
    assert (feed.items, feed.etag, feed.last_error) == (3, '"2"', None)


def test_errors_are_kept_per_feed_and_the_good_feed_still_loads(
    site: LocalSite, loaded_store: Store, settings: Settings
) -> None:
    site.pages["/plant"] = Page(NEWSROOM)
    site.pages["/good"] = Page(rss("/plant", "/gone", "/flaky"), "application/rss+xml", etag='"g"')
    site.handlers["/flaky"] = status(500)
    site.pages["/broken"] = Page(b"<rss><channel><item><link>", "application/rss+xml")
    site.handlers["/busy"] = status(429, **{"Retry-After": "7200"})
    site.handlers["/down"] = status(500)
    write_feeds(
        settings,
        (site.url("/good"), None),
        (site.url("/broken"), None),
        (site.url("/down"), None),
    )
    # A second site, so the 429 blocks only its own host.
    busy = site.url("/busy").replace("127.0.0.1", "localhost")
    FeedStore(loaded_store).add(busy, None, user_id=1)

    report = poll(loaded_store, settings)
    assert report.load is not None and report.load.tally.added == 1
    feeds = states(loaded_store)
    assert feeds[site.url("/good")].last_error is None
    assert feeds[site.url("/good")].items == 2  # loaded, and gone (never asked again)
    assert feeds[site.url("/good")].etag is None  # /flaky is retried: the feed is read again
    assert "malformed feed" in (feeds[site.url("/broken")].last_error or "")
    assert feeds[site.url("/down")].last_error == "HTTP 500"
    assert feeds[busy].last_error == "HTTP 429"
    assert feeds[busy].next_poll_at > utc_now() + timedelta(seconds=7000)

    poll(loaded_store, settings)
    assert site.paths().count("/gone") == 1
    assert site.paths().count("/flaky") == 2
    assert site.paths().count("/busy") == 1
    assert states(loaded_store)[site.url("/down")].failures == 2


def test_the_same_release_by_two_feeds_and_a_file_is_one_record(
    site: LocalSite, loaded_store: Store, settings: Settings
) -> None:
    site.pages["/newsroom/plant"] = Page(NEWSROOM)
    site.pages["/wire/plant"] = Page(NEWSROOM.replace(b"Akeso Newsroom", b"Wire"))
    site.pages["/a"] = Page(rss("/newsroom/plant"), "application/rss+xml")
    site.pages["/b"] = Page(rss("/wire/plant", "/newsroom/plant"), "application/rss+xml")
    write_feeds(settings, (site.url("/a"), "Akeso"), (site.url("/b"), None))
    saved = settings.data_dir / "releases" / "plant.html"
    saved.write_bytes(NEWSROOM)

    report = poll(loaded_store, settings)
    assert report.load is not None
    assert (report.load.tally.added, report.load.tally.merged) == (1, 1)
    assert load(loaded_store, settings).tally.merged == 1


def test_a_listing_page_is_read_for_headline_links(
    site: LocalSite, loaded_store: Store, settings: Settings
) -> None:
    listing = b"""<html><body><nav><a href="/about">About our company and its history</a></nav>
    <main><h1>Newsroom</h1><ul>
    <li><a href="/news/plant">Akeso Opens Guangzhou Antibody Plant</a></li>
    <li><a href="https://elsewhere.test/x">Another site entirely with a long headline</a></li>
    <li><a href="/news?page=2">Next</a></li></ul></main></body></html>"""
    site.pages["/news"] = Page(listing)
    site.pages["/news/plant"] = Page(NEWSROOM)
    write_feeds(settings, (site.url("/news"), None))
    report = poll(loaded_store, settings)
    assert report.load is not None and report.load.tally.added == 1
    assert "/about" not in site.paths()


def test_feeds_toml_is_the_list_of_file_feeds(loaded_store: Store, settings: Settings) -> None:
    write_feeds(settings, ("http://127.0.0.1:9/a", "Akeso"))
    feeds = FeedStore(loaded_store)
    feeds.add("http://127.0.0.1:9/by-command", None, user_id=5)
    feeds.sync_file_feeds({"http://127.0.0.1:9/a": "Akeso"})
    feeds.sync_file_feeds({"http://127.0.0.1:9/b": None})
    assert {(f.url, f.origin) for f in feeds.feeds()} == {
        ("http://127.0.0.1:9/b", "file"),
        ("http://127.0.0.1:9/by-command", "command"),
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [("[[feed]]\nurl = 'ftp://x'\n", "must be an http"), ("[polling]\nspeed = 1\n", "takes only")],
)
def test_a_malformed_feeds_file_names_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    from bot.sources.config import FeedsFileError, load_feeds_file

    (tmp_path / "feeds.toml").write_text(text)
    with pytest.raises(FeedsFileError, match=problem):
        load_feeds_file(tmp_path / "feeds.toml")
