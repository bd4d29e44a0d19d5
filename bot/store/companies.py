"""Companies as they leave the store: plain rows for the in-memory index, and their figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from bot.store.models import Company, CompanyAlias, Release, as_date


@dataclass(frozen=True, slots=True)
class CompanyRow:
    """A company as plain values, with its aliases in the order they were added."""

    id: int
    name: str
    ticker: str | None
    exchange: str | None
    website: str | None
    inferred: bool
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompanyStats:
    release_count: int
    first_date: date | None
    last_date: date | None


def company_rows(conn: Connection, ids: Sequence[int] | None = None) -> list[CompanyRow]:
    """Companies (all, or those with the given ids) with their aliases, by name.

    Two flat selects: ORM objects with loaded aliases cost seconds at start-up for ten
    thousand companies, and the index keeps none of them.
    """
    alias_query = select(CompanyAlias.company_id, CompanyAlias.alias).order_by(CompanyAlias.id)
    company_query = select(
        Company.id,
        Company.name,
        Company.ticker,
        Company.exchange,
        Company.website,
        Company.inferred,
    ).order_by(Company.name)
    if ids is not None:
        alias_query = alias_query.where(CompanyAlias.company_id.in_(ids))
        company_query = company_query.where(Company.id.in_(ids))
    aliases: dict[int, list[str]] = {}
    for company_id, alias in conn.execute(alias_query):
        aliases.setdefault(company_id, []).append(alias)
    return [
        CompanyRow(*row, aliases=tuple(aliases.get(row[0], ())))
        for row in conn.execute(company_query)
    ]


def company_stats(conn: Connection, company_id: int) -> CompanyStats:
    count, first, last = conn.execute(
        select(
            func.count(Release.id), func.min(Release.date_start), func.max(Release.date_end)
        ).where(Release.company_id == company_id)
    ).one()
    return CompanyStats(count, as_date(first), as_date(last))


def release_counts(conn: Connection) -> dict[int, int]:
    """Releases per company id, for the company list."""
    rows = conn.execute(select(Release.company_id, func.count()).group_by(Release.company_id))
    return {company_id: count for company_id, count in rows}
