"""``/news``: a page of search results."""

from __future__ import annotations

import discord

from bot.lookup import NewsPage
from bot.render.colours import COLOUR_NEWS
from bot.render.limits import TITLE_LIMIT, add_field, fit, truncate
from bot.render.release import release_line
from bot.render.text import plural


def news_embed(page: NewsPage) -> discord.Embed:
    """One page of ``/news`` results, saying how they are ordered."""
    order = "best match first" if page.ranked else "newest first"
    # Past the cap the count is a floor: "1,000+ releases", the newest of them ranked.
    found = f"{page.total:,}+ releases" if page.capped else plural(page.total, "release")
    embed = discord.Embed(
        title=truncate(f"News: {page.understood}", TITLE_LIMIT),
        description=f"{found} · {order}",
        colour=COLOUR_NEWS,
    )
    for item in page.results:
        name, value = release_line(item, with_company=True)
        add_field(embed, name, value)
    embed.set_footer(
        text=f"Page {page.page + 1}/{page.page_count} · /release #id for the full text"
    )
    return fit(embed)
