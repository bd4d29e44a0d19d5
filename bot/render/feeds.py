"""``/feed``: the feed list and a feed just added or removed."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render.colours import COLOUR_INFO
from bot.render.limits import FIELD_COUNT_LIMIT, FIELD_NAME_LIMIT, FIELD_VALUE_LIMIT, add_field, fit
from bot.render.text import safe
from bot.sources.health import FeedLine


def feeds_embed(lines: Sequence[FeedLine]) -> discord.Embed:
    """``/feed list``: each feed and how it is doing; those beyond the field limit are counted."""
    embed = discord.Embed(title="Feeds", colour=COLOUR_INFO)
    if not lines:
        embed.description = "No feeds yet: add one with /feed add, or list them in feeds.toml."
    for line in lines[:FIELD_COUNT_LIMIT]:
        add_field(embed, safe(line.name, FIELD_NAME_LIMIT), safe(line.health, FIELD_VALUE_LIMIT))
    if len(lines) > FIELD_COUNT_LIMIT:
        embed.set_footer(text=f"…and {len(lines) - FIELD_COUNT_LIMIT} more")
    return fit(embed)


def feed_changed_embed(title: str, line: FeedLine, note: str) -> discord.Embed:
    """A feed just added or removed."""
    embed = discord.Embed(title=title, description=safe(note, 500), colour=COLOUR_INFO)
    add_field(embed, safe(line.name, FIELD_NAME_LIMIT), safe(line.health, FIELD_VALUE_LIMIT))
    return fit(embed)
