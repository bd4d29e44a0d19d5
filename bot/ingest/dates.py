"""Publication dates: many written forms → partial ISO dates, preferring explicit metadata."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

from bot.ingest.evidence import PageParts
from bot.records import DatePrecision

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Each pattern names year/month/day groups; a missing day means month precision.
_FULL_DATES = (
    re.compile(rf"{_YEAR}\s*[-/.]\s*(?P<mnum>\d{{1,2}})\s*[-/.]\s*(?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"{_YEAR}[-/](?P<mnum>\d{{1,2}})(?![\d/.-])"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<mnum>\d{{1,2}})\s*月(?:\s*(?P<day>\d{{1,2}})\s*[日号])?"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE
    ),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
)
# A month and day with no year ("on Oct 11st"): completed from context.
_MONTH_DAY = re.compile(
    rf"\bon\s+{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?!,?\s+\d)", re.IGNORECASE
)
# In prose, only a date the event happened "on" is taken for the release date; "the year
# ended December 31, 2015" or "as of June 30" are reporting periods.
_ON_BEFORE = re.compile(r"\bon\s+\Z", re.IGNORECASE)
_BARE_YEAR = re.compile(rf"\b{_YEAR}\b")
# Every full date has a year: texts without one skip the costlier patterns.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# After a dateline's date: an optional "/PRNewswire/" or "(GLOBE NEWSWIRE)" tag, then a dash.
_DATELINE_TAIL = re.compile(r"\s*(?:/[^/\n]{1,40}/|\([^()\n]{1,40}\))?\s*(?:--|—|–|-)\s")
_DATELINE_REACH = 120
_LEAD_REACH = 300


class PartialDate(NamedTuple):
    """A date as precise as the page states it."""

    iso: str
    precision: DatePrecision


def _build(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if month is None:
        return PartialDate(f"{year:04d}", "year")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(f"{year:04d}-{month:02d}", "month")
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(f"{year:04d}-{month:02d}-{day:02d}", "day")


def _from_match(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else None
    if groups.get("month"):
        month = _MONTHS[groups["month"][:3].casefold()]
    day = int(groups["day"]) if groups.get("day") else None
    return _build(int(groups["year"]), month, day)


def _dates_in(text: str) -> list[tuple[int, int, PartialDate]]:
    """Every full or month date in ``text`` as (start, end, date), in reading order."""
    found: list[tuple[int, int, PartialDate]] = []
    if _ANY_YEAR.search(text) is None:
        return found
    taken: list[tuple[int, int]] = []
    for pattern in _FULL_DATES:  # most specific first; later patterns skip covered spans
        for match in pattern.finditer(text):
            start, end = match.span()
            if (start and text[start - 1].isdigit()) or any(
                s < end and start < e for s, e in taken
            ):
                continue
            date = _from_match(match)
            if date is not None:
                found.append((start, end, date))
                taken.append((start, end))
    found.sort(key=lambda item: item[0])
    return found


def parse_date(text: str, *, allow_year: bool = False) -> PartialDate | None:
    """The first date written in ``text``; a bare year only when the caller trusts the text."""
    dates = _dates_in(text)
    if dates:
        return dates[0][2]
    match = _BARE_YEAR.search(text) if allow_year else None
    return _build(int(match.group("year")), None, None) if match else None


def is_date_line(line: str) -> bool:
    """A line that is nothing but a date (a signature date or a date under the headline)."""
    if len(line) > 40:
        return False
    dates = _dates_in(line)
    if len(dates) != 1:
        return False
    start, end, _ = dates[0]
    rest = line[:start] + line[end:]
    return not any(c.isalnum() for c in rest)


def _dateline(lead: str) -> PartialDate | None:
    """A wire-style dateline: "HONG KONG, Nov. 28, 2023 /PRNewswire/ -- …"."""
    head = lead[:_DATELINE_REACH]
    for start, end, date in _dates_in(head):
        if start == 0 or _DATELINE_TAIL.match(head, end):
            return date
    return None


def _lead_day(lead: str) -> PartialDate | None:
    """A full day date early in the lead, opening it or after "on" ("On Jan. 5, 2024, Acme …",
    "Acme said on Jan. 5, 2024"); months there are history."""
    head = lead[:_LEAD_REACH]
    for start, _, date in _dates_in(head):
        if date.precision == "day" and (start == 0 or _ON_BEFORE.search(head, 0, start)):
            return date
    return None


def _completed(lead: str, context: Sequence[str]) -> PartialDate | None:
    """A yearless "on Oct 11" in the lead, dated with the one year its context states."""
    match = _MONTH_DAY.search(lead, 0, _LEAD_REACH)
    if match is None:
        return None
    for text in context:
        years = {int(y) for y in _BARE_YEAR.findall(text)}
        if len(years) == 1:
            return _build(
                years.pop(), _MONTHS[match.group("month")[:3].casefold()], int(match.group("day"))
            )
    return None


def publication_date(parts: PageParts, *, curated: str | None = None) -> PartialDate | None:
    """The most trustworthy publication date the page offers, or None (never today's date).

    Order: curated metadata, "release time:" lines, a dateline, a line holding only
    a date, a full date opening the lead or following "on" in it, a yearless "on Oct 11"
    in the lead completed by the title's year, and last a bare year in a meta line.
    Other prose dates ("by 2025", "the year ended December 31") describe plans and
    periods, not publication, so they are never used.
    """
    if curated is not None:
        return parse_date(curated, allow_year=True)
    meta, date_lines, title, lead = parts.meta, parts.date_lines, parts.title, parts.lead
    candidates = (
        *(partial(parse_date, value) for value in meta),
        partial(_dateline, lead),
        *(partial(parse_date, line) for line in date_lines),
        partial(_lead_day, lead),
        partial(_completed, lead, (title, *meta)),
        *(partial(parse_date, value, allow_year=True) for value in meta),
    )
    return next((date for candidate in candidates if (date := candidate()) is not None), None)


def dateline_end(lead: str) -> int:
    """Where the prose starts after a wire dateline ("HONG KONG, Nov. 28, 2023 /PRNewswire/ --")."""
    head = lead[:_DATELINE_REACH]
    for _, end, _ in _dates_in(head):
        tail = _DATELINE_TAIL.match(head, end)
        if tail:
            return tail.end()
    return 0
