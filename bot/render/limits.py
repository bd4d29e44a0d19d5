"""Discord's size limits, and the only code that enforces them.

Every embed and autocomplete answer passes through here: text is cut on a word
boundary (``truncate``), a field is dropped rather than sent past the field count
(``add_field``), and ``fit`` is the final guard on an embed's total size.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord import app_commands

from bot.lookup import Choice

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
QUOTE_LENGTH = 600  # a quote beside other content
QUOTE_PAGE_LENGTH = 650  # on a /quote page, where the quotes are the content
ELLIPSIS = "…"


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


def fit(embed: discord.Embed) -> discord.Embed:
    """The last guard: an embed over Discord's total is trimmed, fields first, never sent as is."""
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL_LIMIT and embed.description:
        excess = len(embed) - EMBED_TOTAL_LIMIT
        embed.description = truncate(embed.description, max(len(embed.description) - excess, 1))
    return embed


def add_field(embed: discord.Embed, name: str, value: str, *, inline: bool = False) -> None:
    """Add a field within the limits; past Discord's field count it is dropped, not sent."""
    if len(embed.fields) >= FIELD_COUNT_LIMIT:
        return
    embed.add_field(
        name=truncate(name, FIELD_NAME_LIMIT) or "\u200b",
        value=truncate(value, FIELD_VALUE_LIMIT) or "\u200b",
        inline=inline,
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
