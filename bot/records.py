"""The release record: the one shape every layer agrees on.

Ingest produces it, the store persists it, ``newsbot parse --json`` prints it and
``.json``/``.jsonl`` inputs are read back into it, so the JSON keys below are a
stable, documented format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year"]

# The company of a page that names none: its release is searchable, but it is no company.
UNKNOWN_COMPANY = "Unknown"

RECORD_KEYS = (
    "company",
    "company_inferred",
    "company_aliases",
    "title",
    "title_derived",
    "date",
    "date_precision",
    "summary",
    "body",
    "quotes",
    "figures",
    "source",
    "url",
    "content_hash",
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote; speaker and role stay separate so users can search by either."""

    speaker: str | None
    role: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "role": self.role, "text": self.text}


@dataclass(slots=True)
class ReleaseRecord:
    """One press release, cleaned.

    ``date`` is a partial ISO date whose length matches ``date_precision``
    (``2021-10-11`` / ``2021-10`` / ``2021``) or ``None`` when the page states no date:
    we never invent one from the load time.
    ``body`` holds the cleaned paragraphs separated by blank lines.
    ``company_aliases`` are other names the page gives its company (legal name, ticker),
    so that a company first met on a page can be found by any of them.
    """

    company: str
    title: str
    summary: str
    body: str
    source: str
    company_inferred: bool = False
    company_aliases: list[str] = field(default_factory=list)
    title_derived: bool = False
    date: str | None = None
    date_precision: DatePrecision | None = None
    quotes: list[Quote] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    url: str | None = None
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.body)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def to_json(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "company_inferred": self.company_inferred,
            "company_aliases": list(self.company_aliases),
            "title": self.title,
            "title_derived": self.title_derived,
            "date": self.date,
            "date_precision": self.date_precision,
            "summary": self.summary,
            "body": self.body,
            "quotes": [q.to_json() for q in self.quotes],
            "figures": list(self.figures),
            "source": self.source,
            "url": self.url,
            "content_hash": self.content_hash,
        }


def content_hash(body: str) -> str:
    """Hash of the cleaned body, whitespace- and case-folded.

    Two scrapes of the same release that differ only in boilerplate or spacing hash
    alike, which is what makes a reload of unchanged content a no-op.
    """
    return hashlib.sha256(_single_spaced(body).casefold().encode("utf-8")).hexdigest()


def _single_spaced(body: str) -> str:
    """``" ".join(body.split())``, without splitting the common case: a parsed body is
    single-spaced paragraphs joined by blank lines, so joining them with a space is the
    whole work. ``isprintable`` is false for every whitespace character but the space."""
    joined = body.replace("\n\n", " ")
    if joined.isprintable() and "  " not in joined and joined[:1] != " " and joined[-1:] != " ":
        return joined
    return " ".join(body.split())
