"""Turning lookup results into Discord embeds (and embeds into console text).

The only module that knows Discord's size limits. Everything shown comes from scraped
web pages, so every string is escaped (markdown, mentions) and cut on a word boundary
before it goes into an embed; ``fit`` is the final guard on an embed's total size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import discord
from discord import app_commands

from bot.delivery import FollowedRelease
from bot.lookup import (
    Choice,
    CompanyListing,
    CompanyProfile,
    NewsPage,
    QuotePage,
    QuoteView,
    ReleaseDetail,
    ReleaseSummary,
    StatusView,
    count_pages,
)
from bot.sources.health import FeedLine
from bot.store import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    LoadTally,
    Subscription,
    UndeliveredRelease,
)

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
CHOICE_COUNT_LIMIT = 25
CHOICE_LENGTH_LIMIT = 100
URL_LIMIT = 2048

# Our own budgets, well inside the limits, so embeds stay readable on a phone.
SUMMARY_LINE = 300
BODY_PAGE = 3500
QUOTE_LENGTH = 700
ELLIPSIS = "…"

COLOUR_COMPANY = discord.Colour.from_rgb(46, 134, 193)
COLOUR_NEWS = discord.Colour.from_rgb(39, 174, 96)
COLOUR_QUOTE = discord.Colour.from_rgb(142, 68, 173)
COLOUR_RELEASE = discord.Colour.from_rgb(52, 73, 94)
COLOUR_INFO = discord.Colour.from_rgb(127, 140, 141)
COLOUR_PROBLEM = discord.Colour.from_rgb(230, 126, 34)
COLOUR_ERROR = discord.Colour.from_rgb(192, 57, 43)

NO_MENTIONS = discord.AllowedMentions.none()


# --- Text ------------------------------------------------------------------------------


def truncate(text: str, limit: int) -> str:
    """Cut to ``limit`` characters on a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


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
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def byte_size(size: int | None) -> str:
    if size is None:
        return "n/a"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def duration(seconds: float) -> str:
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


# --- Embeds ----------------------------------------------------------------------------


def fit(embed: discord.Embed) -> discord.Embed:
    """The last guard: an embed over Discord's total is trimmed, fields first, never sent as is."""
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL_LIMIT and embed.description:
        excess = len(embed) - EMBED_TOTAL_LIMIT
        embed.description = truncate(embed.description, max(len(embed.description) - excess, 1))
    return embed


def _field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> None:
    if len(embed.fields) >= FIELD_COUNT_LIMIT:
        return
    embed.add_field(
        name=truncate(name, FIELD_NAME_LIMIT) or "\u200b",
        value=truncate(value, FIELD_VALUE_LIMIT) or "\u200b",
        inline=inline,
    )


def _release_line(item: ReleaseSummary, *, with_company: bool) -> tuple[str, str]:
    """A release as an embed field: dated title, then its summary (or the matching snippet)."""
    meta = display_date(item.date) + (f" · {item.company}" if with_company else "")
    name = f"#{item.id} · {meta} — {item.title}"
    text = (
        snippet_markdown(item.snippet, SUMMARY_LINE)
        if item.snippet
        else safe(item.summary, SUMMARY_LINE)
    )
    return truncate(" ".join(name.split()), FIELD_NAME_LIMIT), text or "(no summary)"


def quote_text(quote: QuoteView, limit: int = QUOTE_LENGTH) -> str:
    who = quote.speaker or "Unattributed"
    role = f", {quote.role}" if quote.role else ""
    body = safe(quote.text, limit)
    attribution = safe(f"— {who}{role}", 300)
    return f"“{body}”\n{attribution}"


def company_embed(profile: CompanyProfile) -> discord.Embed:
    ref = profile.company
    title = ref.name + (f" ({ref.ticker})" if ref.ticker else "")
    span = (
        f"{display_date(profile.first_date.isoformat())} – {display_date(profile.last_date.isoformat())}"
        if profile.first_date and profile.last_date
        else "no dated releases"
    )
    lines = [f"**{plural(profile.release_count, 'release')}** · {span}"]
    if profile.aliases:
        lines.append("Also known as: " + safe(", ".join(profile.aliases), 500))
    if ref.exchange:
        lines.append(f"Listed on {safe(ref.exchange, 40)}")
    if profile.inferred:
        lines.append("*Not in the company registry: name inferred from its releases.*")
    embed = discord.Embed(
        title=safe(title, TITLE_LIMIT),
        description="\n".join(lines),
        colour=COLOUR_COMPANY,
        url=profile.website if profile.website and len(profile.website) <= URL_LIMIT else None,
    )
    for item in profile.latest:
        name, value = _release_line(item, with_company=False)
        _field(embed, name, value)
    if profile.notable_quote:
        _field(embed, "Notable quote", quote_text(profile.notable_quote, 600))
    embed.set_footer(
        text="/news company:" + truncate(ref.name, 80) + " for more · /release for details"
    )
    return fit(embed)


def news_embed(page: NewsPage) -> discord.Embed:
    order = "best match first" if page.ranked else "newest first"
    embed = discord.Embed(
        title=truncate(f"News: {page.understood}", TITLE_LIMIT),
        description=f"{plural(page.total, 'release')} · {order}",
        colour=COLOUR_NEWS,
    )
    for item in page.results:
        name, value = _release_line(item, with_company=True)
        _field(embed, name, value)
    embed.set_footer(
        text=f"Page {page.page + 1}/{page.page_count} · /release #id for the full text"
    )
    return fit(embed)


def quotes_embed(page: QuotePage) -> discord.Embed:
    embed = discord.Embed(
        title=truncate(f"Quotes: {page.understood}", TITLE_LIMIT),
        description=plural(page.total, "quote"),
        colour=COLOUR_QUOTE,
    )
    for quote in page.results:
        name = f"#{quote.release_id} · {display_date(quote.release_date)} · {quote.company} — {quote.release_title}"
        _field(embed, " ".join(name.split()), quote_text(quote, 650))
    embed.set_footer(text=f"Page {page.page + 1}/{page.page_count}")
    return fit(embed)


def web_link(url: str | None) -> str | None:
    """A scraped address fit to be an embed's link, or None (Discord rejects the rest)."""
    if url and url.startswith(("http://", "https://")) and len(url) <= URL_LIMIT:
        return url
    return None


def body_pages(detail: ReleaseDetail, page_length: int = BODY_PAGE) -> list[str]:
    """The release body split into pages on paragraph boundaries (long paragraphs are cut)."""
    pages: list[str] = []
    current = ""
    for paragraph in detail.paragraphs:
        piece = safe(paragraph, page_length)
        if current and len(current) + 2 + len(piece) > page_length:
            pages.append(current)
            current = piece
        else:
            current = f"{current}\n\n{piece}" if current else piece
    if current:
        pages.append(current)
    return pages or ["(no body text)"]


def release_embed(detail: ReleaseDetail, page: int = 0) -> discord.Embed:
    """Page 0 carries the record (summary, figures, quotes); later pages the rest of the body."""
    pages = body_pages(detail)
    page = min(max(page, 0), len(pages) - 1)
    title = detail.title + (" (title derived)" if detail.title_derived else "")
    embed = discord.Embed(
        title=safe(title, TITLE_LIMIT),
        colour=COLOUR_RELEASE,
        url=web_link(detail.url),
    )
    company = detail.company + (" (inferred)" if detail.company_inferred else "")
    embed.set_author(name=truncate(f"{company} · {display_date(detail.date)}", AUTHOR_LIMIT))
    if page == 0:
        embed.description = f"**Summary** {safe(detail.summary, 1000)}\n\n{pages[0]}"
        embed.description = truncate(embed.description, 2500)
        if detail.figures:
            _field(embed, "Key figures", safe(" · ".join(detail.figures), FIELD_VALUE_LIMIT))
        for quote in detail.quotes[:4]:
            _field(embed, "Quote", quote_text(quote, 600))
        sources = detail.url or ", ".join(detail.sources)
        if sources:
            _field(embed, "Source", safe(sources, 500))
    else:
        embed.description = truncate(pages[page], DESCRIPTION_LIMIT)
    embed.set_footer(text=f"Release #{detail.id} · page {page + 1}/{len(pages)}")
    return fit(embed)


def companies_embeds(listings: Sequence[CompanyListing], per_page: int = 20) -> list[discord.Embed]:
    pages = []
    total = len(listings)
    for start in range(0, max(total, 1), per_page):
        chunk = listings[start : start + per_page]
        lines = [
            f"**{safe(item.company.name, 100)}**"
            + (f" ({safe(item.company.ticker, 30)})" if item.company.ticker else "")
            + f" — {plural(item.release_count, 'release')}"
            for item in chunk
        ]
        embed = discord.Embed(
            title=f"Companies ({total:,})",
            description="\n".join(lines) or "No companies loaded yet. An admin can run /reload.",
            colour=COLOUR_COMPANY,
        )
        embed.set_footer(
            text=f"Page {start // per_page + 1}/{count_pages(total, per_page)} · /company name for a profile"
        )
        pages.append(fit(embed))
    return pages


HELP_TEXT: tuple[tuple[str, str], ...] = (
    (
        "/company name",
        "A company's profile: releases, date range, latest news, a notable quote. Typos are fine.",
    ),
    (
        "/news query [company] [since] [until]",
        "Search releases. `2021` or `2021-10` lists a period, newest first; words rank by relevance.",
    ),
    (
        "/quote [company] [speaker] [keyword]",
        "Find what people said, by company, speaker or words.",
    ),
    (
        "/release title_or_id",
        "The full release: summary, key figures, quotes, source, and the body in pages.",
    ),
    ("/companies", "Every company with its number of releases."),
    ("/status", "How much data is loaded, when it was last loaded, and how the bot is doing."),
    ("/reload [path]", "Admins: load new or changed files from the data folder without a restart."),
    (
        "/follow company [channel] [keywords] [backfill]",
        "Post a company's new releases in a channel after each load; /unfollow, /following.",
    ),
)

SEARCH_SYNTAX = (
    '`"exact phrase"` · `-exclude` · `title:word` (titles only) · `company:Akeso`\n'
    "`2021` · `2021-10` · `2021-10-11` · `2021-03..2021-06` (a range; either end may be left open)"
)

EXAMPLES = (
    "`/company akeso` · `/news 2021` · `/news R&D center` · "
    '`/news "phase III" -trial company:Akeso` · `/quote speaker:Li Jia`'
)


def help_embed() -> discord.Embed:
    embed = discord.Embed(
        title="newsbot — company news, answered",
        description="Press releases from company websites, cleaned and searchable.",
        colour=COLOUR_INFO,
    )
    for command, what in HELP_TEXT:
        _field(embed, command, what)
    _field(embed, "Search syntax", SEARCH_SYNTAX)
    _field(embed, "Examples", EXAMPLES)
    return fit(embed)


def status_embed(status: StatusView, feeds: str | None = None) -> discord.Embed:
    span = (
        f"{status.first_date.isoformat()} – {status.last_date.isoformat()}"
        if status.first_date and status.last_date
        else "no dated releases"
    )
    embed = discord.Embed(title="newsbot status", colour=COLOUR_INFO)
    _field(embed, "Releases", f"{status.releases:,}", inline=True)
    _field(embed, "Companies", f"{status.companies:,}", inline=True)
    _field(embed, "Quotes", f"{status.quotes:,}", inline=True)
    _field(embed, "Date span", span, inline=True)
    _field(embed, "Database", byte_size(status.database_bytes), inline=True)
    _field(embed, "Uptime", duration(status.uptime_s), inline=True)
    if status.last_load:
        load = status.last_load
        took = f" in {load.seconds:.1f} s" if load.seconds is not None else ""
        _field(
            embed,
            "Last load",
            f"{load.when} by {safe(load.actor, 100)}: **{load.outcome}**{took}\n"
            f"{load.added} added · {load.updated} updated · {load.unchanged} unchanged · "
            f"{load.merged} merged · {load.removed} removed · {load.failed} failed",
        )
    else:
        _field(embed, "Last load", "never — run `newsbot load` or /reload")
    if feeds:
        _field(embed, "Feeds", safe(feeds, FIELD_VALUE_LIMIT))
    embed.set_footer(text=f"Data version {status.data_version}")
    return fit(embed)


def load_embed(
    tally: LoadTally, *, seconds: float, title: str = "Reload finished"
) -> discord.Embed:
    """A load's outcome; long failure lists are cut with a count so the embed stays within limits."""
    counts = (
        f"**{tally.added}** added · **{tally.updated}** updated · **{tally.unchanged}** unchanged · "
        f"**{tally.merged}** merged · **{tally.removed}** removed · **{tally.failed}** failed"
    )
    if not tally.changed and not tally.failures:
        counts = "No changes. " + counts
    embed = discord.Embed(
        title=title,
        description=f"{counts}\nTook {seconds:.1f} s.",
        colour=COLOUR_PROBLEM if tally.failures else COLOUR_NEWS,
    )
    if tally.failures:
        lines: list[str] = []
        used = 0
        for shown, (path, reason) in enumerate(tally.failures):
            line = f"`{safe(path, 120)}` — {safe(reason, 200)}"
            remaining = len(tally.failures) - shown
            if used + len(line) + 40 > FIELD_VALUE_LIMIT:
                lines.append(f"… and {remaining} more")
                break
            lines.append(line)
            used += len(line) + 1
        _field(embed, f"Failed files ({len(tally.failures)})", "\n".join(lines))
    return fit(embed)


def feeds_embed(lines: Sequence[FeedLine]) -> discord.Embed:
    """``/feed list``: each feed and how it is doing; those beyond the field limit are counted."""
    embed = discord.Embed(title="Feeds", colour=COLOUR_INFO)
    if not lines:
        embed.description = "No feeds yet: add one with /feed add, or list them in feeds.toml."
    for line in lines[:FIELD_COUNT_LIMIT]:
        _field(embed, safe(line.name, FIELD_NAME_LIMIT), safe(line.health, FIELD_VALUE_LIMIT))
    if len(lines) > FIELD_COUNT_LIMIT:
        embed.set_footer(text=f"…and {len(lines) - FIELD_COUNT_LIMIT} more")
    return fit(embed)


def feed_changed_embed(title: str, line: FeedLine, note: str) -> discord.Embed:
    """A feed just added or removed."""
    embed = discord.Embed(title=title, description=safe(note, 500), colour=COLOUR_INFO)
    _field(embed, safe(line.name, FIELD_NAME_LIMIT), safe(line.health, FIELD_VALUE_LIMIT))
    return fit(embed)


def problem_embed(
    message: str, suggestions: Iterable[str] = (), *, title: str = "Nothing found"
) -> discord.Embed:
    """A friendly miss: what went wrong and what to try (``did you mean``)."""
    embed = discord.Embed(title=title, description=safe(message, 1000), colour=COLOUR_PROBLEM)
    items = [s for s in suggestions if s]
    if items:
        _field(embed, "Did you mean", "\n".join(f"• {safe(s, 150)}" for s in items[:5]))
    return fit(embed)


def error_embed(error_id: str) -> discord.Embed:
    return discord.Embed(
        title="Something went wrong",
        description=(
            "Sorry — that did not work, and it is our fault, not yours. "
            f"The error was logged as `{error_id}`; please try again in a moment."
        ),
        colour=COLOUR_ERROR,
    )


def choices(items: Sequence[Choice]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices within Discord's limits: 25 at most, names and values ≤ 100."""
    seen: set[str] = set()
    out: list[app_commands.Choice[str]] = []
    for item in items:
        value = item.value[:CHOICE_LENGTH_LIMIT]
        name = truncate(" ".join(item.name.split()), CHOICE_LENGTH_LIMIT) or value
        if not value or value in seen:
            continue
        seen.add(value)
        out.append(app_commands.Choice(name=name, value=value))
        if len(out) == CHOICE_COUNT_LIMIT:
            break
    return out


# --- /follow ---------------------------------------------------------------------------

FOLLOWING_SHOWN = 40


def followed_release_embed(release: FollowedRelease) -> discord.Embed:
    """A new release posted to a following channel: enough to decide whether to read on."""
    embed = discord.Embed(
        title=safe(release.title, TITLE_LIMIT),
        description=safe(release.summary, 1000) or "(no summary)",
        colour=COLOUR_NEWS,
        url=web_link(release.url),
    )
    embed.set_author(
        name=truncate(f"{release.company} · {display_date(release.date)}", AUTHOR_LIMIT)
    )
    if release.quote:
        _field(embed, "Quote", quote_text(release.quote, 600))
    if release.url:
        _field(embed, "Source", safe(release.url, 500))
    embed.set_footer(text=f"Release #{release.id} · /release #{release.id} for the full text")
    return fit(embed)


def _following_line(subscription: Subscription, undelivered: Sequence[UndeliveredRelease]) -> str:
    line = f"<#{subscription.channel_id}> · **{safe(subscription.company_name, 100)}**"
    if subscription.keywords:
        line += f" · only with {safe(subscription.keywords, 200)}"
    if subscription.broken_reason:
        since = subscription.broken_at.strftime("%-d %b %Y") if subscription.broken_at else "?"
        line += (
            f"\n  ⚠️ **not posting** since {since}: {safe(subscription.broken_reason, 200)}."
            " Fix it, then `/follow` again."
        )
    elif undelivered:
        latest = undelivered[-1]
        line += (
            f"\n  ⚠️ {plural(len(undelivered), 'release')} could not be posted, latest "
            f"“{safe(latest.title, 80)}”: {safe(latest.reason, 120)} "
            f"(gave up after {latest.attempts} {'try' if latest.attempts == 1 else 'tries'})."
        )
    return line


def following_embed(
    subscriptions: Sequence[Subscription], undelivered: Sequence[UndeliveredRelease] = ()
) -> discord.Embed:
    """The server's subscriptions, broken ones flagged with why, so admins can repair them;
    releases Discord never took are counted under theirs, with the reason."""
    given_up: dict[int, list[UndeliveredRelease]] = {}
    for release in undelivered:
        given_up.setdefault(release.subscription_id, []).append(release)
    broken = sum(1 for s in subscriptions if s.broken_reason or s.id in given_up)
    lines = [_following_line(s, given_up.get(s.id, [])) for s in subscriptions[:FOLLOWING_SHOWN]]
    if len(subscriptions) > FOLLOWING_SHOWN:
        lines.append(f"… and {len(subscriptions) - FOLLOWING_SHOWN} more")
    embed = discord.Embed(
        title=f"Followed in this server ({len(subscriptions)})",
        description=truncate("\n".join(lines), DESCRIPTION_LIMIT)
        or "Nothing yet. `/follow company:Akeso` posts Akeso's new releases in this channel.",
        colour=COLOUR_PROBLEM if broken else COLOUR_INFO,
    )
    embed.set_footer(text="/follow company [channel] [keywords] · /unfollow company [channel]")
    return fit(embed)


def followed_embed(subscription: Subscription, *, renewed: bool, backfill: int) -> discord.Embed:
    """What /follow did: where new releases will appear, and what is posted right away."""
    lines = [f"New releases of this company will be posted in <#{subscription.channel_id}>."]
    if subscription.keywords:
        lines.append(f"Only those mentioning {safe(subscription.keywords, 200)}.")
    if renewed:
        lines.append("This renews the earlier follow: counting starts from now.")
    if backfill:
        lines.append(f"Posting the latest {plural(backfill, 'release')} there now.")
    company = safe(subscription.company_name, 200)
    return fit(
        discord.Embed(
            title=f"Following {company}", description="\n".join(lines), colour=COLOUR_NEWS
        )
    )


def unfollowed_embed(subscription: Subscription) -> discord.Embed:
    return discord.Embed(
        title=f"Unfollowed {safe(subscription.company_name, 200)}",
        description=f"Its releases are no longer posted in <#{subscription.channel_id}>.",
        colour=COLOUR_INFO,
    )


# --- Console ---------------------------------------------------------------------------


_CONSOLE_MARKUP = re.compile(r"\\([^\w]|_)|\*\*|\u200b")


def _unescape(text: str) -> str:
    """Console text reads better without Discord's escapes and our bold markers."""
    return _CONSOLE_MARKUP.sub(lambda m: m.group(1) or "", text)


def embed_text(embed: Mapping[str, Any]) -> str:
    """An embed (as sent to Discord) as readable terminal text."""
    lines: list[str] = []
    if author := embed.get("author", {}).get("name"):
        lines.append(_unescape(author))
    if title := embed.get("title"):
        lines.append(_unescape(title))
        lines.append("=" * min(len(title), 72))
    if url := embed.get("url"):
        lines.append(url)
    if description := embed.get("description"):
        lines.append(_unescape(description))
    for field in embed.get("fields", []):
        lines.append("")
        lines.append(f"▸ {_unescape(field['name'])}")
        lines.extend("  " + line for line in _unescape(field["value"]).splitlines())
    if footer := embed.get("footer", {}).get("text"):
        lines.append("")
        lines.append(f"({_unescape(footer)})")
    return "\n".join(lines)


def payload_text(payload: Mapping[str, Any]) -> str:
    """A message payload (content, embeds, buttons, autocomplete choices) as terminal text."""
    parts: list[str] = []
    data = payload.get("data", payload)
    if data.get("choices") is not None:
        return (
            "\n".join(f"{c['name']}  →  {c['value']}" for c in data["choices"])
            or "(no suggestions)"
        )
    if data.get("content"):
        parts.append(_unescape(data["content"]))
    parts.extend(embed_text(embed) for embed in data.get("embeds", []) or [])
    buttons = [
        component.get("label") or component.get("custom_id", "")
        for row in data.get("components", []) or []
        for component in row.get("components", [])
        if not component.get("disabled")
    ]
    if buttons:
        parts.append("[" + "] [".join(buttons) + "]")
    if data.get("flags", 0) & 64:
        parts.append("(only you can see this)")
    return "\n\n".join(p for p in parts if p)
