"""The ``Lookup`` service: answers questions from the store with the in-memory indexes.

Fuzzy matching (rapidfuzz) runs against indexes that are rebuilt when the data version
in the store moves — after a ``/reload`` or a ``newsbot load`` run by another process.
"""

from __future__ import annotations

import gc
import re
import threading
import time
from collections.abc import Callable
from datetime import date

from bot.lookup.company_index import ACCEPT_SCORE, CompanyIndex, normalise_name
from bot.lookup.failures import SUGGESTIONS, BadQuery, NotFound
from bot.lookup.lazy_index import LazyIndex
from bot.lookup.query_text import describe_query, news_hints, parse_news_query, parse_partial_date
from bot.lookup.speaker_index import SpeakerIndex
from bot.lookup.title_index import TitleIndex
from bot.lookup.views import (
    Choice,
    CompanyListing,
    CompanyProfile,
    CompanyRef,
    LoadSummary,
    NewsPage,
    NewsRequest,
    QuotePage,
    QuoteRequest,
    QuoteView,
    ReleaseDetail,
    ReleaseSummary,
    StatusView,
)
from bot.store import SEARCH_CANDIDATES, SearchQuery, Store

PAGE_SIZE = 5
AUTOCOMPLETE_LIMIT = 25
RELEASE_ID = re.compile(r"#?(\d{1,9})")


class Lookup:
    """Answers questions from the store; safe to share between threads."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._clock = clock
        self._started = clock()
        self._lock = threading.Lock()
        self._version = -1
        self._companies = CompanyIndex([], {})
        # Read by /release and /quote only: built when first asked for, not at start-up.
        self._titles = LazyIndex(lambda: TitleIndex(store.release_titles()))
        self._speakers = LazyIndex(lambda: SpeakerIndex(store.speakers()))
        self.refresh()

    # indexes
    def refresh(self) -> None:
        """Rebuild the in-memory indexes from committed data (never from a half state)."""
        with self._lock:
            version = self.store.data_version()
            self._companies = CompanyIndex(self.store.company_rows(), self.store.release_counts())
            self._titles.reset()
            self._speakers.reset()
            self._version = version

    def warm(self) -> None:
        """Build the indexes made on first use now, from a background step: at 100,000
        releases the titles take a second or two, which the first ``/release`` autocomplete
        after a start or a load would otherwise spend of its three.

        Then the garbage collector is told to leave what is alive alone. The indexes are
        millions of long-lived objects: a full collection walks them all (~100 ms at
        100,000 releases), and one lands in a random answer every few hundred. Frozen
        objects are still freed when dropped; each warm that builds anything first
        collects what the last one froze, so garbage is never kept for good. A warm
        with nothing to build (the bot asks every half minute) does nothing."""
        if self._titles.built and self._speakers.built:
            return
        self._titles.get()
        self._speakers.get()
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def refresh_if_stale(self) -> bool:
        """Cheap check of the store's data version; rebuild when another load moved it."""
        if self.store.data_version() != self._version:
            self.refresh()
            return True
        return False

    @property
    def data_version(self) -> int:
        return self._version

    # companies
    def resolve_company(self, text: str) -> CompanyRef:
        """The company a user means: exact spelling, unique prefix, or close fuzzy match."""
        text = text.strip()
        if not text:
            raise BadQuery("Type a company name, alias or ticker, e.g. `Akeso` or `9926.HK`.")
        index = self._companies
        exact = index.exact(text)
        if exact is not None:
            return index.entries[exact].ref
        prefixed = index.prefixed(text, 2)
        if len(prefixed) == 1 and len(normalise_name(text)) >= 3:
            return index.entries[prefixed[0]].ref
        fuzzy = index.fuzzy(text, SUGGESTIONS)
        if (
            fuzzy
            and fuzzy[0][1] >= ACCEPT_SCORE
            and (len(fuzzy) == 1 or fuzzy[0][1] - fuzzy[1][1] >= 5)
        ):
            return index.entries[fuzzy[0][0]].ref
        suggestions = [index.entries[cid].ref.name for cid in prefixed]
        suggestions += [
            index.entries[cid].ref.name
            for cid, _ in fuzzy
            if index.entries[cid].ref.name not in suggestions
        ]
        raise NotFound(f"No company matches “{text[:80]}”.", suggestions[:SUGGESTIONS])

    def company_choices(self, current: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
        index = self._companies
        if not current.strip():
            ids = [e.ref.id for e in index.by_activity[:limit]]
        else:
            ids = []
            exact = index.exact(current)
            if exact is not None:
                ids.append(exact)
            ids += [cid for cid in index.prefixed(current, limit) if cid not in ids]
            # Fuzzy scoring is the slow part: skip it when the list is already full, and
            # for one or two letters, which are a prefix being typed rather than a typo.
            if len(ids) < limit and len(normalise_name(current)) >= 3:
                ids += [cid for cid, _ in index.fuzzy(current, limit) if cid not in ids]
        choices = []
        for company_id in ids[:limit]:
            entry = index.entries[company_id]
            label = entry.ref.name
            if entry.ref.ticker:
                label += f" ({entry.ref.ticker})"
            label += f" · {entry.release_count} release{'s' if entry.release_count != 1 else ''}"
            choices.append(Choice(label, entry.ref.name))
        return choices

    def companies(self) -> list[CompanyListing]:
        return [CompanyListing(e.ref, e.release_count) for e in self._companies.by_activity]

    def company_profile(self, text: str, *, latest: int = 5) -> CompanyProfile:
        ref = self.resolve_company(text)
        entry = self._companies.entries[ref.id]
        stats = self.store.company_stats(ref.id)
        recent = self.store.latest_releases(ref.id, latest)
        hits, _ = self.store.quotes(company_ids=[ref.id], limit=20)
        # The notable quote: the longest from the latest releases — substance over soundbites.
        notable = max(
            hits, key=lambda h: (h.release.date_start or date.min, len(h.quote.text)), default=None
        )
        return CompanyProfile(
            company=ref,
            aliases=entry.aliases,
            website=entry.website,
            inferred=entry.inferred,
            release_count=stats.release_count,
            first_date=stats.first_date,
            last_date=stats.last_date,
            latest=tuple(ReleaseSummary.of(line) for line in recent),
            notable_quote=QuoteView.of(notable.quote, notable.release) if notable else None,
        )

    # news
    def news(self, request: NewsRequest, *, page: int = 0, page_size: int = PAGE_SIZE) -> NewsPage:
        parsed = parse_news_query(request.query)
        search = parsed.search
        company_text = request.company or parsed.company_words
        company = self.resolve_company(company_text) if company_text else None
        since = parse_partial_date(request.since)[0] if request.since else search.since
        until = parse_partial_date(request.until)[1] if request.until else search.until
        if since and until and since > until:
            raise BadQuery("The start date is after the end date.")
        search = SearchQuery(
            terms=search.terms,
            phrases=search.phrases,
            excluded=search.excluded,
            title_only=search.title_only,
            company_ids=(company.id,) if company else (),
            since=since,
            until=until,
        )
        understood = describe_query(search, company.name if company else None)
        page = max(page, 0)
        hits, total = self.store.search(search, limit=page_size, offset=page * page_size)
        if not total:
            raise NotFound(f"No releases found for {understood}.", news_hints(search))
        # A word search counts its matches only up to one past the candidates it ranks.
        capped = search.has_text and total > SEARCH_CANDIDATES
        return NewsPage(
            request=request,
            understood=understood,
            results=tuple(ReleaseSummary.of(h.release, h.snippet) for h in hits),
            total=SEARCH_CANDIDATES if capped else total,
            page=page,
            page_size=page_size,
            ranked=search.has_text,
            capped=capped,
        )

    # quotes
    def quotes(
        self, request: QuoteRequest, *, page: int = 0, page_size: int = PAGE_SIZE
    ) -> QuotePage:
        company = self.resolve_company(request.company) if request.company else None
        speakers: list[str] = []
        if request.speaker and request.speaker.strip():
            speakers = self._speakers.get().resolve(request.speaker)
        keyword = parse_news_query(request.keyword).search if request.keyword else None
        hits, total = self.store.quotes(
            company_ids=[company.id] if company else [],
            speakers=speakers,
            keyword=keyword,
            limit=page_size,
            offset=max(page, 0) * page_size,
        )
        parts = []
        if company:
            parts.append(f"company {company.name}")
        if speakers:
            parts.append("speaker " + " or ".join(speakers))
        if request.keyword:
            parts.append(f"words {request.keyword.strip()}")
        understood = "; ".join(parts) or "all quotes"
        if not total:
            raise NotFound(f"No quotes found for {understood}.", ["try fewer filters"])
        return QuotePage(
            request,
            understood,
            tuple(QuoteView.of(hit.quote, hit.release) for hit in hits),
            total,
            max(page, 0),
            page_size,
        )

    def speaker_choices(self, current: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
        return self._speakers.get().choices(current, limit)

    # releases
    def release(self, text: str) -> ReleaseDetail:
        """A release by its id (``42`` or ``#42``) or by (part of) its title."""
        text = text.strip()
        if not text:
            raise BadQuery("Type a release title (autocomplete helps) or its id, e.g. `#1`.")
        id_match = RELEASE_ID.fullmatch(text)
        release = self.store.release(int(id_match.group(1))) if id_match else None
        if release is None:
            found = self._titles.get().search(text, 1)
            release = self.store.release(found[0].id) if found else None
        if release is None:
            suggestions = (
                [e.title for e in self._titles.get().search(text.split()[0], SUGGESTIONS)]
                if text.split()
                else []
            )
            raise NotFound(f"No release matches “{text[:80]}”.", suggestions)
        return ReleaseDetail(
            id=release.id,
            title=release.title,
            title_derived=release.title_derived,
            company=release.company.name,
            company_inferred=release.company_inferred,
            date=release.date_text,
            date_precision=release.date_precision,
            summary=release.summary,
            paragraphs=tuple(p for p in release.body.split("\n\n") if p.strip()),
            quotes=tuple(QuoteView.of(q, release.line) for q in release.quotes),
            figures=release.figures,
            sources=tuple(s.path for s in release.sources),
            url=release.url or next((s.url for s in release.sources if s.url), None),
        )

    def release_choices(self, current: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
        choices = []
        for entry in self._titles.get().search(current, limit):
            label = f"{entry.title} — {entry.company}" + (f", {entry.date}" if entry.date else "")
            choices.append(Choice(label, f"#{entry.id}"))
        return choices

    # status
    def status(self) -> StatusView:
        stats = self.store.stats()
        return StatusView(
            releases=stats.releases,
            companies=stats.companies,
            quotes=stats.quotes,
            first_date=stats.first_date,
            last_date=stats.last_date,
            data_version=stats.data_version,
            database_bytes=stats.database_bytes,
            last_load=LoadSummary.of(stats.last_load) if stats.last_load else None,
            uptime_s=self._clock() - self._started,
        )
