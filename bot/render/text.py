"""Scraped text made fit to show: escaped, cut, and dates, counts and sizes in words.

Everything shown comes from scraped web pages, so every string is escaped (markdown,
mentions) before it is cut; ``NO_MENTIONS`` is the bot-wide default for the same reason.
"""

from __future__ import annotations

from datetime import date

import discord

from bot.render.limits import ELLIPSIS, URL_LIMIT, truncate
from bot.store import SNIPPET_CLOSE, SNIPPET_OPEN

NO_MENTIONS = discord.AllowedMentions.none()


def clean(text: str) -> str:
    """Scraped text made inert: no markdown, no mentions, no control characters."""
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    text = discord.utils.escape_markdown(text, as_needed=False)
    return discord.utils.escape_mentions(text)


def safe(text: str, limit: int) -> str:
    """Escape, then cut. Cutting after escaping keeps the limit a real limit; an escape
    sequence split by the cut is dropped rather than left dangling."""
    escaped = clean(text)
    if len(escaped) <= limit:
        return escaped
    cut = truncate(escaped, limit)
    return cut[:-2] + ELLIPSIS if cut.endswith("\\" + ELLIPSIS) else cut


def snippet_markdown(snippet: str, limit: int) -> str:
    """An FTS snippet with its match markers turned into bold, everything else escaped."""
    pieces = []
    for i, part in enumerate(snippet.replace(SNIPPET_CLOSE, SNIPPET_OPEN).split(SNIPPET_OPEN)):
        escaped = clean(" ".join(part.split(" ")).replace("\n", " "))
        pieces.append(f"**{escaped}**" if i % 2 and escaped.strip() else escaped)
    text = "".join(pieces)
    if len(text) <= limit:
        return text
    # Bold markers must stay balanced after a cut: fall back to plain escaped text.
    plain = snippet.replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "").replace("\n", " ")
    return safe(plain, limit)


def display_date(iso: str | None) -> str:
    """A stored date at its own precision (day, month or year) in words."""
    if not iso:
        return "date unknown"
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(iso).strftime("%-d %b %Y")
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1).strftime("%b %Y")
    except ValueError:
        return iso
    return iso


def plural(count: int, noun: str) -> str:
    """``1 release``, ``2 releases``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def byte_size(size: int | None) -> str:
    """A byte count in the largest unit that keeps it readable."""
    if size is None:
        return "n/a"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def duration(seconds: float) -> str:
    """An uptime in its two largest units: ``3d 4h``, ``5m 2s``."""
    seconds = int(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"


def web_link(url: str | None) -> str | None:
    """A scraped address fit to be an embed's link, or None (Discord rejects the rest)."""
    if url and url.startswith(("http://", "https://")) and len(url) <= URL_LIMIT:
        return url
    return None
