"""PostgreSQL specifics: the weighted ``tsvector`` index, user queries as ``tsquery``, locks.

SQLite answers full-text queries with FTS5 (``bot.store.search``); on PostgreSQL the same
``SearchQuery`` runs against a generated, GIN-indexed ``tsvector`` column. Both see the
same words: a query is only ever the literal words ``SearchQuery`` holds, passed as bound
parameters to ``phraseto_tsquery`` (which has no syntax a user could break), and the
document side spaces out the characters FTS5 splits words on but PostgreSQL's parser would
keep inside one token (``OBX-7``, ``3.5``, host names), and each CJK character (as the
SQLite index does, ``bot.store.cjk_text``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    func,
    literal,
    literal_column,
    select,
    text,
)

from bot.store.cjk_text import postgres_spaced_sql
from bot.store.models import Release
from bot.store.releases import line_of, line_select
from bot.store.search import (
    SEARCH_CANDIDATES,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    SearchHit,
    SearchQuery,
    literal_words,
    shown_snippet,
)

# Milliseconds any one statement may run: a slow query fails (politely) well inside
# Discord's 3 s answer deadline instead of leaving the user waiting.
STATEMENT_TIMEOUT_MS = 2_500

# SQLSTATE of a statement cancelled by the timeout.
QUERY_CANCELED = "57014"

# Advisory lock keys (any 64-bit numbers no other application on the database uses).
LOAD_LOCK_KEY = 0x6E657773_0001
MIGRATION_LOCK_KEY = 0x6E657773_0002

# A stemmer without a stop-word list: FTS5 drops no words, so neither may PostgreSQL
# ("the" or "it" in a phrase must still match).
TEXT_SEARCH_CONFIG = "newsbot"
_CONFIG: ColumnElement[Any] = literal_column(f"'{TEXT_SEARCH_CONFIG}'::regconfig")
_SPLIT_CHARS = "-./@:_+"
_SPACES = " " * len(_SPLIT_CHARS)
_HEADLINE_OPTIONS = (
    f'StartSel="{SNIPPET_OPEN}", StopSel="{SNIPPET_CLOSE}", '
    "MaxWords=20, MinWords=8, ShortWord=0, MaxFragments=1"
)


def _vector_sql(column: str, weight: str | None = None, *, cjk: bool = True) -> str:
    """A column's words: with ``cjk``, each CJK character one word (``bot.store.cjk_text``)."""
    document = f"translate(coalesce({column}, ''), '{_SPLIT_CHARS}', '{_SPACES}')"
    if cjk:
        document = postgres_spaced_sql(document)
    vector = f"to_tsvector('{TEXT_SEARCH_CONFIG}'::regconfig, {document})"
    return f"setweight({vector}, '{weight}')" if weight else vector


def _search_vector_sql(*, cjk: bool) -> str:
    # Weights follow FTS5's bm25 weights: title A (10) > summary B (4) > quotes C (2) >
    # body D (1), exactly the ratios of ts_rank_cd's default weights {0.1, 0.2, 0.4, 1.0}.
    return " || ".join(
        _vector_sql(column, weight, cjk=cjk)
        for column, weight in (
            ("title", "A"),
            ("summary", "B"),
            ("quotes_text", "C"),
            ("body", "D"),
        )
    )


# As the baseline and quotes-index migrations made them, before CJK words.
SEARCH_VECTOR_SQL = _search_vector_sql(cjk=False)
TITLE_VECTOR_SQL = _vector_sql("title", cjk=False)

# Run once by the baseline migration. Changing any of it needs a new migration.
POSTGRES_SEARCH_DDL = (
    f"CREATE TEXT SEARCH DICTIONARY {TEXT_SEARCH_CONFIG}_stem "
    "(TEMPLATE = snowball, Language = english)",
    f"CREATE TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} (COPY = english)",
    f"ALTER TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} "
    f"ALTER MAPPING REPLACE english_stem WITH {TEXT_SEARCH_CONFIG}_stem",
    f"ALTER TABLE releases ADD COLUMN search tsvector GENERATED ALWAYS AS ({SEARCH_VECTOR_SQL}) STORED",
    "CREATE INDEX ix_releases_search ON releases USING gin (search)",
    f"CREATE INDEX ix_releases_title_search ON releases USING gin (({TITLE_VECTOR_SQL}))",
)

# Run by the quotes-index migration: each quote's words, for ``/quote`` keywords.
POSTGRES_QUOTES_SEARCH_DDL = (
    f"ALTER TABLE quotes ADD COLUMN search tsvector "
    f"GENERATED ALWAYS AS ({_vector_sql('text', cjk=False)}) STORED",
    "CREATE INDEX ix_quotes_search ON quotes USING gin (search)",
)


def search_columns_ddl(*, cjk: bool) -> tuple[str, ...]:
    """The three word indexes (releases, their titles, quotes) made afresh, with or without
    CJK words: the CJK migration's upgrade and downgrade. Adding a stored generated column
    computes it for every existing row."""
    quote_vector = _vector_sql("text", cjk=cjk)
    return (
        "ALTER TABLE releases DROP COLUMN search",
        "DROP INDEX IF EXISTS ix_releases_title_search",
        "ALTER TABLE quotes DROP COLUMN search",
        f"ALTER TABLE releases ADD COLUMN search tsvector "
        f"GENERATED ALWAYS AS ({_search_vector_sql(cjk=cjk)}) STORED",
        "CREATE INDEX ix_releases_search ON releases USING gin (search)",
        f"CREATE INDEX ix_releases_title_search ON releases "
        f"USING gin (({_vector_sql('title', cjk=cjk)}))",
        f"ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS ({quote_vector}) STORED",
        "CREATE INDEX ix_quotes_search ON quotes USING gin (search)",
    )


_SEARCH_VECTOR: ColumnElement[Any] = literal_column("releases.search")
_QUOTE_VECTOR: ColumnElement[Any] = literal_column("quotes.search")
# Exactly the expression of ``ix_releases_title_search``, so that index answers it.
_TITLE_VECTOR: ColumnElement[Any] = literal_column(_vector_sql("releases.title"))
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
    """``vector`` holds every word and phrase of ``query`` and none of its excluded words."""
    positive = _positive(query)
    excluded = _excluded(query)
    filters = [] if positive is None else [vector.op("@@")(positive)]
    if excluded is not None:
        filters.append(~vector.op("@@")(excluded))
    return and_(*filters) if filters else None


# How many of the newest releases a word search reads to judge how common its words are,
# and the share of them that must match for walking the newest releases to pay.
PROBE_RELEASES = 500
COMMON_SHARE = 0.1


def _common(conn: Connection, matched: list[Any]) -> bool:
    """Whether enough of the newest releases match that walking releases newest first
    finds the candidates soon.

    The planner takes that walk whenever it expects the candidates within reach, but it
    prices reading each release's vector far too low: for a word in a few percent of
    releases the walk reads tens of thousands of them. A rarer search sorts the index's
    matches by id instead (``id + 0``, which the primary key cannot serve).
    """
    newest = select(Release.id).order_by(Release.id.desc()).limit(PROBE_RELEASES).subquery()
    probe = select(func.count()).select_from(Release).join(newest, newest.c.id == Release.id)
    return conn.execute(probe.where(*matched)).scalar_one() >= PROBE_RELEASES * COMMON_SHARE


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
        matched = [vector.op("@@")(positive), *filters]
        exclusion = self.exclusion(query)
        if exclusion is not None:
            matched.append(exclusion)
        # Negated so that, as with FTS5's bm25, a lower rank is a better match. Scored for
        # the newest candidates only: ``ts_rank_cd`` reads each candidate's vector, so
        # scoring every match of a common word would read thousands.
        rank = (-func.ts_rank_cd(vector, positive)).label("rank")
        newest_first = Release.id.desc() if _common(conn, matched) else (Release.id + 0).desc()
        candidates = (
            select(Release.id, rank)
            .where(*matched)
            .order_by(newest_first)
            .limit(SEARCH_CANDIDATES + 1)
            .subquery("candidates")
        )
        # One walk both counts (up to one past the candidates) and ranks.
        counted = select(
            candidates,
            func.count().over().label("total"),
            func.row_number().over(order_by=candidates.c.id.desc()).label("position"),
        ).subquery("counted")
        page = (
            select(counted.c.id, counted.c.rank, counted.c.total)
            .where(counted.c.position <= SEARCH_CANDIDATES)
            .order_by(counted.c.rank, counted.c.id)
            .limit(limit)
            .offset(offset)
            .subquery("page")
        )
        # The headline is costly: made for the page's rows only, not for every match.
        snippet = func.ts_headline(
            _CONFIG, _HEADLINE_TEXT, positive, literal(_HEADLINE_OPTIONS)
        ).label("snippet")
        rows = conn.execute(
            line_select(snippet, page.c.rank, page.c.total)
            .join(page, page.c.id == Release.id)
            .order_by(page.c.rank, Release.id)
        ).all()
        if rows or not offset:
            total = rows[0].total if rows else 0
        else:  # a page past the last: only the total is left to tell
            total = conn.execute(select(func.count()).select_from(candidates)).scalar_one()
        return [SearchHit(line_of(r), shown_snippet(r.snippet), r.rank) for r in rows], total


# Releases a load must add, update or remove before it refreshes the planner's statistics.
ANALYZE_AFTER_ROWS = 500


def begin_load(conn: Connection) -> bool:
    """Take the load lock for this transaction; False when another load holds it.

    A load is an admin's batch job, not a user waiting on Discord: it is exempt from
    the statement timeout.
    """
    conn.execute(text("SET LOCAL statement_timeout = 0"))
    return bool(conn.execute(select(func.pg_try_advisory_xact_lock(LOAD_LOCK_KEY))).scalar_one())


def finish_load(conn: Connection, rows_changed: int) -> None:
    """Move the id sequence past the ids the load assigned itself (max + 1, as on SQLite),
    and after a large load refresh the planner's statistics at once.

    Until autovacuum gets round to it, a freshly filled table looks empty to the planner,
    whose plans for word searches are then seconds slow. ``ANALYZE`` inside the load's
    transaction samples its own new rows, so the first answers after a load are fast.
    """
    conn.execute(
        text(
            "SELECT setval(pg_get_serial_sequence('releases', 'id'), "
            "coalesce((SELECT max(id) FROM releases), 0) + 1, false)"
        )
    )
    if rows_changed >= ANALYZE_AFTER_ROWS:
        conn.execute(text("ANALYZE releases, quotes, companies"))


def begin_migration(conn: Connection) -> None:
    """Wait for any other process migrating the same database; migrations may run long."""
    conn.execute(text("SET LOCAL statement_timeout = 0"))
    conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))


def database_bytes(conn: Connection) -> int:
    return int(conn.execute(select(func.pg_database_size(func.current_database()))).scalar_one())


def engine_options() -> dict[str, Any]:
    """A pool that tests connections before use (so a restarted server is reconnected to)."""
    return {
        "pool_pre_ping": True,
        "connect_args": {"options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"},
    }
