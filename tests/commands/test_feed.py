"""/feed add|remove|list and the feed lines of /status, offline."""

from __future__ import annotations

from datetime import timedelta

from bot.offline import autocomplete_payload
from bot.store import FeedStore, PollResult, Store
from bot.store.models import utc_now
from tests.commands.conftest import Ask
from tests.limits import assert_sane

FEED = "https://www.akesobio.com/en/media/rss.xml"


def feed(ask: Ask, sub: str, options: dict[str, str] | None = None, *, admin: bool = True):
    result = ask("feed", options or {}, subcommand=sub, administrator=admin)
    assert_sane(result)
    assert result.ephemeral and result.embed is not None
    return result.embed


def test_only_admins_manage_feeds(ask: Ask) -> None:
    embed = feed(ask, "add", {"url": FEED}, admin=False)
    assert embed["title"] == "Not allowed"
    assert feed(ask, "list")["description"].startswith("No feeds yet")


def test_add_list_and_remove(ask: Ask, loaded_store: Store) -> None:
    added = feed(ask, "add", {"url": FEED, "company": "akeso"})
    assert added["title"] == "Feed added"
    assert added["fields"][0]["name"] == f"{FEED} — Akeso"  # the company's stored name
    assert "not polled yet" in added["fields"][0]["value"]
    assert "polled already" in feed(ask, "add", {"url": FEED})["description"]
    assert "http:// or https://" in feed(ask, "add", {"url": "ftp://x"})["description"]

    choices = ask.payload(
        autocomplete_payload("feed", "url", "akeso", subcommand="remove", administrator=True)
    ).choices
    assert [choice["value"] for choice in choices] == [FEED]

    assert feed(ask, "remove", {"url": FEED})["title"] == "Feed removed"
    assert feed(ask, "remove", {"url": FEED})["title"] == "Nothing found"
    assert FeedStore(loaded_store).feeds() == []


def test_feeds_toml_feeds_are_removed_in_the_file(ask: Ask, loaded_store: Store) -> None:
    FeedStore(loaded_store).sync_file_feeds({FEED: None})
    assert "feeds.toml" in feed(ask, "remove", {"url": FEED})["description"]


def test_list_and_status_show_each_feeds_health(ask: Ask, loaded_store: Store) -> None:
    feeds = FeedStore(loaded_store)
    good = feeds.add("https://good.test/rss", None, user_id=1)
    bad = feeds.add("https://bad.test/rss", None, user_id=1)
    later = utc_now() + timedelta(minutes=15)
    feeds.record_poll(good.id, PollResult(next_poll_at=later), [("https://good.test/1", "loaded")])
    feeds.record_poll(bad.id, PollResult(next_poll_at=later, error="HTTP 500"))

    listed = {f["name"]: f["value"] for f in feed(ask, "list")["fields"]}
    assert listed["https://good.test/rss"].startswith("✓ 0 s ago · 1 items · next poll in 15 min")
    assert listed["https://bad.test/rss"].startswith("✗ HTTP 500 (0 s ago)")

    status = ask("status")
    assert_sane(status)
    fields = {f["name"]: f["value"] for f in status.embed["fields"]}
    assert fields["Feeds"].startswith("2 polled, 1 failing")
    assert "✗ https://bad.test/rss: HTTP 500" in fields["Feeds"]
