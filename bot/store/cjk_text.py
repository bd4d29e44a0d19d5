"""Chinese, Japanese and Korean text for the full-text indexes: one word per character.

Han, Kana and Hangul are written without spaces between words, and both index tokenizers
(FTS5's unicode61, PostgreSQL's default parser) take a run of such characters as one
word, so "获批" inside a Chinese sentence would never be found. The indexes therefore
see CJK text with ``SPACER`` around each character, and the query side turns a CJK word
into the phrase of its characters: "获批" finds "…获批上市…" on both back ends, while text
without CJK characters is indexed exactly as before.

``SPACER`` is a control character: a word separator for both tokenizers, absent from
loaded text, and removed again from the snippets the indexes hand back.
"""

from __future__ import annotations

import re
from typing import Any

SPACER = "\x1f"

# Han (with its extensions and compatibility forms), Hiragana, Katakana (with half-width
# forms) and Hangul (syllables and jamo); "々", "〆" and "〇" write Han words too.
_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x3040, 0x30FF),
    (0x3130, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFFDC),
    (0x20000, 0x3134F),
)
_CJK_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last in _RANGES)
_CJK = re.compile(f"([{_CJK_CLASS}])")
_CJK_OR_RUN = re.compile(f"[{_CJK_CLASS}]|[^{_CJK_CLASS}]+")

# The same character class as a PostgreSQL regular expression (``\uXXXX`` escapes).
_POSTGRES_CJK_CLASS = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in _RANGES)

# The name of ``spaced`` as a function on every SQLite connection.
SQLITE_FUNCTION = "newsbot_spaced"


def spaced(text: str | None) -> str | None:
    """``text`` as the index reads it: ``SPACER`` around every CJK character."""
    if text is None or text.isascii():
        return text
    return _CJK.sub(f"{SPACER}\\1{SPACER}", text)


def unspaced(text: str) -> str:
    """A snippet made from spaced text, as it was written."""
    return text.replace(SPACER, "")


def query_words(word: str) -> list[str]:
    """The index words of one word of a query: each CJK character alone, other runs whole
    (``新药获批`` → 新, 药, 获, 批; ``mRNA疫苗`` → mRNA, 疫, 苗)."""
    if word.isascii():
        return [word]
    return _CJK_OR_RUN.findall(word)


def register_sqlite_function(dbapi_connection: Any) -> None:
    """Make ``SQLITE_FUNCTION`` callable on a new SQLite connection: the index's content
    views and triggers call it, so every connection to the database needs it."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, spaced, deterministic=True)


def postgres_spaced_sql(expression: str) -> str:
    """``spaced`` in PostgreSQL SQL (immutable, so a generated column may use it)."""
    return f"regexp_replace({expression}, '([{_POSTGRES_CJK_CLASS}])', E'\\x1f\\\\1\\x1f', 'g')"
