"""Answers that are not results: a friendly miss, and our own failure."""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.render.colours import COLOUR_ERROR, COLOUR_PROBLEM
from bot.render.limits import add_field, fit
from bot.render.text import safe


def problem_embed(
    message: str, suggestions: Iterable[str] = (), *, title: str = "Nothing found"
) -> discord.Embed:
    """A friendly miss: what went wrong and what to try (``did you mean``)."""
    embed = discord.Embed(title=title, description=safe(message, 1000), colour=COLOUR_PROBLEM)
    items = [s for s in suggestions if s]
    if items:
        add_field(embed, "Did you mean", "\n".join(f"• {safe(s, 150)}" for s in items[:5]))
    return fit(embed)


def error_embed(error_id: str) -> discord.Embed:
    """Our own failure, with the id it was logged under so a report can be traced."""
    return discord.Embed(
        title="Something went wrong",
        description=(
            "Sorry — that did not work, and it is our fault, not yours. "
            f"The error was logged as `{error_id}`; please try again in a moment."
        ),
        colour=COLOUR_ERROR,
    )
