"""Full-text search, the part both back ends share: the parsed query, a hit, the words.

``Store.search`` hands the text part of a query to a ``FullText`` back end:
``SqliteFullText`` (``bot.store.fts5_search``) or ``PostgresFullText``
(``bot.store.postgres_search``). Both take the same literal words (``literal_words``), and
both index CJK text one character per word (``bot.store.cjk_text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Connection, Row, Select, Subquery, func, select

from bot.store import cjk_text
from bot.store.releases import ReleaseLine

# What marks the matched words in a snippet, on either back end.
SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)

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


def ranked_page(candidates: Subquery, key: str, *, limit: int, offset: int) -> Select[Any]:
    """One page, best ``rank`` first, of the newest ``SEARCH_CANDIDATES`` rows of
    ``candidates`` (newest = highest ``key``), each row carrying the total counted up to one
    past them: one walk of the index both counts and ranks. Columns: ``release_id``,
    ``rank``, ``total``."""
    newest = candidates.c[key].desc()
    counted = select(
        candidates,
        func.count().over().label("total"),
        func.row_number().over(order_by=newest).label("position"),
    ).subquery("counted")
    return (
        select(counted.c[key].label("release_id"), counted.c.rank, counted.c.total)
        .where(counted.c.position <= SEARCH_CANDIDATES)
        .order_by(counted.c.rank, counted.c[key])
        .limit(limit)
        .offset(offset)
    )


def page_total(
    conn: Connection,
    rows: Sequence[Row[Any]],
    offset: int,
    candidates: Subquery,
    params: dict[str, Any] | None = None,
) -> int:
    """The total a page of ``ranked_page`` reports: carried by its rows, or counted when
    the page lies past the last (only the total is left to tell)."""
    if rows or not offset:
        return int(rows[0].total) if rows else 0
    return int(conn.execute(select(func.count()).select_from(candidates), params).scalar_one())


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
