"""A release as a ``/follow`` post shows it, built from columns in one query per relation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from bot.records import Quote
from bot.store.in_lists import in_chunks
from bot.store.models import Company, QuoteRow, Release, SourceRow


@dataclass(frozen=True, slots=True)
class FollowedRelease:
    """What a post shows, and the text a keyword filter reads."""

    id: int
    company: str
    title: str
    date: str | None
    sort_date: dt.date | None
    summary: str
    body: str
    url: str | None  # the release's own link, else its first source's
    quote: Quote | None  # its first quote


def followed_releases(conn: Connection, ids: Collection[int]) -> dict[int, FollowedRelease]:
    """The releases with these ids (those that still exist), by id."""
    found: dict[int, FollowedRelease] = {}
    for chunk in in_chunks(sorted(set(ids))):
        quotes = _first_quotes(conn, chunk)
        links = _first_links(conn, chunk)
        query = (
            select(
                Release.id,
                Company.name,
                Release.title,
                Release.date_text,
                Release.date_start,
                Release.summary,
                Release.body,
                Release.url,
            )
            .join(Company, Company.id == Release.company_id)
            .where(Release.id.in_(chunk))
        )
        for release_id, company, title, date_text, date_start, summary, body, url in conn.execute(
            query
        ):
            found[release_id] = FollowedRelease(
                id=release_id,
                company=company,
                title=title,
                date=date_text,
                sort_date=date_start,
                summary=summary,
                body=body,
                url=url or links.get(release_id),
                quote=quotes.get(release_id),
            )
    return found


def _first_quotes(conn: Connection, ids: Sequence[int]) -> dict[int, Quote]:
    query = (
        select(QuoteRow.release_id, QuoteRow.speaker, QuoteRow.role, QuoteRow.text)
        .where(QuoteRow.release_id.in_(ids))
        .order_by(QuoteRow.release_id, QuoteRow.position, QuoteRow.id)
    )
    first: dict[int, Quote] = {}
    for release_id, speaker, role, text in conn.execute(query):
        first.setdefault(release_id, Quote(speaker, role, text))
    return first


def _first_links(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    query = (
        select(SourceRow.release_id, SourceRow.url)
        .where(SourceRow.release_id.in_(ids))
        .order_by(SourceRow.release_id, SourceRow.id)
    )
    first: dict[int, str] = {}
    for release_id, url in conn.execute(query):
        if url:
            first.setdefault(release_id, url)
    return first
