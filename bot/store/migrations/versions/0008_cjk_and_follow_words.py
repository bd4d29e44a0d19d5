"""CJK words: Chinese, Japanese and Korean characters indexed one by one, so a word such as
"获批" is found inside a sentence by ``/news``, ``/quote`` and follow keywords alike.

Both back ends' word indexes are made afresh from the rows already stored. On SQLite the
FTS5 tables read their text through views that space out CJK characters with the
``newsbot_spaced`` function every connection registers; on PostgreSQL the generated
``tsvector`` columns (and the title index) do the same with ``regexp_replace``.

Follow keywords become ``/news`` queries in the same step: stored keywords were words and
quoted phrases only, and a stored word ``/news`` would read otherwise (``-x`` as an
exclusion, ``2024`` as a year, ``company:x`` as a filter) is quoted, so each subscription
keeps asking for the words it asked for.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import re

from alembic import op
from sqlalchemy import text

from bot.store.cjk_text import SQLITE_FUNCTION
from bot.store.fts5_index import RELEASES_FTS_CONTENT, SQLITE_FTS_DDL, SQLITE_QUOTES_FTS_DDL
from bot.store.postgres_index import search_columns_ddl

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_SPACED = SQLITE_FUNCTION

# Both FTS5 indexes read their text through a view that spaces out CJK characters, so
# snippets, rebuilds and the triggers' deletes all see the text as it was indexed; the load
# fills ``releases_fts`` from its view too.
SQLITE_SPACED_FTS_DDL = (
    f"""CREATE VIEW {RELEASES_FTS_CONTENT} AS SELECT id, {_SPACED}(title) AS title,
        {_SPACED}(summary) AS summary, {_SPACED}(body) AS body,
        {_SPACED}(quotes_text) AS quotes_text FROM releases""",
    f"""CREATE VIRTUAL TABLE releases_fts USING fts5(
        title, summary, body, quotes_text,
        content='{RELEASES_FTS_CONTENT}', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER releases_fts_delete AFTER DELETE ON releases BEGIN
        INSERT INTO releases_fts(releases_fts, rowid, title, summary, body, quotes_text)
        VALUES ('delete', old.id, {_SPACED}(old.title), {_SPACED}(old.summary),
                {_SPACED}(old.body), {_SPACED}(old.quotes_text));
    END""",
    f"""CREATE TRIGGER releases_fts_update AFTER UPDATE OF
        title, summary, body, quotes_text ON releases BEGIN
        INSERT INTO releases_fts(releases_fts, rowid, title, summary, body, quotes_text)
        VALUES ('delete', old.id, {_SPACED}(old.title), {_SPACED}(old.summary),
                {_SPACED}(old.body), {_SPACED}(old.quotes_text));
        INSERT INTO releases_fts(rowid, title, summary, body, quotes_text)
        VALUES (new.id, {_SPACED}(new.title), {_SPACED}(new.summary),
                {_SPACED}(new.body), {_SPACED}(new.quotes_text));
    END""",
    "INSERT INTO releases_fts(releases_fts) VALUES ('rebuild')",
    f"CREATE VIEW quotes_fts_text AS SELECT id, {_SPACED}(text) AS text FROM quotes",
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='quotes_fts_text', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, {_SPACED}(new.text));
    END""",
    f"""CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text)
        VALUES ('delete', old.id, {_SPACED}(old.text));
    END""",
    f"""CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text)
        VALUES ('delete', old.id, {_SPACED}(old.text));
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, {_SPACED}(new.text));
    END""",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
)

_TRIGGERS = (
    "releases_fts_insert",
    "releases_fts_delete",
    "releases_fts_update",
    "quotes_fts_insert",
    "quotes_fts_delete",
    "quotes_fts_update",
)


def _drop_sqlite_indexes() -> None:
    bind = op.get_bind()
    for trigger in _TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    for name in ("releases_fts", "quotes_fts"):
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    for view in (RELEASES_FTS_CONTENT, "quotes_fts_text"):
        bind.exec_driver_sql(f"DROP VIEW IF EXISTS {view}")


# Follow keywords as stored before: words, and phrases in straight quotes.
_STORED_KEYWORD = re.compile(r'"([^"]*)"?|([^\s"]+)')
# A word every query parser reads as a word: letters first, then letters and digits.
_PLAIN_WORD = re.compile(r"[^\W\d_]\w*")


def query_keywords(stored: str) -> str:
    """Stored keywords as a ``/news`` query asking for the same words."""
    parts = []
    for match in _STORED_KEYWORD.finditer(stored):
        phrase, word = match.groups()
        if phrase is not None:
            parts.append(f'"{phrase}"')
        else:
            parts.append(word if _PLAIN_WORD.fullmatch(word) else f'"{word}"')
    return " ".join(parts)


def _rewrite_follow_keywords() -> None:
    bind = op.get_bind()
    stored = bind.execute(text("SELECT id, keywords FROM subscriptions WHERE keywords != ''"))
    for subscription_id, keywords in stored.all():
        rewritten = query_keywords(keywords)
        if rewritten != keywords:
            bind.execute(
                text("UPDATE subscriptions SET keywords = :keywords WHERE id = :id"),
                {"keywords": rewritten, "id": subscription_id},
            )


def upgrade() -> None:
    _rewrite_follow_keywords()
    bind = op.get_bind()
    statements: tuple[str, ...]
    if bind.dialect.name == "sqlite":
        _drop_sqlite_indexes()
        statements = SQLITE_SPACED_FTS_DDL
    else:
        statements = search_columns_ddl(cjk=True, translated=True)
    for statement in statements:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    # Rewritten follow keywords stay: quoted words read the same before this revision.
    bind = op.get_bind()
    statements: tuple[str, ...]
    if bind.dialect.name == "sqlite":
        _drop_sqlite_indexes()
        # As 0007 left them: the releases' insert trigger had gone in 0006.
        statements = tuple(s for s in SQLITE_FTS_DDL if "releases_fts_insert" not in s)
        statements += ("INSERT INTO releases_fts(releases_fts) VALUES ('rebuild')",)
        statements += SQLITE_QUOTES_FTS_DDL
    else:
        statements = search_columns_ddl(cjk=False, translated=True)
    for statement in statements:
        bind.exec_driver_sql(statement)
