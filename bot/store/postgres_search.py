"""Full-text search on PostgreSQL: ``SearchQuery`` as ``tsquery``, ranked by ``ts_rank_cd``.

SQLite answers the same ``SearchQuery`` with FTS5 (``bot.store.fts5_search``); here it runs
against the ``tsvector`` columns of ``bot.store.postgres_index``. A query is only ever the
literal words ``SearchQuery`` holds, passed as bound parameters to ``phraseto_tsquery``
(which has no syntax a user could break).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    any_,
    func,
    literal,
    literal_column,
    select,
)

from bot.store.cjk_text import postgres_spaced_sql
from bot.store.models import Release
from bot.store.postgres_candidates import newest_matches
from bot.store.postgres_index import TEXT_SEARCH_CONFIG, vector_sql
from bot.store.releases import line_of, line_select
from bot.store.search import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    SearchHit,
    SearchQuery,
    literal_words,
    ranked_page,
    shown_snippet,
)

_CONFIG: ColumnElement[Any] = literal_column(f"'{TEXT_SEARCH_CONFIG}'::regconfig")
_HEADLINE_OPTIONS = (
    f'StartSel="{SNIPPET_OPEN}", StopSel="{SNIPPET_CLOSE}", '
    "MaxWords=20, MinWords=8, ShortWord=0, MaxFragments=1"
)

_SEARCH_VECTOR: ColumnElement[Any] = literal_column("releases.search")
_QUOTE_VECTOR: ColumnElement[Any] = literal_column("quotes.search")
# Exactly the expression of ``ix_releases_title_search``, so that index answers it.
_TITLE_VECTOR: ColumnElement[Any] = literal_column(vector_sql("releases.title"))
# What headlines are cut from: spaced like the index, so CJK words are marked too.
_HEADLINE_TEXT: ColumnElement[Any] = literal_column(
    postgres_spaced_sql("releases.summary || E'\\n' || releases.body")
)


def _tsquery(phrases: Sequence[list[str]], combine: str) -> ColumnElement[Any] | None:
    """Each phrase as ``phraseto_tsquery`` of its words (bound, never parsed as syntax)."""
    queries = [func.phraseto_tsquery(_CONFIG, " ".join(words)) for words in phrases if words]
    if not queries:
        return None
    combined: ColumnElement[Any] = queries[0]
    for query in queries[1:]:
        combined = combined.op(combine)(query)
    return combined


def _positive(query: SearchQuery) -> ColumnElement[Any] | None:
    return _tsquery(
        [literal_words([t]) for t in query.terms] + [literal_words(p) for p in query.phrases], "&&"
    )


def _excluded(query: SearchQuery) -> ColumnElement[Any] | None:
    return _tsquery([literal_words([t]) for t in query.excluded], "||")


def _vector(query: SearchQuery) -> ColumnElement[Any]:
    return _TITLE_VECTOR if query.title_only else _SEARCH_VECTOR


def _words_filter(vector: ColumnElement[Any], query: SearchQuery) -> ColumnElement[bool] | None:
    """``vector`` holds every word and phrase of ``query`` and none of its excluded words.

    Words and excluded words are one ``tsquery``, so the index answers both: a separate
    ``NOT`` would read every candidate's vector.
    """
    positive = _positive(query)
    excluded = _excluded(query)
    if positive is None:
        return None if excluded is None else ~vector.op("@@")(excluded)
    wanted = positive if excluded is None else positive.op("&&")(func.tsquery_not(excluded))
    return vector.op("@@")(wanted)


class PostgresFullText:
    """``SearchQuery`` on a ``tsvector``: ranked by ``ts_rank_cd``, snippets by ``ts_headline``."""

    def release_filter(self, query: SearchQuery) -> ColumnElement[bool] | None:
        return _words_filter(_vector(query), query)

    def quote_filter(self, query: SearchQuery) -> ColumnElement[bool] | None:
        return _words_filter(_QUOTE_VECTOR, query)

    def exclusion(self, query: SearchQuery) -> ColumnElement[bool] | None:
        excluded = _excluded(query)
        return None if excluded is None else ~_vector(query).op("@@")(excluded)

    def hits(
        self,
        conn: Connection,
        query: SearchQuery,
        filters: list[Any],
        *,
        limit: int,
        offset: int,
    ) -> tuple[list[SearchHit], int] | None:
        positive = _positive(query)
        if positive is None:
            return None
        vector = _vector(query)
        ids = newest_matches(conn, [_words_filter(vector, query), *filters])
        if not ids:
            return [], 0
        # Negated so that, as with FTS5's bm25, a lower rank is a better match. Scored for
        # the candidates only: ``ts_rank_cd`` reads each one's vector.
        rank = (-func.ts_rank_cd(vector, positive)).label("rank")
        candidates = (
            select(Release.id, rank)
            .where(Release.id == any_(literal(ids, ARRAY(Integer))))
            .subquery("candidates")
        )
        page = ranked_page(candidates, "id", limit=limit, offset=offset).subquery("page")
        # The headline is costly: made for the page's rows only, not for every match.
        snippet = func.ts_headline(
            _CONFIG, _HEADLINE_TEXT, positive, literal(_HEADLINE_OPTIONS)
        ).label("snippet")
        rows = conn.execute(
            line_select(snippet, page.c.rank)
            .join(page, page.c.release_id == Release.id)
            .order_by(page.c.rank, Release.id)
        ).all()
        total = len(ids)
        return [SearchHit(line_of(r), shown_snippet(r.snippet), r.rank) for r in rows], total
