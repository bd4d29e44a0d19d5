"""``/help``, ``/status`` and the outcome of a load."""

from __future__ import annotations

import discord

from bot.lookup import StatusView
from bot.render.colours import COLOUR_INFO, COLOUR_NEWS, COLOUR_PROBLEM
from bot.render.limits import FIELD_VALUE_LIMIT, add_field, fit
from bot.render.text import byte_size, duration, safe
from bot.store import LoadTally

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
    """What each command does, the search syntax and a few examples to copy."""
    embed = discord.Embed(
        title="newsbot — company news, answered",
        description="Press releases from company websites, cleaned and searchable.",
        colour=COLOUR_INFO,
    )
    for command, what in HELP_TEXT:
        add_field(embed, command, what)
    add_field(embed, "Search syntax", SEARCH_SYNTAX)
    add_field(embed, "Examples", EXAMPLES)
    return fit(embed)


def status_embed(status: StatusView, feeds: str | None = None) -> discord.Embed:
    """How much is loaded and how the bot is doing; ``feeds`` is the feed summary, if any."""
    span = (
        f"{status.first_date.isoformat()} – {status.last_date.isoformat()}"
        if status.first_date and status.last_date
        else "no dated releases"
    )
    embed = discord.Embed(title="newsbot status", colour=COLOUR_INFO)
    add_field(embed, "Releases", f"{status.releases:,}", inline=True)
    add_field(embed, "Companies", f"{status.companies:,}", inline=True)
    add_field(embed, "Quotes", f"{status.quotes:,}", inline=True)
    add_field(embed, "Date span", span, inline=True)
    add_field(embed, "Database", byte_size(status.database_bytes), inline=True)
    add_field(embed, "Uptime", duration(status.uptime_s), inline=True)
    if status.last_load:
        load = status.last_load
        took = f" in {load.seconds:.1f} s" if load.seconds is not None else ""
        add_field(
            embed,
            "Last load",
            f"{load.when} by {safe(load.actor, 100)}: **{load.outcome}**{took}\n"
            f"{load.added} added · {load.updated} updated · {load.unchanged} unchanged · "
            f"{load.merged} merged · {load.removed} removed · {load.failed} failed",
        )
    else:
        add_field(embed, "Last load", "never — run `newsbot load` or /reload")
    if feeds:
        add_field(embed, "Feeds", safe(feeds, FIELD_VALUE_LIMIT))
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
        add_field(embed, f"Failed files ({len(tally.failures)})", "\n".join(lines))
    return fit(embed)
