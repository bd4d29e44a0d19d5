"""SQLite's FTS5 word indexes: the virtual tables and the triggers that keep them in step.

Only migrations run this DDL; the queries on these indexes are in ``bot.store.fts5_search``.
"""

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
