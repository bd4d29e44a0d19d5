"""Quotes as they leave the store: each with the line of the release it is from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from bot.records import Quote
from bot.store.models import QuoteRow, Release
from bot.store.releases import ReleaseLine, line_of, line_select


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quote and the release it is from, as /quote and /company show it."""

    quote: Quote
    release: ReleaseLine


def find_quotes(
    conn: Connection,
    *,
    company_ids: Sequence[int],
    speakers: Sequence[str],
    words: Sequence[ColumnElement[bool]],
    limit: int,
    offset: int,
) -> tuple[list[QuoteHit], int]:
    """One page of quotes, newest release first, and the total; two selects in all.

    ``words`` are the full-text and date filters the store made of the keyword query."""
    filters: list[Any] = list(words)
    if company_ids:
        filters.append(Release.company_id.in_(company_ids))
    if speakers:
        filters.append(QuoteRow.speaker.in_(speakers))
    total = conn.execute(
        select(func.count(QuoteRow.id))
        .join(Release, Release.id == QuoteRow.release_id)
        .where(*filters)
    ).scalar_one()
    rows = conn.execute(
        line_select(QuoteRow.speaker, QuoteRow.role, QuoteRow.text)
        .join(QuoteRow, QuoteRow.release_id == Release.id)
        .where(*filters)
        .order_by(Release.date_start.desc().nulls_last(), QuoteRow.release_id, QuoteRow.position)
        .limit(limit)
        .offset(offset)
    ).all()
    return [QuoteHit(Quote(*row[6:9]), line_of(row)) for row in rows], total


def speakers(conn: Connection) -> list[tuple[str, int]]:
    """Every quoted speaker with their number of quotes, for fuzzy speaker matching."""
    rows = conn.execute(
        select(QuoteRow.speaker, func.count())
        .where(QuoteRow.speaker.is_not(None))
        .group_by(QuoteRow.speaker)
    )
    return [(speaker, count) for speaker, count in rows if speaker is not None]
