"""Publication dates: every written date on the page, weighed by where it sits.

A page states many dates: the stamp a site or crawler put on it, a wire dateline, reporting
periods, meeting days, copyright years. Each date becomes a candidate named for the place
it was found, weighted by how reliably that place holds the publication date and by how
close it sits to the headline; the best candidate wins, and a page with none has no date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.ingest.date_context import (
    continues_into,
    dateline_tail,
    follows_on,
    in_link,
    is_crawler_prefix,
    is_dateline,
    is_filler,
    is_period_or_plan,
    is_place_line,
    is_range_or_copyright,
    label_kind,
)
from bot.ingest.date_forms import (
    DateSpan,
    PartialDate,
    build_date,
    find_dates,
    yearless_on_date,
)
from bot.ingest.evidence import Candidate, PageParts, ranked

__all__ = [
    "PartialDate",
    "date_candidates",
    "dateline_end",
    "is_date_line",
    "parse_date",
    "publication_date",
]

# Where a date sits → how reliably it is the publication date.
_LABELLED = 90.0  # "Published: …", "发布时间：…"
_CRAWLER_STAMP = 85.0  # "date 2023-11-21 …" opening the page
_DATELINE = 80.0  # "CITY, May 26, 2022 /PRNewswire/ --"
_UPDATED = 75.0  # "Last updated: …"
_DATE_LINE = 70.0  # a line holding only a date (and a time or weekday)
_LEAD = 40.0  # "On Jan. 5, 2024, Acme …" opening the lead, or "said on …" in it
_HEADLINE = 35.0
_PAGE_TOP = 30.0  # a day date in the first characters of the page (flattened documents)
_YEARLESS = 20.0  # "on Oct 11" in the lead, with the year the headline states
_LABELLED_YEAR = 15.0  # "Published: 2022" and nothing finer on the page
_DATE_LINE_RULE = "date on a line of its own"
_DATELINE_RULE = "wire dateline"
_LISTABLE = (_DATE_LINE_RULE, _DATELINE_RULE)  # the forms a list of other news takes
_LIST_GAP = 3  # dated lines this close together, with different dates, list other pages
_LIST_SIZE = 3
_PENALTY_PER_LINE = 0.5  # far from the headline is less likely the page's own date
_MAX_PENALTY = 20.0

_DATE_LINE_LENGTH = 80
_DATE_LINE_ONLY = 60  # is_date_line: short lines only
_PAGE_TOP_REACH = 200
_LEAD_REACH = 300
_DATELINE_REACH = 150
_EVIDENCE_CONTEXT = 40
_CRAWLER_REACH = 10
_BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _reading(span: DateSpan, month_first: bool) -> PartialDate:
    return span.swapped if month_first and span.swapped else span.date


def _month_first(spans: Sequence[DateSpan]) -> bool:
    """Whether the page's ambiguous slash dates ("04/05/2021") put the month first: decided
    by its unambiguous numeric dates, else by the order its month names take (a page that
    writes "May 5, 2021" writes "05/04/2021" the US way), else day first."""
    forms = [span.form for span in spans]
    votes = forms.count("month-first numeric") - forms.count("day-first numeric")
    if votes:
        return votes > 0
    return forms.count("month day year") > forms.count("day month year")


def _place(
    line: str,
    previous: str,
    span: DateSpan,
    spans: Sequence[DateSpan],
    *,
    at_top: bool,
    in_title: bool,
) -> tuple[str, float] | None:
    """The rule and weight for a date by where it sits in its line (``previous`` is the line
    before it), or None to ignore it."""
    if is_range_or_copyright(line, span.start, span.end) or in_link(line, span.start):
        return None
    if span.start < _CRAWLER_REACH and is_crawler_prefix(line[: span.start]):
        return "crawler date stamp", _CRAWLER_STAMP
    kind = label_kind(line, span.start)
    if kind == "publish":
        return "labelled publish date", _LABELLED
    if kind == "update":
        return "labelled update date", _UPDATED
    if len(line) <= _DATE_LINE_LENGTH and _only_dates(line, spans):
        return None if continues_into(previous) else (_DATE_LINE_RULE, _DATE_LINE)
    if is_dateline(line, span.start, span.end):
        return _DATELINE_RULE, _DATELINE
    if is_place_line(line, span.start, span.end):
        return None if continues_into(previous) else ("place and date line", _DATE_LINE)
    if span.date.precision != "day" or not (in_title or at_top):
        return None
    if is_period_or_plan(line, span.start):
        return None
    if in_title:
        return "date in the headline", _HEADLINE
    return "date at the top of the page", _PAGE_TOP


def _only_dates(line: str, spans: Sequence[DateSpan]) -> bool:
    """The line holds dates and stamp filler only (a leading crawler "date" allowed)."""
    outside, cursor = [], 0
    for span in spans:
        outside.append(line[cursor : span.start])
        cursor = span.end
    outside.append(line[cursor:])
    if is_crawler_prefix(outside[0]):
        outside[0] = ""
    return is_filler(" ".join(outside))


def _listed(date_lines: Sequence[tuple[int, Candidate[PartialDate]]]) -> set[int]:
    """The ids of date lines (or dated lines) that date the entries of a list of other
    news: three or more close together, stating different dates."""
    runs: list[list[tuple[int, Candidate[PartialDate]]]] = []
    for index, candidate in date_lines:
        if runs and index - runs[-1][-1][0] <= _LIST_GAP:
            runs[-1].append((index, candidate))
        else:
            runs.append([(index, candidate)])
    return {
        id(candidate)
        for run in runs
        if len(run) >= _LIST_SIZE and len({candidate.value for _, candidate in run}) > 1
        for _, candidate in run
    }


def _evidence(text: str, span: DateSpan) -> str:
    return text[max(0, span.start - _EVIDENCE_CONTEXT) : span.end + _EVIDENCE_CONTEXT // 2]


def _title_index(lines: Sequence[str], title: str) -> int | None:
    if title:
        for index, line in enumerate(lines):
            if title in line:
                return index
    return None


def _lead_candidates(lead: str, month_first: bool) -> list[Candidate[PartialDate]]:
    """A day date opening the lead or following "on" in it: the day the news happened."""
    head = lead[:_LEAD_REACH]
    found = []
    for span in find_dates(head):
        if span.date.precision != "day" or is_period_or_plan(head, span.start):
            continue
        if is_range_or_copyright(head, span.start, span.end):
            continue
        if span.start == 0 or follows_on(head, span.start):
            rule = "date opening the lead" if span.start == 0 else "'on' date in the lead"
            found.append(Candidate(_reading(span, month_first), rule, _evidence(head, span), _LEAD))
    return found


def _yearless(parts: PageParts) -> list[Candidate[PartialDate]]:
    """A yearless "on Oct 11" in the lead, dated with the one year the headline or a meta
    line states."""
    head = parts.lead[:_LEAD_REACH]
    found = yearless_on_date(head)
    if found is None or is_period_or_plan(head, found[0]):
        return []
    _, *month_day = found
    for text in (parts.title, *parts.meta):
        years = set(_BARE_YEAR.findall(text))
        if len(years) == 1:
            date = build_date(int(years.pop()), *month_day)
            if date is not None:
                return [Candidate(date, "yearless date, year from the headline", text, _YEARLESS)]
    return []


def _labelled_years(meta: Sequence[str]) -> list[Candidate[PartialDate]]:
    """ "Published: 2022": a bare year is all some pages state."""
    found = []
    for value in meta:
        match = _BARE_YEAR.search(value)
        if match and not find_dates(value):
            date = PartialDate(match.group(), "year")
            found.append(Candidate(date, "labelled year", value, _LABELLED_YEAR))
    return found


def _refined(candidates: list[Candidate[PartialDate]]) -> list[Candidate[PartialDate]]:
    """A month-only stamp ("date 2020-04") gives way to a day the page states within it."""
    if not candidates or candidates[0].value.precision == "day":
        return candidates
    coarse = candidates[0].value.iso
    for index, candidate in enumerate(candidates[1:], start=1):
        finer = candidate.value.iso
        if len(finer) > len(coarse) and finer.startswith(coarse):
            return [candidate, *candidates[:index], *candidates[index + 1 :]]
    return candidates


def date_candidates(parts: PageParts) -> list[Candidate[PartialDate]]:
    """Every date the page offers for its publication, best first."""
    lines = parts.lines or tuple(
        line for text in (parts.title, parts.body) for line in text.split("\n") if line.strip()
    )
    found_by_line = [(line, find_dates(line)) for line in lines]
    month_first = _month_first([span for _, spans in found_by_line for span in spans])
    title_at = _title_index(lines, parts.title)
    near = title_at or 0
    found: list[Candidate[PartialDate]] = []
    date_lines: list[tuple[int, Candidate[PartialDate]]] = []
    offset = 0
    for index, (line, spans) in enumerate(found_by_line):
        penalty = min(_MAX_PENALTY, _PENALTY_PER_LINE * abs(index - near))
        for span in spans:
            at_top = offset + span.start < _PAGE_TOP_REACH
            previous = lines[index - 1] if index else ""
            in_title = index == title_at
            placed = _place(line, previous, span, spans, at_top=at_top, in_title=in_title)
            if placed is not None:
                rule, weight = placed
                date = _reading(span, month_first)
                candidate = Candidate(date, rule, _evidence(line, span), weight - penalty)
                if rule in _LISTABLE:
                    date_lines.append((index, candidate))
                found.append(candidate)
        offset += len(line) + 1
    listed = _listed(date_lines)
    found = [candidate for candidate in found if id(candidate) not in listed]
    found += _lead_candidates(parts.lead, month_first)
    found += _yearless(parts)
    found += _labelled_years(parts.meta)
    return _refined(ranked(found))


def publication_date(parts: PageParts, *, curated: str | None = None) -> PartialDate | None:
    """The best-placed publication date the page states, or None (never today's date);
    curated metadata beats the page."""
    if curated is not None:
        return parse_date(curated, allow_year=True)
    candidates = date_candidates(parts)
    return candidates[0].value if candidates else None


def parse_date(text: str, *, allow_year: bool = False) -> PartialDate | None:
    """The first date written in ``text``; a bare year only when the caller trusts the text."""
    spans = find_dates(text)
    if spans:
        return _reading(spans[0], _month_first(spans))
    match = _BARE_YEAR.search(text) if allow_year else None
    return PartialDate(match.group(), "year") if match else None


def is_date_line(line: str) -> bool:
    """A line that is nothing but a date, perhaps with a weekday or time (a stamp under the
    headline, a signature date)."""
    if len(line) > _DATE_LINE_ONLY:
        return False
    spans = find_dates(line)
    return (
        len(spans) == 1
        and not is_crawler_prefix(line[: spans[0].start])
        and _only_dates(line, spans)
    )


def dateline_end(lead: str) -> int:
    """Where the prose starts after a wire dateline ("HONG KONG, Nov. 28, 2023 /PRNewswire/ --")."""
    head = lead[:_DATELINE_REACH]
    for span in find_dates(head):
        if is_dateline(head, span.start, span.end):
            tail = dateline_tail(head, span.end)
            return tail.end() if tail else 0
    return 0
