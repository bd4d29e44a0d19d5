"""Written date forms → partial dates: numeric, CJK/Korean and month names in ten languages.

Month names are a data table, not a library: a handful of languages covers the pages we
read, the table is easy to extend, and it costs nothing at import or per call.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
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
_LONG_NAMES = frozenset(name for name in _MONTH_OF if len(name) >= 4 or name == "may")
# Beside a year, any word is taken and looked up in the table: faster than the alternation.
_MONTH_WORD = r"(?<![^\W\d_])(?P<month>[^\W\d_]{3,10})(?![^\W\d_])\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?<!\d)(?P<day>\d{1,2})"
_OF = r"(?:\s*,?\s*(?:de|del|of)\s+|\s*,\s*|\s+)"  # "5 de enero de 2021", "May 26,2022"


def _forms(*forms: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((form, re.compile(pattern, re.IGNORECASE)) for form, pattern in forms)


# Forms are tried at each four-digit year rather than scanned across the whole text: those
# that open with the year are matched at it, those that close with it are searched for in a
# short reach before it; most specific first.
_OPENING_WITH_YEAR = _forms(
    (
        "year-first numeric",
        rf"{_YEAR}\s?(?P<sep>[-/.])\s?(?P<mnum>\d{{1,2}})\s?(?P=sep)\s?{_DAY}(?!\d)",
    ),
    ("CJK date", rf"{_YEAR}\s*年\s*(?P<mnum>\d{{1,2}})\s*月(?:\s*{_DAY}\s*[日号])?"),
    ("Korean date", rf"{_YEAR}\s*년\s*(?P<mnum>\d{{1,2}})\s*월(?:\s*{_DAY}\s*일)?"),
    ("year and month", rf"(?<![\d.]){_YEAR}[-/](?P<mnum>\d{{1,2}})(?![\d/.-])"),
)
_OPENING_MARK = re.compile(r"\s?[-/.]|\s*[年년]")  # what follows a year that opens a date
_NUMERIC = re.compile(
    rf"(?<![\d.])(?P<first>\d{{1,2}})(?P<sep>[-/.])(?P<second>\d{{1,2}})(?P=sep){_YEAR}\Z"
)
_NUMERIC_REACH = 6  # "28/04/"
_NAMED_MONTH_FORMS = _forms(
    ("month day year", rf"{_MONTH_WORD}\s*{_DAY}(?:st|nd|rd|th)?{_OF}{_YEAR}\Z"),
    ("day month year", rf"{_DAY}(?:st|nd|rd|th|er|º|°|\.)?\s*(?:de\s+|of\s+)?{_MONTH_WORD}{_OF}{_YEAR}\Z"),
    ("month and year", rf"{_MONTH_WORD}{_OF}{_YEAR}\Z"),
)  # fmt: skip
# Named-month forms are only tried where a month name sits shortly before the year, from a
# day's reach before that name ("30th of ", "1er ", "5 de ").
_WORD = re.compile(r"[^\W\d_]+")
_WORD_REACH = 25
_DAY_REACH = 9
# Japanese era and Taiwanese Minguo years have no four-digit year: scanned for, on pages
# that write 年 at all.
_ERA_FORMS = _forms(
    ("era date", r"(?P<era>令和|平成|昭和)\s*(?P<eyear>\d{1,2}|元)\s*年\s*(?P<mnum>\d{1,2})\s*月"
                 rf"(?:\s*{_DAY}\s*日)?"),
    ("Minguo date", r"(?:民國|民国)?(?<!\d)(?P<roc>\d{2,3})\s*年\s*(?P<mnum>\d{1,2})\s*月"
                    rf"\s*{_DAY}\s*日"),
)  # fmt: skip
_CACHED_LINES = 512
_FOUR_DIGIT_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")  # no lookbehind: it slows the scan
# Japanese era names and the Western year before each one's first year.
_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
_MINGUO_BASE = 1911  # Taiwan's calendar: year 1 is 1912
_MINGUO_YEARS = range(80, 151)  # without a "民國" prefix, only plausible recent years count
# A month and day with no year ("opened on Oct 11st"), dated later from the page's year.
_YEARLESS_ON = re.compile(
    rf"(?<![^\W\d_])on\s+{_MONTH_WORD}\s+{_DAY}(?:st|nd|rd|th)?(?![\d,]|\s+\d)", re.IGNORECASE
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


def _year(groups: dict[str, str | None], text: str) -> int | None:
    """The Western year a match states, from a plain, era or Minguo year."""
    if groups.get("era"):
        era_year = groups["eyear"] or "1"
        return _ERA_BASE[groups["era"] or ""] + (1 if era_year == "元" else int(era_year))
    if groups.get("roc"):
        roc = int(groups["roc"] or 0)
        prefixed = text.startswith(("民國", "民国"))
        return _MINGUO_BASE + roc if prefixed or roc in _MINGUO_YEARS else None
    return int(groups["year"] or 0)


def _span(form: str, match: re.Match[str]) -> DateSpan | None:
    groups = match.groupdict()
    year = _year(groups, match.group())
    if year is None:
        return None
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        day_first = build_date(year, second, first)
        month_first = build_date(year, first, second)
        if day_first == month_first or (day_first and groups["sep"] == "."):
            # Dotted dates put the day first wherever they are written ("05.04.2021").
            return DateSpan(*match.span(), day_first, "numeric") if day_first else None
        if day_first is None or month_first is None:
            date = day_first or month_first
            order = "day-first" if day_first else "month-first"
            return DateSpan(*match.span(), date, f"{order} numeric") if date else None
        return DateSpan(*match.span(), day_first, "day-or-month-first numeric", month_first)
    if groups.get("month"):
        name = (groups["month"] or "").casefold()
        if name not in _MONTH_OF or (day is None and name not in _LONG_NAMES):
            return None
        month = _MONTH_OF[name]
    else:
        month = int(groups["mnum"] or 0)
    date = build_date(year, month, day)
    return DateSpan(*match.span(), date, form) if date else None


def _at_year(text: str, year: re.Match[str]) -> DateSpan | None:
    """The most specific date written around one four-digit year."""
    start, end = year.span()
    if _OPENING_MARK.match(text, end):
        for form, pattern in _OPENING_WITH_YEAR:
            match = pattern.match(text, start)
            if match and (span := _span(form, match)):
                return span
    if start and text[start - 1] in "-/.":
        match = _NUMERIC.search(text, max(0, start - _NUMERIC_REACH), end)
        return _span("numeric", match) if match else None
    name = None
    for word in _WORD.finditer(text, max(0, start - _WORD_REACH), start):
        if word.group().casefold() in _MONTH_OF:
            name = word
    if name is None:
        return None
    for form, pattern in _NAMED_MONTH_FORMS:
        match = pattern.search(text, max(0, name.start() - _DAY_REACH), end)
        if match and (span := _span(form, match)):
            return span
    return None


@lru_cache(maxsize=_CACHED_LINES)
def find_dates(text: str) -> tuple[DateSpan, ...]:
    """Every full or month date written in ``text``, in reading order, spans not overlapping.

    Cached: a page's lines are read once to set date lines aside and again for candidates.
    """
    found: list[DateSpan] = []
    # Most lines hold no year; two literal searches say so faster than the year pattern.
    years = _FOUR_DIGIT_YEAR.finditer(text) if "20" in text or "19" in text else ()
    for year in years:
        if year.start() and text[year.start() - 1].isdigit():
            continue
        span = _at_year(text, year)
        if span and not (found and span.start < found[-1].end):
            found.append(span)
    if "年" in text:
        for form, pattern in _ERA_FORMS:
            for match in pattern.finditer(text):
                span = _span(form, match)
                if span and not any(s.start < span.end and span.start < s.end for s in found):
                    found.append(span)
        found.sort(key=lambda span: span.start)
    return tuple(found)


def yearless_on_date(text: str) -> tuple[int, int, int] | None:
    """(where, month, day) of the first "on Oct 11" in ``text`` that states no year."""
    for match in _YEARLESS_ON.finditer(text):
        month = _MONTH_OF.get(match["month"].casefold())
        if month is not None:
            return match.start(), month, int(match["day"])
    return None
