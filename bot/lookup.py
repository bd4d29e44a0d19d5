"""The query service: what users ask, answered as plain dataclasses.

No Discord here: the slash commands, the offline CLI and the tests all call this and
hand the result to ``render``. Fuzzy matching (rapidfuzz) runs against in-memory
indexes that are rebuilt when the data version in the store moves — after a
``/reload`` or a ``newsbot load`` run by another process.
"""

from __future__ import annotations

import heapq
import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from rapidfuzz import fuzz, process, utils

from bot.records import UNKNOWN_COMPANY
from bot.store import (
    CompanyRow,
    LoadRun,
    QuoteRow,
    Release,
    SearchQuery,
    Store,
    date_range,
)

PAGE_SIZE = 5
AUTOCOMPLETE_LIMIT = 25
SUGGESTIONS = 5
# A fuzzy company match at or above this score is taken as the answer.
ACCEPT_SCORE = 80.0
# Below this a name is not even worth suggesting.
SUGGEST_SCORE = 55.0
RELEASE_ID = re.compile(r"#?(\d{1,9})")
# Words worth correcting a typo towards (shorter ones are left as typed).
_VOCABULARY_WORD = re.compile(r"\w{3,}")


class LookupFailure(Exception):
    """Base for answers that are not results; the message is shown to the user."""


class NotFound(LookupFailure):
    """Nothing matched; ``suggestions`` are close alternatives ("did you mean")."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)


class BadQuery(LookupFailure):
    """The user's input cannot be understood; the message says how to write it."""


# --- Results ---------------------------------------------------------------------------


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
    def of(cls, quote: QuoteRow, release: Release) -> QuoteView:
        """From a stored quote and its release (with its company loaded)."""
        return cls(
            speaker=quote.speaker,
            role=quote.role,
            text=quote.text,
            release_id=release.id,
            release_title=release.title,
            release_date=release.date_text,
            company=release.company.name,
        )


@dataclass(frozen=True, slots=True)
class ReleaseSummary:
    id: int
    title: str
    company: str
    date: str | None
    summary: str
    snippet: str | None = None


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
    request: NewsRequest
    understood: str
    results: tuple[ReleaseSummary, ...]
    total: int
    page: int
    page_size: int
    ranked: bool

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


# --- Query text ------------------------------------------------------------------------

_QUOTES = '"“”„«»'
_TOKEN = re.compile(
    r"""(?P<neg>-)?(?P<field>title:)?(?:[\"“”„«»](?P<phrase>[^\"“”„«»]*)[\"“”„«»]?|(?P<word>[^\s\"“”„«»]+))"""
)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def parse_partial_date(text: str) -> tuple[date, date]:
    """``2021`` / ``2021-10`` / ``2021-10-11`` → the days it covers; BadQuery otherwise."""
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if not match:
        raise BadQuery(f"“{text[:40]}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = (int(g) if g else None for g in match.groups())
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    try:
        start, end = date_range(iso)
    except ValueError:
        raise BadQuery(f"“{text[:40]}” is not a real date.") from None
    assert start is not None and end is not None
    return start, end


def _date_token(word: str) -> tuple[date, date] | None:
    """A year, month, day or ``A..B`` range typed among the search words."""
    if ".." in word:
        left, _, right = word.partition("..")
        if (not left or _PARTIAL_DATE.fullmatch(left)) and (
            not right or _PARTIAL_DATE.fullmatch(right)
        ):
            start = parse_partial_date(left)[0] if left else date.min
            end = parse_partial_date(right)[1] if right else date.max
            return start, end
        return None
    if _PARTIAL_DATE.fullmatch(word) and 1900 <= int(word[:4]) <= 2200:
        return parse_partial_date(word)
    return None


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    search: SearchQuery
    company_words: str | None


def parse_news_query(text: str) -> ParsedQuery:
    """Split what the user typed into words, phrases, exclusions, dates and filters.

    Syntax: ``"exact phrase"``, ``-exclude``, ``title:word``, ``company:name``, a year
    ``2021``, a month ``2021-10``, a day, or a range ``2021-03..2021-06``. Anything
    else is a word to find. Unbalanced quotes simply end at the end of the text.
    """
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    title_only = False
    company: str | None = None
    since: date | None = None
    until: date | None = None
    for match in _TOKEN.finditer(text):
        word, phrase = match.group("word"), match.group("phrase")
        title_only = title_only or bool(match.group("field"))
        if word is not None and word.lower().startswith("company:") and not match.group("neg"):
            company = word.split(":", 1)[1] or company
            continue
        if word is not None and not match.group("neg"):
            span = _date_token(word)
            if span is not None:
                since = span[0] if since is None else max(since, span[0])
                until = span[1] if until is None else min(until, span[1])
                continue
        words = tuple((phrase or "").split()) if phrase is not None else (word or "",)
        if not any(words):
            continue
        if match.group("neg"):
            excluded.extend(words)
        elif phrase is not None:
            phrases.append(words)
        else:
            terms.append(words[0])
    search = SearchQuery(
        terms=tuple(terms),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        title_only=title_only,
        since=None if since == date.min else since,
        until=None if until == date.max else until,
    )
    return ParsedQuery(search, company)


def describe_query(query: SearchQuery, company: str | None) -> str:
    """How the query was understood, in words, so users can see what they searched."""
    parts = []
    words = [*query.terms, *(f'"{" ".join(p)}"' for p in query.phrases)]
    if words:
        parts.append(("title contains " if query.title_only else "") + " ".join(words))
    if query.excluded:
        parts.append("without " + ", ".join(query.excluded))
    if company:
        parts.append(f"company {company}")
    if query.since or query.until:
        parts.append(describe_period(query.since, query.until))
    return "; ".join(parts) or "all releases"


def describe_period(since: date | None, until: date | None) -> str:
    """``2021``, ``2021-10``, ``2021-03-01 to 2021-06-30``, ``since …`` or ``until …``."""
    if since and until:
        for iso in (f"{since.year:04d}", f"{since.year:04d}-{since.month:02d}", since.isoformat()):
            if date_range(iso) == (since, until):
                return iso
        return f"{since.isoformat()} to {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    return f"until {until.isoformat()}" if until else "any date"


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise_name(text: str) -> str:
    """Case, spacing and punctuation folded: "Leading Pharm" and "leadingpharm" meet.

    Keeps exactly the ``str.isalnum`` characters (``\\w`` less ``_``), in one regex pass:
    the index folds every spelling of every company at start-up.
    """
    return _NOT_ALNUM.sub("", text.casefold())


# --- In-memory indexes -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CompanyEntry:
    ref: CompanyRef
    aliases: tuple[str, ...]
    website: str | None
    inferred: bool
    release_count: int


_LISTED_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z .]{1,15}:\s*([A-Za-z0-9][A-Za-z0-9.-]{0,9})$")


class CompanyIndex:
    """Every spelling of every company, for exact, prefix and fuzzy resolution."""

    def __init__(self, companies: Sequence[CompanyRow], counts: dict[int, int]) -> None:
        self.entries: dict[int, _CompanyEntry] = {}
        self._exact: dict[str, int] = {}
        keys: list[tuple[str, int]] = []
        for company in companies:
            ref = CompanyRef(company.id, company.name, company.ticker, company.exchange)
            self.entries[company.id] = _CompanyEntry(
                ref, company.aliases, company.website, company.inferred, counts.get(company.id, 0)
            )
            spellings = [company.name, *company.aliases]
            if company.ticker:
                spellings += [company.ticker, company.ticker.split(".")[0]]
            # "NYSE: ABC" found on a page: the symbol alone finds the company too.
            spellings += [m.group(1) for a in company.aliases if (m := _LISTED_SYMBOL.match(a))]
            for spelling in spellings:
                key = normalise_name(spelling)
                if key:
                    self._exact.setdefault(key, company.id)
                    keys.append((key, company.id))
        keys.sort()
        self._keys = [k for k, _ in keys]
        self._key_ids = [cid for _, cid in keys]
        # Spellings by first character: a typo seldom hits the first letter, and scoring
        # one bucket instead of every spelling is what keeps autocomplete fast.
        self._buckets: dict[str, tuple[list[str], list[int]]] = {}
        for key, company_id in keys:
            bucket = self._buckets.setdefault(key[0], ([], []))
            bucket[0].append(key)
            bucket[1].append(company_id)
        # Busiest companies first: the default autocomplete list and /companies.
        self.by_activity = sorted(
            (e for e in self.entries.values() if e.ref.name != UNKNOWN_COMPANY),
            key=lambda e: (-e.release_count, e.ref.name.casefold()),
        )

    def exact(self, text: str) -> int | None:
        return self._exact.get(normalise_name(text))

    def prefixed(self, text: str, limit: int) -> list[int]:
        key = normalise_name(text)
        if not key:
            return []
        found: list[int] = []
        start = bisect_right(self._keys, key) - 1
        for position in range(max(start, 0), len(self._keys)):
            if position >= 0 and self._keys[position].startswith(key):
                if self._key_ids[position] not in found:
                    found.append(self._key_ids[position])
                    if len(found) >= limit:
                        break
            elif self._keys[position] > key:
                break
        return found

    def fuzzy(self, text: str, limit: int) -> list[tuple[int, float]]:
        """Closest companies by edit similarity of their folded spellings, best first.

        Spellings sharing the first character are scored first; all of them only when
        none of those is worth suggesting (a typo in the first letter).
        """
        key = normalise_name(text)
        if not key:
            return []
        keys, ids = self._buckets.get(key[0], ([], []))
        return self._scored(key, keys, ids, limit) or self._scored(
            key, self._keys, self._key_ids, limit
        )

    @staticmethod
    def _scored(key: str, keys: list[str], ids: list[int], limit: int) -> list[tuple[int, float]]:
        scored: dict[int, float] = {}
        for _key, score, position in process.extract(
            key, keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=SUGGEST_SCORE
        ):
            company_id = ids[position]
            scored[company_id] = max(score, scored.get(company_id, 0.0))
        return sorted(scored.items(), key=lambda item: -item[1])[:limit]


@dataclass(frozen=True, slots=True)
class _TitleEntry:
    id: int
    title: str
    company: str
    date: str | None


class TitleIndex:
    """Release titles for autocomplete and fuzzy /release lookups.

    Titles are folded into one newline-joined string so that finding a word is a
    C-speed ``str.find`` rather than a Python loop over every title, and kept sorted
    so that titles starting with what was typed are a bisect away.
    """

    def __init__(self, rows: Sequence[tuple[int, str, str, str | None]]) -> None:
        # Entries are made for the titles shown only, not for every release at start-up.
        self._rows = rows
        folded = [" ".join(title.casefold().split()) for _, title, _, _ in rows]
        self._offsets: list[int] = []
        position = 0
        for title in folded:
            self._offsets.append(position)
            position += len(title) + 1
        self._text = "\n".join(folded)
        self._folded = folded
        self._by_title = sorted(range(len(folded)), key=folded.__getitem__)
        self._sorted = [folded[i] for i in self._by_title]

    @cached_property
    def _vocabulary(self) -> tuple[list[str], dict[str, list[str]]]:
        """Every title word, and the same by first character.

        Built on first use: only typo correction needs it, and start-up should not wait.
        """
        words = sorted({w for title in self._folded for w in _VOCABULARY_WORD.findall(title)})
        by_first: dict[str, list[str]] = {}
        for word in words:
            by_first.setdefault(word[0], []).append(word)
        return words, by_first

    def _containing(self, word: str) -> Iterator[int]:
        """Titles containing ``word``, in index order, found lazily so callers can stop."""
        start = self._text.find(word)
        while start != -1:
            index = bisect_right(self._offsets, start) - 1
            yield index
            start = self._text.find(
                word,
                self._offsets[index + 1] if index + 1 < len(self._offsets) else len(self._text),
            )

    def _matching(
        self, words: Sequence[str], limit: int, skip: Set[int] = frozenset()
    ) -> list[int]:
        """The first ``limit`` titles (index order) containing every word, except ``skip``."""
        if limit <= 0 or not all(w in self._text for w in words):
            # A word found nowhere (a typo, mostly) would make the loop below visit
            # every title holding the other words, only to keep none.
            return []
        anchor = max(words, key=len)
        others = [w for w in words if w is not anchor]
        found: list[int] = []
        for index in self._containing(anchor):
            if index not in skip and all(w in self._folded[index] for w in others):
                found.append(index)
                if len(found) >= limit:
                    break
        return found

    def _starting(self, phrase: str, limit: int) -> list[int]:
        """The first ``limit`` titles (index order) that start with ``phrase``."""
        low = bisect_left(self._sorted, phrase)
        # Every title starting with the phrase sorts below the phrase + the last code point.
        high = bisect_left(self._sorted, phrase + "\U0010ffff", low)
        return heapq.nsmallest(limit, self._by_title[low:high])

    def search(self, text: str, limit: int) -> list[_TitleEntry]:
        """Titles starting with the words, then titles containing them all; else typo-fixed."""
        words = text.casefold().split()
        if not words:
            return [_TitleEntry(*row) for row in self._rows[:limit]]
        hits = self._starting(" ".join(words), limit)
        hits += self._matching(words, limit - len(hits), set(hits))
        if not hits:
            corrected = [self._closest_word(w) for w in words]
            if corrected != words and all(corrected):
                hits = self._matching(corrected, limit)
        return [_TitleEntry(*self._rows[i]) for i in hits]

    def _closest_word(self, word: str) -> str:
        """The nearest title word (or "" when none is close).

        Words sharing the first letter are scored first, a small share of the vocabulary;
        all of them only when none of those is close (a typo in the first letter).
        """
        if len(word) < 3:
            return word
        words, by_first = self._vocabulary
        for candidates in (by_first.get(word[0], []), words):
            best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=75)
            if best:
                return best[0]
        return ""


# --- The service -----------------------------------------------------------------------


def _summary(release: Release, snippet: str | None = None) -> ReleaseSummary:
    return ReleaseSummary(
        id=release.id,
        title=release.title,
        company=release.company.name,
        date=release.date_text,
        summary=release.summary,
        snippet=snippet,
    )


def _load_summary(run: LoadRun) -> LoadSummary:
    return LoadSummary(
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


class Lookup:
    """Answers questions from the store; safe to share between threads."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._clock = clock
        self._started = clock()
        self._lock = threading.Lock()
        self._version = -1
        self._companies = CompanyIndex([], {})
        self._titles = TitleIndex([])
        self._speakers: list[str] = []
        self.refresh()

    # indexes
    def refresh(self) -> None:
        """Rebuild the in-memory indexes from committed data (never from a half state)."""
        with self._lock:
            version = self.store.data_version()
            companies = CompanyIndex(self.store.company_rows(), self.store.release_counts())
            titles = TitleIndex(self.store.release_titles())
            speakers = [name for name, _count in sorted(self.store.speakers(), key=lambda s: -s[1])]
            self._companies, self._titles, self._speakers = companies, titles, speakers
            self._version = version

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
        quotes, _ = self.store.quotes(company_ids=[ref.id], limit=20)
        # The notable quote: the longest from the latest releases — substance over soundbites.
        notable = max(
            quotes, key=lambda q: (q.release.date_start or date.min, len(q.text)), default=None
        )
        return CompanyProfile(
            company=ref,
            aliases=entry.aliases,
            website=entry.website,
            inferred=entry.inferred,
            release_count=stats.release_count,
            first_date=stats.first_date,
            last_date=stats.last_date,
            latest=tuple(ReleaseSummary(*row) for row in recent),
            notable_quote=QuoteView.of(notable, notable.release) if notable else None,
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
            raise NotFound(f"No releases found for {understood}.", self._news_hints(search))
        return NewsPage(
            request=request,
            understood=understood,
            results=tuple(_summary(h.release, h.snippet) for h in hits),
            total=total,
            page=page,
            page_size=page_size,
            ranked=search.has_text,
        )

    def _news_hints(self, search: SearchQuery) -> list[str]:
        hints = []
        if search.since or search.until:
            hints.append("widen the date range")
        if search.excluded or search.title_only:
            hints.append("drop -exclusions or title:")
        if search.terms or search.phrases:
            hints.append("use fewer or different words")
        return hints

    # quotes
    def quotes(
        self, request: QuoteRequest, *, page: int = 0, page_size: int = PAGE_SIZE
    ) -> QuotePage:
        company = self.resolve_company(request.company) if request.company else None
        speakers: list[str] = []
        if request.speaker and request.speaker.strip():
            speakers = self.resolve_speakers(request.speaker)
        keyword = parse_news_query(request.keyword).search if request.keyword else None
        rows, total = self.store.quotes(
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
            tuple(QuoteView.of(r, r.release) for r in rows),
            total,
            max(page, 0),
            page_size,
        )

    def resolve_speakers(self, text: str) -> list[str]:
        """Speakers whose name matches, fuzzily: "li jia", "Jia", "Yu Xia" all find someone."""
        matches = process.extract(
            text.strip(),
            self._speakers,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=SUGGESTIONS,
            score_cutoff=SUGGEST_SCORE,
        )
        if matches and matches[0][1] >= ACCEPT_SCORE:
            best = matches[0][1]
            return [name for name, score, _ in matches if score >= best - 2]
        raise NotFound(f"Nobody called “{text[:80]}” is quoted.", [name for name, _, _ in matches])

    def speaker_choices(self, current: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
        if not current.strip():
            return [Choice(name, name) for name in self._speakers[:limit]]
        matches = process.extract(
            current,
            self._speakers,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=50,
        )
        return [Choice(name, name) for name, _, _ in matches]

    # releases
    def release(self, text: str) -> ReleaseDetail:
        """A release by its id (``42`` or ``#42``) or by (part of) its title."""
        text = text.strip()
        if not text:
            raise BadQuery("Type a release title (autocomplete helps) or its id, e.g. `#1`.")
        id_match = RELEASE_ID.fullmatch(text)
        release = self.store.release(int(id_match.group(1))) if id_match else None
        if release is None:
            found = self._titles.search(text, 1)
            release = self.store.release(found[0].id) if found else None
        if release is None:
            suggestions = (
                [e.title for e in self._titles.search(text.split()[0], SUGGESTIONS)]
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
            quotes=tuple(QuoteView.of(q, release) for q in release.quotes),
            figures=tuple(f.text for f in release.figures),
            sources=tuple(s.path for s in release.sources),
            url=release.url or next((s.url for s in release.sources if s.url), None),
        )

    def release_choices(self, current: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[Choice]:
        choices = []
        for entry in self._titles.search(current, limit):
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
            last_load=_load_summary(stats.last_load) if stats.last_load else None,
            uptime_s=self._clock() - self._started,
        )
