"""Releases as they leave the store: list lines and full details, built from column selects.

Every value here is a frozen dataclass made inside a short connection: nothing above the
store ever holds an ORM row, so nothing can lazy-load after its session closed. A detail
is one select per relation (release with company, aliases, quotes, figures, sources),
never one per release.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, select

from bot.records import Quote
from bot.store.companies import CompanyRow, company_rows
from bot.store.models import Company, FigureRow, QuoteRow, Release, SourceRow

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReleaseLine:
    """A release as one line of a list, or the caption of one of its quotes."""

    id: int
    title: str
    company: str
    date_text: str | None
    date_start: date | None
    summary: str


@dataclass(frozen=True, slots=True)
class ReleaseSource:
    """Where a release was read from."""

    path: str
    url: str | None


@dataclass(frozen=True, slots=True)
class StoredRelease:
    """A whole release with its company, quotes, figures and sources."""

    id: int
    title: str
    title_derived: bool
    company: CompanyRow
    company_inferred: bool
    date_text: str | None
    date_precision: str | None
    date_start: date | None
    summary: str
    body: str
    url: str | None
    quotes: tuple[Quote, ...]
    figures: tuple[str, ...]
    sources: tuple[ReleaseSource, ...]

    @property
    def line(self) -> ReleaseLine:
        return ReleaseLine(
            self.id, self.title, self.company.name, self.date_text, self.date_start, self.summary
        )


def line_select(*extra: Any) -> Select[Any]:
    """The columns of a ``ReleaseLine`` (then ``extra``), releases joined to their company."""
    return select(
        Release.id,
        Release.title,
        Company.name,
        Release.date_text,
        Release.date_start,
        Release.summary,
        *extra,
    ).join(Company, Company.id == Release.company_id)


def line_of(row: Sequence[Any]) -> ReleaseLine:
    """A ``ReleaseLine`` from the first columns of a ``line_select`` row."""
    return ReleaseLine(*row[:6])


def release_lines(conn: Connection, ids: Sequence[int]) -> dict[int, ReleaseLine]:
    """Lines of the given releases, by id (one select for a page of search hits)."""
    if not ids:
        return {}
    rows = conn.execute(line_select().where(Release.id.in_(ids))).all()
    return {row[0]: line_of(row) for row in rows}


def newest_lines(
    conn: Connection, filters: Sequence[Any], *, limit: int, offset: int = 0
) -> list[ReleaseLine]:
    """Lines of the releases passing ``filters``, newest first (undated last)."""
    rows = conn.execute(
        line_select()
        .where(*filters)
        .order_by(Release.date_start.desc().nulls_last(), Release.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [line_of(row) for row in rows]


def release_titles(conn: Connection) -> list[tuple[int, str, str, str | None]]:
    """(id, title, company, date) for every release, newest first: the autocomplete index.

    Ordered by an expression no index serves, so SQLite reads the table front to back
    and sorts: walking the date index instead visits every release in random order
    (with a cold cache, seconds of reads). Company names come from a small dict.
    """
    names: dict[int, str] = {
        cid: name for cid, name in conn.execute(select(Company.id, Company.name))
    }
    rows = conn.execute(
        select(Release.id, Release.title, Release.company_id, Release.date_text).order_by(
            Release.date_start.is_(None), Release.date_start.desc(), Release.id
        )
    )
    return [(id_, title, names[company_id], day) for id_, title, company_id, day in rows]


def stored_releases(conn: Connection, ids: Sequence[int]) -> list[StoredRelease]:
    """Whole releases by id, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    rows = conn.execute(
        select(
            Release.id,
            Release.title,
            Release.title_derived,
            Release.company_id,
            Release.company_inferred,
            Release.date_text,
            Release.date_precision,
            Release.date_start,
            Release.summary,
            Release.body,
            Release.url,
        ).where(Release.id.in_(ids))
    ).all()
    if not rows:
        return []
    found = [row[0] for row in rows]
    companies = {c.id: c for c in company_rows(conn, sorted({row[3] for row in rows}))}
    quotes = _by_release(
        conn.execute(
            select(QuoteRow.release_id, QuoteRow.speaker, QuoteRow.role, QuoteRow.text)
            .where(QuoteRow.release_id.in_(found))
            .order_by(QuoteRow.release_id, QuoteRow.position)
        ),
        lambda row: Quote(row[1], row[2], row[3]),
    )
    figures = _by_release(
        conn.execute(
            select(FigureRow.release_id, FigureRow.text)
            .where(FigureRow.release_id.in_(found))
            .order_by(FigureRow.release_id, FigureRow.position)
        ),
        lambda row: row[1],
    )
    sources = _by_release(
        conn.execute(
            select(SourceRow.release_id, SourceRow.path, SourceRow.url)
            .where(SourceRow.release_id.in_(found))
            .order_by(SourceRow.id)
        ),
        lambda row: ReleaseSource(row[1], row[2]),
    )
    by_id = {
        row[0]: StoredRelease(
            id=row[0],
            title=row[1],
            title_derived=row[2],
            company=companies[row[3]],
            company_inferred=row[4],
            date_text=row[5],
            date_precision=row[6],
            date_start=row[7],
            summary=row[8],
            body=row[9],
            url=row[10],
            quotes=tuple(quotes.get(row[0], ())),
            figures=tuple(figures.get(row[0], ())),
            sources=tuple(sources.get(row[0], ())),
        )
        for row in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def _by_release(
    rows: Iterable[Sequence[Any]], value: Callable[[Sequence[Any]], T]
) -> dict[int, list[T]]:
    """Rows of one relation grouped by their release id (the first column), in query order."""
    grouped: dict[int, list[T]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(value(row))
    return grouped
