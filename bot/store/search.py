"""Full-text search: parsed queries, and on SQLite the FTS5 index and ``MATCH`` translation.

``Store.search`` hands the text part of a query to a full-text back end: ``SqliteFullText``
here, ``PostgresFullText`` in ``bot.store.postgres``. Both take the same literal words,
and both index CJK text one character per word (``bot.store.cjk_text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

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

from bot.store import cjk_text
from bot.store.models import QuoteRow, Release
from bot.store.releases import ReleaseLine, release_lines

SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"

# Run once by the baseline migration. Changing any of it needs a new migration.
# FTS5 has no SQLAlchemy construct: the virtual table and the triggers that keep it in
# step with ``releases`` (an external-content index, so the text is stored once).
SQLITE_FTS_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS releases_fts USING fts5(
        title, summary, body, quotes_text,
        content='releases', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS releases_fts_insert AFTER INSERT ON releases BEGIN
        INSERT INTO releases_fts(rowid, title, summary, body, quotes_text)
        VALUES (new.id, new.title, new.summary, new.body, new.quotes_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS releases_fts_delete AFTER DELETE ON releases BEGIN
        INSERT INTO releases_fts(releases_fts, rowid, title, summary, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.quotes_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS releases_fts_update AFTER UPDATE OF
        title, summary, body, quotes_text ON releases BEGIN
        INSERT INTO releases_fts(releases_fts, rowid, title, summary, body, quotes_text)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.quotes_text);
        INSERT INTO releases_fts(rowid, title, summary, body, quotes_text)
        VALUES (new.id, new.title, new.summary, new.body, new.quotes_text);
    END""",
)

# Run by the quotes-index migration: each quote indexed alone, so a quote is found by the
# words it holds, with the same tokenizer as the releases' index.
SQLITE_QUOTES_FTS_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
        text, content='quotes', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
)

# The view the releases' index reads its text from since the CJK migration (CJK characters
# spaced out); the load fills the index from it.
RELEASES_FTS_CONTENT = "releases_fts_text"

# Column weights for bm25: a hit in the title counts most, then the summary, quotes, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0, 2.0)


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
_FTS = table("releases_fts", column("rowid"))

# A word query ranks at most this many matches, the newest (by id); when more match,
# the total says "more than this" instead of counting every one.
SEARCH_CANDIDATES = 1_000


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed news search. Built by ``lookup`` from what the user typed.

    Each term and phrase is matched literally: the store quotes every word before it
    reaches FTS5 ``MATCH``, so operators typed by users (``NEAR``, ``*``, ``OR``,
    column filters, parentheses) are plain words, never syntax.
    """

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()
    title_only: bool = False
    company_ids: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def has_words(self) -> bool:
        """Holds a word to look for or leave out, not only punctuation."""
        return bool(
            literal_words([*self.terms, *self.excluded, *(w for p in self.phrases for w in p)])
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A matching release; ``rank`` is lower for better matches on every back end."""

    release: ReleaseLine
    snippet: str | None
    rank: float | None


def shown_snippet(snippet: str) -> str:
    """A snippet cut from the indexed text, as the text was written: without the index's
    CJK spacing, and neighbouring CJK characters marked one by one marked as one word."""
    spacing = cjk_text.SPACER * 2
    return cjk_text.unspaced(snippet.replace(f"{SNIPPET_CLOSE}{spacing}{SNIPPET_OPEN}", ""))


def literal_words(words: Iterable[str]) -> list[str]:
    """The word characters of what the user typed: all either back end ever searches for.
    A CJK word becomes its characters, as the indexes see them."""
    return [t for w in words for run in _FTS_TOKEN.findall(w) for t in cjk_text.query_words(run)]


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


class FullText(Protocol):
    """The text part of ``Store.search``, per back end."""

    def release_filter(self, query: SearchQuery) -> ColumnElement[bool] | None:
        """Releases holding every word and phrase and no excluded word; None without words.

        The one word matcher of ``/news``, ``/follow`` keywords and ``/quote`` keywords:
        whole words through the index, so "ai" never matches "said".
        """

    def quote_filter(self, query: SearchQuery) -> ColumnElement[bool] | None:
        """The same words matched against each quote alone; None without words."""

    def exclusion(self, query: SearchQuery) -> ColumnElement[bool] | None:
        """A filter dropping releases with an excluded word, or None (for word-less queries)."""

    def hits(
        self,
        conn: Connection,
        query: SearchQuery,
        filters: list[Any],
        *,
        limit: int,
        offset: int,
    ) -> tuple[list[SearchHit], int] | None:
        """One page of matches by rank and their total; None when the query has no words.

        Only the newest ``SEARCH_CANDIDATES`` matches are ranked, and the total counts
        up to one past them, so a common word costs no more than a rare one.

        ``filters`` are the company and date filters only: the back end applies the
        query's excluded words itself, where its index can do it cheaply.
        """


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
        # One walk of the index both counts (up to one past the candidates) and ranks.
        counted = select(
            candidates,
            func.count().over().label("total"),
            func.row_number().over(order_by=candidates.c.rowid.desc()).label("position"),
        ).subquery("counted")
        page = (
            select(counted.c.rowid.label("release_id"), counted.c.rank, counted.c.total)
            .where(counted.c.position <= SEARCH_CANDIDATES)
            .order_by(counted.c.rank, counted.c.rowid)
            .limit(limit)
            .offset(offset)
        )
        ranked = conn.execute(page, params).all()
        if ranked or not offset:
            total = ranked[0].total if ranked else 0
        else:  # a page past the last: only the total is left to tell
            total = conn.execute(select(func.count()).select_from(candidates), params).scalar_one()
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
