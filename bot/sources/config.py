"""``feeds.toml``: the feeds and newsroom listing pages to poll, and how politely.

A missing file means no feeds (``/feed add`` still works); a malformed one is an error
that names the entry, like ``companies.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

from bot.sources.http import FetchLimits

_POLLING_KEYS = {"minutes", "host_interval", "timeout", "max_redirects"}


class FeedsFileError(ValueError):
    """``feeds.toml`` is unreadable or an entry is malformed; the message says which."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    company: str | None = None


@dataclass(frozen=True, slots=True)
class FeedsFile:
    feeds: tuple[FeedEntry, ...] = ()
    minutes: float = 15.0  # how often each feed is asked
    host_interval: float = 1.0
    timeout: float = 20.0
    max_redirects: int = 5

    def limits(self, max_bytes: int) -> FetchLimits:
        return FetchLimits(
            max_bytes=max_bytes,
            timeout=self.timeout,
            max_redirects=self.max_redirects,
            host_interval=self.host_interval,
        )


def feeds_file_path(data_dir: Path) -> Path:
    return data_dir / "feeds.toml"


def load_feeds_file(path: Path) -> FeedsFile:
    if not path.exists():
        return FeedsFile()
    try:
        document = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise FeedsFileError(f"{path.name}: {exc}") from None
    polling = document.get("polling", {})
    if not isinstance(polling, dict) or set(polling) - _POLLING_KEYS:
        raise FeedsFileError(f"[polling] takes only {', '.join(sorted(_POLLING_KEYS))}")
    for key, value in polling.items():
        if not isinstance(value, int | float) or value < 0:
            raise FeedsFileError(f"[polling] {key} must be a number ≥ 0")
    raw_feeds = document.get("feed", [])
    if not isinstance(raw_feeds, list):
        raise FeedsFileError("feeds are listed as [[feed]] tables")
    feeds = tuple(_entry(raw, number) for number, raw in enumerate(raw_feeds, start=1))
    return FeedsFile(feeds=feeds, **{key: polling[key] for key in polling})


def _entry(raw: Any, number: int) -> FeedEntry:
    if not isinstance(raw, dict) or not is_feed_url(raw.get("url")):
        raise FeedsFileError(f"feed #{number}: 'url' must be an http(s) address")
    company = raw.get("company")
    if company is not None and (not isinstance(company, str) or not company.strip()):
        raise FeedsFileError(f"feed #{number}: 'company' must be text")
    return FeedEntry(raw["url"].strip(), company.strip() if company else None)


def is_feed_url(value: object) -> bool:
    return isinstance(value, str) and value.strip().startswith(("http://", "https://"))
