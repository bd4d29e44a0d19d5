"""Full-text search: the FTS5 index definition and the translation of user queries into ``MATCH``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"

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

# Column weights for bm25: a hit in the title counts most, then the summary, quotes, body.
BM25_WEIGHTS = (10.0, 4.0, 1.0, 2.0)


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


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


def _fts_phrase(words: Iterable[str]) -> str | None:
    """One FTS5 string literal; only word characters survive, so nothing in it is syntax."""
    tokens = [t for w in words for t in _FTS_TOKEN.findall(w)]
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
