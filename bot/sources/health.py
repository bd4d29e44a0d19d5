"""How each feed is doing, in words: the lines ``/feed list`` and ``/status`` show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.store import FeedState

FAILING_SHOWN = 3  # failing feeds named in /status; /feed list has them all


@dataclass(frozen=True, slots=True)
class FeedLine:
    name: str  # the address, and the company it is for
    health: str  # last success, last error, items, next poll


def is_failing(feed: FeedState) -> bool:
    """Its last poll failed: an error newer than the last success."""
    if feed.last_error is None or feed.last_error_at is None:
        return False
    return feed.last_success_at is None or feed.last_error_at >= feed.last_success_at


def feed_line(feed: FeedState, now: datetime) -> FeedLine:
    parts = []
    if is_failing(feed):
        parts.append(f"✗ {feed.last_error} ({_ago(feed.last_error_at, now)})")
        if feed.last_success_at is not None:
            parts.append(f"last success {_ago(feed.last_success_at, now)}")
    elif feed.last_success_at is not None:
        parts.append(f"✓ {_ago(feed.last_success_at, now)}")
    else:
        parts.append("not polled yet")
    parts.append(f"{feed.items} items")
    parts.append(f"next poll {_until(feed.next_poll_at, now)}")
    origin = "feeds.toml" if feed.from_file else "added by command"
    company = f" — {feed.company}" if feed.company else ""
    return FeedLine(f"{feed.url}{company}", f"{' · '.join(parts)} · {origin}")


def feeds_summary(feeds: Sequence[FeedState], now: datetime) -> str | None:
    """One short paragraph for ``/status``; None when no feed is polled."""
    if not feeds:
        return None
    failing = [feed for feed in feeds if is_failing(feed)]
    soonest = min(feed.next_poll_at for feed in feeds)
    lines = [f"{len(feeds)} polled, {len(failing)} failing · next poll {_until(soonest, now)}"]
    lines += [f"✗ {feed.url}: {feed.last_error}" for feed in failing[:FAILING_SHOWN]]
    if len(failing) > FAILING_SHOWN:
        lines.append(f"…and {len(failing) - FAILING_SHOWN} more: see /feed list")
    return "\n".join(lines)


def _ago(when: datetime | None, now: datetime) -> str:
    return f"{_span((now - when).total_seconds())} ago" if when else "never"


def _until(when: datetime, now: datetime) -> str:
    seconds = (when - now).total_seconds()
    return "now" if seconds <= 0 else f"in {_span(seconds)}"


def _span(seconds: float) -> str:
    seconds = max(seconds, 0)
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 36 * 3600:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} days"
