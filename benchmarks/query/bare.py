"""The bare baselines: the statements a hand-written bot would run, on plain sqlite3,
and rapidfuzz for names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rapidfuzz import process

from benchmarks.query.inputs import Inputs
from bot.lookup import parse_news_query
from bot.store import fts_match_expression
from bot.store.fts5_search import BM25_WEIGHTS

_BARE_FTS = (
    "SELECT rowid, bm25(releases_fts, {weights}) AS rank FROM releases_fts "
    "WHERE releases_fts MATCH ? ORDER BY rank LIMIT 5"
).format(weights=", ".join(str(w) for w in BM25_WEIGHTS))
_BARE_FTS_FILTERED = (
    "SELECT f.rowid, bm25(releases_fts, {weights}) AS rank FROM releases_fts f "
    "JOIN releases r ON r.id = f.rowid WHERE releases_fts MATCH ? AND {where} "
    "ORDER BY rank LIMIT 5"
)
_BARE_FTS_COMPANY = _BARE_FTS_FILTERED.format(
    weights=", ".join(str(w) for w in BM25_WEIGHTS), where="r.company_id = ?"
)
_BARE_FTS_PERIOD = _BARE_FTS_FILTERED.format(
    weights=", ".join(str(w) for w in BM25_WEIGHTS), where="r.date_start >= ? AND r.date_end <= ?"
)
_BARE_DATE_COUNT = "SELECT count(*) FROM releases WHERE date_start >= ? AND date_end <= ?"
_BARE_DATE_PAGE = (
    "SELECT id, title, date_text, summary FROM releases WHERE date_start >= ? AND date_end <= ? "
    "ORDER BY date_start DESC, id DESC LIMIT 5"
)
_BARE_COMPANY = (
    "SELECT count(*), min(date_start), max(date_end) FROM releases WHERE company_id = ?",
    "SELECT id, title, date_text, summary FROM releases WHERE company_id = ? "
    "ORDER BY date_start DESC NULLS LAST, id DESC LIMIT 5",
    "SELECT q.speaker, q.role, q.text, r.id, r.title, r.date_text FROM quotes q "
    "JOIN releases r ON r.id = q.release_id WHERE r.company_id = ? "
    "ORDER BY r.date_start DESC NULLS LAST, q.release_id, q.position LIMIT 20",
)


class Bare:
    """The same questions answered with nothing but sqlite3 and rapidfuzz."""

    def __init__(self, db: Path, inputs: Inputs) -> None:
        self.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
        self.inputs = inputs
        self._ids = [inputs.company_ids[name] for name in inputs.names]
        self._folded_titles = [title.casefold() for title in inputs.title_texts]

    def close(self) -> None:
        self.conn.close()

    def company_choices(self, text: str) -> object:
        return process.extract(text, self.inputs.names, limit=25)

    def release_choices(self, text: str) -> object:
        # Fuzzy-scoring 100k titles takes most of a second: a substring scan is the fair floor.
        needle = text.casefold()
        return [title for title in self._folded_titles if needle in title][:25]

    def company_profile(self, text: str) -> object:
        best = process.extractOne(text, self.inputs.names)
        company_id = self._ids[best[2]]
        return [self.conn.execute(sql, (company_id,)).fetchall() for sql in _BARE_COMPANY]

    def keyword(self, expression: str) -> object:
        return self.conn.execute(_BARE_FTS, (expression,)).fetchall()

    def keyword_in_company(self, match_and_company: tuple[str, int]) -> object:
        return self.conn.execute(_BARE_FTS_COMPANY, match_and_company).fetchall()

    def keyword_in_period(self, match_and_span: tuple[str, str, str]) -> object:
        return self.conn.execute(_BARE_FTS_PERIOD, match_and_span).fetchall()

    def period(self, span: tuple[str, str]) -> object:
        count = self.conn.execute(_BARE_DATE_COUNT, span).fetchone()
        return count, self.conn.execute(_BARE_DATE_PAGE, span).fetchall()


def bare_match(text: str) -> str:
    """The FTS5 expression the store would build for a /news query."""
    positive, negative = fts_match_expression(parse_news_query(text).search)
    assert positive is not None, text
    return f"{positive} NOT {negative}" if negative else positive


def bare_span(text: str) -> tuple[str, str]:
    search = parse_news_query(text).search
    assert search.since is not None and search.until is not None, text
    return search.since.isoformat(), search.until.isoformat()
