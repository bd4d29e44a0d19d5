"""What users type into /news and date options: parsed into a ``SearchQuery``, and described back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.lookup.failures import BadQuery
from bot.store import SearchQuery, date_range

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


def news_hints(search: SearchQuery) -> list[str]:
    """What to try when a search finds nothing, from the parts of the query that narrow it."""
    hints = []
    if search.since or search.until:
        hints.append("widen the date range")
    if search.excluded or search.title_only:
        hints.append("drop -exclusions or title:")
    if search.terms or search.phrases:
        hints.append("use fewer or different words")
    return hints
