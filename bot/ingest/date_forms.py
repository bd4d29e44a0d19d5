"""Written date forms → partial dates: numeric, CJK/Korean and month names in ten languages.

Month names are a data table, not a library: a handful of languages covers the pages we
read, the table is easy to extend, and it costs nothing at import or per call.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from bot.records import DatePrecision

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    # en, de, fr, es, it, pt, sv, nl; abbreviations are listed where they differ.
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio",
        "gen", "janeiro", "januari"),
    2: ("february", "feb", "febr", "februar", "février", "févr", "fevrier", "febrero",
        "febbraio", "fevereiro", "fev", "februari"),
    3: ("march", "mar", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "maj", "mei"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augusti", "augustus"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre",
        "set", "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott",
         "outubro", "out"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre",
         "dic", "dicembre", "dezembro"),
}  # fmt: skip
_MONTH_OF = {name: number for number, names in _MONTH_NAMES.items() for name in names}
# Short names that are also common words ("set", "out", "ago", "mag") only count as a month
# with a day beside them; a month-and-year date needs a name of four letters or more.
_NAME = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_MONTH = rf"(?<![^\W\d_])(?P<month>{_NAME})(?![^\W\d_])\.?"
_LONG_NAME = "|".join(
    sorted((name for name in _MONTH_OF if len(name) >= 4 or name == "may"), key=len, reverse=True)
)
_LONG_MONTH = rf"(?<![^\W\d_])(?P<month>{_LONG_NAME})(?![^\W\d_])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?<!\d)(?P<day>\d{1,2})"
_OF = r"(?:\s*,?\s*(?:de|del|of)\s+|\s*,\s*|\s+)"  # "5 de enero de 2021", "May 26,2022"

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (form, re.compile(pattern, re.IGNORECASE))
    for form, pattern in (
        ("year-first numeric", rf"(?<!\d){_YEAR}\s?(?P<sep>[-/.])\s?(?P<mnum>\d{{1,2}})\s?"
                               rf"(?P=sep)\s?{_DAY}(?!\d)"),
        ("CJK date", rf"(?<!\d){_YEAR}\s*年\s*(?P<mnum>\d{{1,2}})\s*月(?:\s*{_DAY}\s*[日号])?"),
        ("Korean date", rf"(?<!\d){_YEAR}\s*년\s*(?P<mnum>\d{{1,2}})\s*월(?:\s*{_DAY}\s*일)?"),
        ("numeric", r"(?<![\d.])(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})"
                                  rf"(?P=sep){_YEAR}"),
        ("month day year", rf"{_MONTH}\s*{_DAY}(?:st|nd|rd|th)?{_OF}{_YEAR}"),
        ("day month year", rf"{_DAY}(?:st|nd|rd|th|er|º|°|\.)?\s*(?:de\s+|of\s+)?{_MONTH}"
                           rf"{_OF}{_YEAR}"),
        ("year and month", rf"(?<![\d.]){_YEAR}[-/](?P<mnum>\d{{1,2}})(?![\d/.-])"),
        ("month and year", rf"{_LONG_MONTH}\.?{_OF}{_YEAR}"),
    )
)  # fmt: skip
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# A month and day with no year ("opened on Oct 11st"), dated later from the page's year.
_YEARLESS_ON = re.compile(
    rf"(?<![^\W\d_])on\s+{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?(?![\d,]|\s+\d)", re.IGNORECASE
)


class PartialDate(NamedTuple):
    """A date as precise as the page states it."""

    iso: str
    precision: DatePrecision


class DateSpan(NamedTuple):
    """One written date: where it sits, what it says, and which form wrote it.

    ``swapped`` is the other reading of a numeric date whose day and month could trade
    places ("04/05/2021"); the page decides which one it meant.
    """

    start: int
    end: int
    date: PartialDate
    form: str
    swapped: PartialDate | None = None


def build_date(year: int, month: int | None, day: int | None) -> PartialDate | None:
    """A valid partial date, or None for impossible ones (month 13, 30 February)."""
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


def month_number(name: str) -> int:
    """The month a name from the table stands for ("Sept." → 9)."""
    return _MONTH_OF[name.rstrip(".").casefold()]


def _span(form: str, match: re.Match[str]) -> DateSpan | None:
    groups = match.groupdict()
    year = int(groups["year"])
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        day_first = build_date(year, second, first)
        month_first = build_date(year, first, second)
        if day_first == month_first:
            return DateSpan(*match.span(), day_first, "numeric") if day_first else None
        if day_first is None or month_first is None:
            order, date = ("day-first", day_first) if day_first else ("month-first", month_first)
            return DateSpan(*match.span(), date, f"{order} numeric")
        return DateSpan(*match.span(), day_first, "day-or-month-first numeric", month_first)
    month = month_number(groups["month"]) if groups.get("month") else int(groups["mnum"])
    date = build_date(year, month, day)
    return DateSpan(*match.span(), date, form) if date else None


def find_dates(text: str) -> list[DateSpan]:
    """Every full or month date written in ``text``, in reading order, spans not overlapping."""
    if _ANY_YEAR.search(text) is None:
        return []
    found: list[DateSpan] = []
    for form, pattern in _FORMS:  # most specific first; later forms skip covered spans
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s.start < end and start < s.end for s in found):
                continue
            span = _span(form, match)
            if span is not None:
                found.append(span)
    found.sort(key=lambda span: span.start)
    return found


def yearless_on_date(text: str) -> tuple[int, int] | None:
    """(month, day) of the first "on Oct 11" in ``text`` that states no year."""
    match = _YEARLESS_ON.search(text)
    return (month_number(match.group("month")), int(match.group("day"))) if match else None
