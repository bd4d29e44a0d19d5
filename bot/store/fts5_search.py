"""Full-text search on SQLite: ``SearchQuery`` as FTS5 ``MATCH`` expressions, ranked by bm25.

The indexes it reads are made by the migrations from ``bot.store.fts5_index``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import InstrumentedAttribute

from bot.store.models import QuoteRow, Release
from bot.store.releases import release_lines
from bot.store.search import (
    SEARCH_CANDIDATES,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    SearchHit,
    SearchQuery,
    literal_words,
    page_total,
    ranked_page,
    shown_snippet,
)

# Column weights for bm25: a hit in the title counts most, then the summary, quotes, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0, 2.0)

_FTS = table("releases_fts", column("rowid"))


def _fts_phrase(words: Iterable[str]) -> str | None:
    """One FTS5 string literal; only word characters survive, so nothing in it is syntax."""
    tokens = literal_words(words)
    return '"' + " ".join(tokens) + '"' if tokens else None


def fts_match_expression(query: SearchQuery) -> tuple[str | None, str | None]:
    """(positive expression, excluded expression) for FTS5 ``MATCH``; either may be None."""
    positives = [p for p in (_fts_phrase([t]) for t in query.terms) if p]
    positives += [p for p in (_fts_phrase(ph) for ph in query.phrases) if p]
    negatives = [p for p in (_fts_phrase([t]) for t in query.excluded) if p]
    scope = "{title} : " if query.title_only else ""
    positive = f"{scope}({' AND '.join(positives)})" if positives else None
    negative = f"{scope}({' OR '.join(negatives)})" if negatives else None
    return positive, negative


def _fts_filter(
    table: str, key: InstrumentedAttribute[int], positive: str | None, negative: str | None
) -> ColumnElement[bool] | None:
    """``key`` among the rows of FTS5 ``table`` matching ``positive`` and not ``negative``."""

    def rowids(expression: str) -> Select[Any]:
        match = text(f"{table} MATCH :match").bindparams(
            bindparam("match", expression, unique=True)
        )
        return select(literal_column("rowid")).select_from(text(table)).where(match)

    if positive is not None:
        return key.in_(rowids(positive if negative is None else f"{positive} NOT {negative}"))
    return None if negative is None else key.not_in(rowids(negative))


# A filter passing at least this many releases is broad: its matches are found by walking
# the index and checking each release, which soon finds enough of them; a narrower one is
# read whole first, then looked up as the walk goes, so a rare company costs no
# more than a common word.
BROAD_FILTER = 20_000


def _within(conn: Connection, matching: Select[Any], filters: list[Any]) -> Select[Any] | None:
    """``matching`` (a select of FTS5 rows) kept to the releases passing ``filters``;
    None when no release passes them."""
    allowed = select(Release.id).where(*filters)
    sample = allowed.limit(BROAD_FILTER).subquery()
    count, low, high = conn.execute(
        select(func.count(), func.min(sample.c.id), func.max(sample.c.id))
    ).one()
    if not count:
        return None
    if count >= BROAD_FILTER:
        return matching.join_from(_FTS, Release, Release.id == _FTS.c.rowid).where(*filters)
    # ``rowid + 0``: a plain expression, so FTS5 walks its index and probes the list,
    # instead of seeking each listed id (and recounting bm25's statistics every time).
    # The id bounds let it skip the stretches of the index outside the filter.
    return matching.where((_FTS.c.rowid + 0).in_(allowed), _FTS.c.rowid.between(low, high))


class SqliteFullText:
    """``SearchQuery`` on the FTS5 index: ranked by weighted bm25, with FTS5 snippets."""

    def release_filter(self, query: SearchQuery) -> ColumnElement[bool] | None:
        return _fts_filter("releases_fts", Release.id, *fts_match_expression(query))

    def quote_filter(self, query: SearchQuery) -> ColumnElement[bool] | None:
        # A quote has no title: ``title:`` words are looked for in the quote itself.
        words = SearchQuery(query.terms, query.phrases, query.excluded)
        return _fts_filter("quotes_fts", QuoteRow.id, *fts_match_expression(words))

    def exclusion(self, query: SearchQuery) -> ColumnElement[bool] | None:
        _, negative = fts_match_expression(query)
        return _fts_filter("releases_fts", Release.id, None, negative)

    def hits(
        self,
        conn: Connection,
        query: SearchQuery,
        filters: list[Any],
        *,
        limit: int,
        offset: int,
    ) -> tuple[list[SearchHit], int] | None:
        positive, negative = fts_match_expression(query)
        if positive is None:
            return None
        # FTS5's own NOT: the index drops excluded rows without a second MATCH per row.
        params = {"match": positive if negative is None else f"{positive} NOT {negative}"}
        # bm25 for the newest candidates only: FTS5 walks its index by descending rowid
        # and stops there, instead of scoring every match of a common word.
        rank = func.bm25(literal_column("releases_fts"), *BM25_WEIGHTS).label("rank")
        matching = select(_FTS.c.rowid, rank).where(text("releases_fts MATCH :match"))
        if filters:
            within = _within(conn, matching, filters)
            if within is None:
                return [], 0
            matching = within
        candidates = matching.order_by(_FTS.c.rowid.desc()).limit(SEARCH_CANDIDATES + 1).subquery()
        page = ranked_page(candidates, "rowid", limit=limit, offset=offset)
        ranked = conn.execute(page, params).all()
        total = page_total(conn, ranked, offset, candidates, params)
        return self._page_hits(conn, positive, ranked), total

    def _page_hits(
        self, conn: Connection, positive: str, ranked: Sequence[Row[Any, Any, Any]]
    ) -> list[SearchHit]:
        """Releases and snippets for one page: snippets are costly, so never for every match."""
        ids = [row.release_id for row in ranked]
        if not ids:
            return []
        fts_table: ColumnElement[Any] = literal_column("releases_fts")
        rows = conn.execute(
            select(
                literal_column("rowid"),
                func.snippet(fts_table, -1, SNIPPET_OPEN, SNIPPET_CLOSE, "…", 20),
            )
            .select_from(text("releases_fts"))
            .where(text("releases_fts MATCH :positive"), literal_column("rowid").in_(ids)),
            {"positive": positive},
        )
        snippets = {release_id: shown_snippet(snippet) for release_id, snippet in rows}
        lines = release_lines(conn, ids)
        return [SearchHit(lines[r.release_id], snippets.get(r.release_id), r.rank) for r in ranked]
