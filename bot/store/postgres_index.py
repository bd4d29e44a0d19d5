"""PostgreSQL's word index: a generated, GIN-indexed ``tsvector`` column and its DDL.

The document side spaces out the characters FTS5 splits words on but PostgreSQL's parser
would keep inside one token (``OBX-7``, ``3.5``, host names), and each CJK character (as
the SQLite index does, ``bot.store.cjk_text``), so both back ends see the same words.
Migrations run this DDL; the queries on the index are in ``bot.store.postgres_search``.
"""

from __future__ import annotations

from bot.store.cjk_text import postgres_spaced_sql

# A stemmer without a stop-word list: FTS5 drops no words, so neither may PostgreSQL
# ("the" or "it" in a phrase must still match).
TEXT_SEARCH_CONFIG = "newsbot"
_SPLIT_CHARS = "-./@:_+"


def split_words_sql(expression: str, *, translated: bool = False) -> str:
    """``expression`` with each of ``_SPLIT_CHARS`` turned into a space.

    One ``replace`` per character: on PostgreSQL's multibyte text ``translate`` costs
    about eight times as much, up to a fifth of the server's work in a load. ``translated``
    gives the ``translate`` form revisions up to 0008 wrote (the same text), so those
    migrations still make what they made.
    """
    if translated:
        return f"translate({expression}, '{_SPLIT_CHARS}', '{' ' * len(_SPLIT_CHARS)}')"
    for char in _SPLIT_CHARS:
        expression = f"replace({expression}, '{char}', ' ')"
    return expression


def vector_sql(
    column: str, weight: str | None = None, *, cjk: bool = True, translated: bool = False
) -> str:
    """A column's words: with ``cjk``, each CJK character one word (``bot.store.cjk_text``)."""
    document = split_words_sql(f"coalesce({column}, '')", translated=translated)
    if cjk:
        document = postgres_spaced_sql(document)
    vector = f"to_tsvector('{TEXT_SEARCH_CONFIG}'::regconfig, {document})"
    return f"setweight({vector}, '{weight}')" if weight else vector


def _searchvector_sql(*, cjk: bool, translated: bool) -> str:
    # Weights follow FTS5's bm25 weights: title A (10) > summary B (4) > quotes C (2) >
    # body D (1), exactly the ratios of ts_rank_cd's default weights {0.1, 0.2, 0.4, 1.0}.
    return " || ".join(
        vector_sql(column, weight, cjk=cjk, translated=translated)
        for column, weight in (
            ("title", "A"),
            ("summary", "B"),
            ("quotes_text", "C"),
            ("body", "D"),
        )
    )


# As the baseline and quotes-index migrations made them, before CJK words.
SEARCH_VECTOR_SQL = _searchvector_sql(cjk=False, translated=True)
TITLE_VECTOR_SQL = vector_sql("title", cjk=False, translated=True)

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
    f"GENERATED ALWAYS AS ({vector_sql('text', cjk=False, translated=True)}) STORED",
    "CREATE INDEX ix_quotes_search ON quotes USING gin (search)",
)


def search_columns_ddl(*, cjk: bool, translated: bool) -> tuple[str, ...]:
    """The three word indexes (releases, their titles, quotes) made afresh, with or without
    CJK words, split by ``translate`` or by ``replace``: the upgrades and downgrades of
    the CJK and the cheaper-splitting migrations. Adding a stored generated column
    computes it for every existing row."""
    quote_vector = vector_sql("text", cjk=cjk, translated=translated)
    return (
        "ALTER TABLE releases DROP COLUMN search",
        "DROP INDEX IF EXISTS ix_releases_title_search",
        "ALTER TABLE quotes DROP COLUMN search",
        f"ALTER TABLE releases ADD COLUMN search tsvector "
        f"GENERATED ALWAYS AS ({_searchvector_sql(cjk=cjk, translated=translated)}) STORED",
        "CREATE INDEX ix_releases_search ON releases USING gin (search)",
        f"CREATE INDEX ix_releases_title_search ON releases "
        f"USING gin (({vector_sql('title', cjk=cjk, translated=translated)}))",
        f"ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS ({quote_vector}) STORED",
        "CREATE INDEX ix_quotes_search ON quotes USING gin (search)",
    )
