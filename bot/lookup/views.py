"""The answers lookup gives, as plain frozen dataclasses that render turns into embeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.records import Quote
from bot.store import LoadRecord, ReleaseLine


@dataclass(frozen=True, slots=True)
class Choice:
    """An autocomplete choice: what the user sees and what the option receives."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class CompanyRef:
    id: int
    name: str
    ticker: str | None
    exchange: str | None


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote with the release it is from, as every answer that shows a quote needs it."""

    speaker: str | None
    role: str | None
    text: str
    release_id: int
    release_title: str
    release_date: str | None
    company: str

    @classmethod
    def of(cls, quote: Quote, release: ReleaseLine) -> QuoteView:
        """From a stored quote and the line of the release it is from."""
        return cls(
            speaker=quote.speaker,
            role=quote.role,
            text=quote.text,
            release_id=release.id,
            release_title=release.title,
            release_date=release.date_text,
            company=release.company,
        )


@dataclass(frozen=True, slots=True)
class ReleaseSummary:
    id: int
    title: str
    company: str
    date: str | None
    summary: str
    snippet: str | None = None

    @classmethod
    def of(cls, line: ReleaseLine, snippet: str | None = None) -> ReleaseSummary:
        """From a stored release's line, with the search snippet if it was found by words."""
        return cls(line.id, line.title, line.company, line.date_text, line.summary, snippet)


@dataclass(frozen=True, slots=True)
class ReleaseDetail:
    id: int
    title: str
    title_derived: bool
    company: str
    company_inferred: bool
    date: str | None
    date_precision: str | None
    summary: str
    paragraphs: tuple[str, ...]
    quotes: tuple[QuoteView, ...]
    figures: tuple[str, ...]
    sources: tuple[str, ...]
    url: str | None


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    company: CompanyRef
    aliases: tuple[str, ...]
    website: str | None
    inferred: bool
    release_count: int
    first_date: date | None
    last_date: date | None
    latest: tuple[ReleaseSummary, ...]
    notable_quote: QuoteView | None


@dataclass(frozen=True, slots=True)
class CompanyListing:
    company: CompanyRef
    release_count: int


def count_pages(total: int, page_size: int) -> int:
    """Pages needed for ``total`` results; an empty answer is still one page."""
    return max(1, -(-total // page_size))


@dataclass(frozen=True, slots=True)
class NewsRequest:
    """What the user asked /news; kept so a page button can ask for the next page."""

    query: str = ""
    company: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class NewsPage:
    """One page of /news; ``capped``: more than ``total`` matched, and only ``total`` were ranked."""

    request: NewsRequest
    understood: str
    results: tuple[ReleaseSummary, ...]
    total: int
    page: int
    page_size: int
    ranked: bool
    capped: bool = False

    @property
    def page_count(self) -> int:
        return count_pages(self.total, self.page_size)


@dataclass(frozen=True, slots=True)
class QuoteRequest:
    company: str | None = None
    speaker: str | None = None
    keyword: str | None = None


@dataclass(frozen=True, slots=True)
class QuotePage:
    request: QuoteRequest
    understood: str
    results: tuple[QuoteView, ...]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return count_pages(self.total, self.page_size)


@dataclass(frozen=True, slots=True)
class LoadSummary:
    when: str
    actor: str
    outcome: str
    added: int
    updated: int
    unchanged: int
    merged: int
    removed: int
    failed: int
    seconds: float | None

    @classmethod
    def of(cls, run: LoadRecord) -> LoadSummary:
        return cls(
            when=run.started_at.strftime("%Y-%m-%d %H:%M UTC"),
            actor=run.actor,
            outcome=run.outcome,
            added=run.added,
            updated=run.updated,
            unchanged=run.unchanged,
            merged=run.merged,
            removed=run.removed,
            failed=run.failed,
            seconds=run.duration_s,
        )


@dataclass(frozen=True, slots=True)
class StatusView:
    releases: int
    companies: int
    quotes: int
    first_date: date | None
    last_date: date | None
    data_version: int
    database_bytes: int | None
    last_load: LoadSummary | None
    uptime_s: float
