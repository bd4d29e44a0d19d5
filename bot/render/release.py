"""A release: as one line in a list, and in full with its body in pages."""

from __future__ import annotations

import discord

from bot.lookup import ReleaseDetail, ReleaseSummary
from bot.render.colours import COLOUR_RELEASE
from bot.render.limits import (
    AUTHOR_LIMIT,
    BODY_PAGE,
    DESCRIPTION_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    SUMMARY_LINE,
    TITLE_LIMIT,
    add_field,
    fit,
    truncate,
)
from bot.render.quotes import quote_text
from bot.render.text import display_date, safe, snippet_markdown, web_link


def release_line(item: ReleaseSummary, *, with_company: bool) -> tuple[str, str]:
    """A release as an embed field: dated title, then its summary (or the matching snippet)."""
    meta = display_date(item.date) + (f" · {item.company}" if with_company else "")
    name = f"#{item.id} · {meta} — {item.title}"
    text = (
        snippet_markdown(item.snippet, SUMMARY_LINE)
        if item.snippet
        else safe(item.summary, SUMMARY_LINE)
    )
    return truncate(" ".join(name.split()), FIELD_NAME_LIMIT), text or "(no summary)"


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
            add_field(embed, "Key figures", safe(" · ".join(detail.figures), FIELD_VALUE_LIMIT))
        for quote in detail.quotes[:4]:
            add_field(embed, "Quote", quote_text(quote))
        sources = detail.url or ", ".join(detail.sources)
        if sources:
            add_field(embed, "Source", safe(sources, 500))
    else:
        embed.description = truncate(pages[page], DESCRIPTION_LIMIT)
    embed.set_footer(text=f"Release #{detail.id} · page {page + 1}/{len(pages)}")
    return fit(embed)
