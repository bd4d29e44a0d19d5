"""Quotes: one quote with its attribution, and a page of ``/quote`` results."""

from __future__ import annotations

import discord

from bot.lookup import QuotePage, QuoteView
from bot.records import Quote
from bot.render.colours import COLOUR_QUOTE
from bot.render.limits import QUOTE_LENGTH, QUOTE_PAGE_LENGTH, TITLE_LIMIT, add_field, fit, truncate
from bot.render.text import display_date, plural, safe


def quote_text(quote: Quote | QuoteView, limit: int = QUOTE_LENGTH) -> str:
    """A quote and its attribution, each escaped and cut on its own so neither crowds out the other."""
    who = quote.speaker or "Unattributed"
    role = f", {quote.role}" if quote.role else ""
    body = safe(quote.text, limit)
    attribution = safe(f"— {who}{role}", 300)
    return f"“{body}”\n{attribution}"


def quotes_embed(page: QuotePage) -> discord.Embed:
    """One page of ``/quote`` results, each under the release it comes from."""
    embed = discord.Embed(
        title=truncate(f"Quotes: {page.understood}", TITLE_LIMIT),
        description=plural(page.total, "quote"),
        colour=COLOUR_QUOTE,
    )
    for quote in page.results:
        name = f"#{quote.release_id} · {display_date(quote.release_date)} · {quote.company} — {quote.release_title}"
        add_field(embed, " ".join(name.split()), quote_text(quote, QUOTE_PAGE_LENGTH))
    embed.set_footer(text=f"Page {page.page + 1}/{page.page_count}")
    return fit(embed)
