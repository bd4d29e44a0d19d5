"""``/company``: a company's profile, and the pages of ``/companies``."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.lookup import CompanyListing, CompanyProfile, count_pages
from bot.render.colours import COLOUR_COMPANY
from bot.render.limits import TITLE_LIMIT, URL_LIMIT, add_field, fit, truncate
from bot.render.quotes import quote_text
from bot.render.release import release_line
from bot.render.text import display_date, plural, safe


def company_embed(profile: CompanyProfile) -> discord.Embed:
    """A company at a glance: how much we hold, its latest releases and a quote to read on."""
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
        name, value = release_line(item, with_company=False)
        add_field(embed, name, value)
    if profile.notable_quote:
        add_field(embed, "Notable quote", quote_text(profile.notable_quote))
    embed.set_footer(
        text="/news company:" + truncate(ref.name, 80) + " for more · /release for details"
    )
    return fit(embed)


def companies_embeds(listings: Sequence[CompanyListing], per_page: int = 20) -> list[discord.Embed]:
    """Every company with its count, ``per_page`` to an embed so no page nears the limits."""
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
