"""Dates: written forms, precision, and which source a page's date comes from."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ingest import parse_page
from bot.ingest.dates import date_candidates, is_date_line, parse_date
from bot.ingest.evidence import PageParts
from bot.registry import Registry

PROSE = "Orbitron Medical opened a new plant that will make diagnostic kits for hospitals."


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2021-01-01", "2021-01-01", "day"),
        ("2021/1/1", "2021-01-01", "day"),
        ("2021.01.05", "2021-01-05", "day"),
        ("January 1, 2021", "2021-01-01", "day"),
        ("Jan. 1, 2021", "2021-01-01", "day"),
        ("Nov. 28, 2023", "2023-11-28", "day"),
        ("Sept 3rd, 2022", "2022-09-03", "day"),
        ("28 November 2023", "2023-11-28", "day"),
        ("2nd of May 2022", "2022-05-02", "day"),
        ("2021年1月1日", "2021-01-01", "day"),
        ("2021 年 12 月 31 号", "2021-12-31", "day"),
        ("2021年1月", "2021-01", "month"),
        ("March 2020", "2020-03", "month"),
        ("May 26,2022", "2022-05-26", "day"),
        ("Jun 04, 2018 02:04 PM IST", "2018-06-04", "day"),
        ("5. Januar 2021", "2021-01-05", "day"),
        ("le 5 janvier 2021", "2021-01-05", "day"),
        ("5 de enero de 2021", "2021-01-05", "day"),
        ("7 dicembre 2022", "2022-12-07", "day"),
        ("Dicembre 7, 2022", "2022-12-07", "day"),
        ("25 de julho de 2012", "2012-07-25", "day"),
        ("23 juli 2003", "2003-07-23", "day"),
        ("1er mars 2019", "2019-03-01", "day"),
        ("mayo de 2021", "2021-05", "month"),
        ("2021년 1월 5일", "2021-01-05", "day"),
        ("2024. 10. 8.", "2024-10-08", "day"),
        ("2021 年 1 月 5 日", "2021-01-05", "day"),
        ("令和2年3月5日", "2020-03-05", "day"),
        ("平成元年1月8日", "1989-01-08", "day"),
        ("114年12月18日", "2025-12-18", "day"),
        ("24.02.2021, 01:49", "2021-02-24", "day"),
        ("04/28/2011", "2011-04-28", "day"),
        ("28/04/2011", "2011-04-28", "day"),
    ],
)
def test_written_forms(text: str, iso: str, precision: str) -> None:
    date = parse_date(text)
    assert date is not None
    assert (date.iso, date.precision) == (iso, precision)


@pytest.mark.parametrize(
    "text",
    ["2021-02-30", "2021-13-01", "12345-01-01", "no date", "2021", "3 hours ago", "set 2021",
     "10年12月5日"],
)  # fmt: skip
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_bare_year_only_when_trusted() -> None:
    date = parse_date("2021", allow_year=True)
    assert date is not None and (date.iso, date.precision) == ("2021", "year")


def _date(registry: Registry, *lines: str, metadata: dict[str, str] | None = None) -> tuple:
    record = parse_page("\n\n".join(lines), source="t", registry=registry, metadata=metadata)
    return record.date, record.date_precision


def test_release_time_line(registry: Registry) -> None:
    assert _date(registry, "Plant opens", "release time:2022-06-07", PROSE) == ("2022-06-07", "day")
    assert _date(registry, "Plant opens", "发布时间：2022年6月7日", PROSE) == ("2022-06-07", "day")
    assert _date(registry, "Plant opens", "Source: Orbitron | Date: 2022-06", PROSE)[1] == "month"


def test_bare_year_in_meta_line_is_a_last_resort(registry: Registry) -> None:
    assert _date(registry, "Plant opens", "Published: 2022", PROSE) == ("2022", "year")


def test_dateline(registry: Registry) -> None:
    lead = f"HONG KONG, Nov. 28, 2023 /PRNewswire/ -- {PROSE}"
    assert _date(registry, "Plant opens", lead) == ("2023-11-28", "day")
    record = parse_page(f"Plant opens\n\n{lead}", source="t", registry=registry)
    assert record.summary == PROSE  # the dateline is not part of the summary


def test_meta_beats_dateline_and_prose(registry: Registry) -> None:
    lead = f"BOSTON, May 2, 2023 -- {PROSE} On June 1, 2023 it doubled."
    assert _date(registry, "Plant opens", "Date: 2023-05-01", lead) == ("2023-05-01", "day")


def test_yearless_lead_date_takes_the_title_year(registry: Registry) -> None:
    lead = f"The Suzhou expo opened on Oct 11st. {PROSE} By 2025 sales should double."
    assert _date(registry, "Orbitron at Suzhou Expo 2021", lead) == ("2021-10-11", "day")


def test_yearless_date_without_a_year_in_context_stays_unknown(registry: Registry) -> None:
    lead = f"The Suzhou expo opened on Oct 11. {PROSE} By 2025 sales should double."
    assert _date(registry, "Orbitron at Suzhou Expo", lead) == (None, None)


def test_prose_years_are_never_the_publication_date(registry: Registry) -> None:
    text = (
        PROSE,
        "By 2025, the plant is expected to triple output.",
        "In March 2020 it was planned.",
    )
    assert _date(registry, "Plant opens", *text) == (None, None)


def test_full_date_in_the_lead_is_used(registry: Registry) -> None:
    lead = f"On Jan. 5, 2024, Orbitron said its new plant had opened. {PROSE}"
    assert _date(registry, "Plant opens", lead) == ("2024-01-05", "day")


def test_date_line_under_the_headline(registry: Registry) -> None:
    assert _date(registry, "Plant opens", "28 November 2023", PROSE) == ("2023-11-28", "day")


def test_sidecar_date_wins(registry: Registry) -> None:
    lines = ("Plant opens", "release time: 2022-06-07", PROSE)
    assert _date(registry, *lines, metadata={"date": "Jan. 2, 2020"}) == ("2020-01-02", "day")


def test_reporting_periods_in_the_lead_are_not_the_release_date(registry: Registry) -> None:
    lead = f"Orbitron reported results for the year ended December 31, 2015. {PROSE}"
    assert _date(registry, "Orbitron reports results", lead) == (None, None)
    lead = f"Orbitron said on March 2, 2016 that its plant had opened. {PROSE}"
    assert _date(registry, "Orbitron reports results", lead) == ("2016-03-02", "day")


def _explained(registry: Registry, *lines: str) -> list[tuple[str, str]]:
    """(date, rule) for each candidate, best first, as ``--explain`` would list them."""
    text = "\n\n".join(lines)
    raw = tuple(line for line in text.split("\n") if line.strip())
    record = parse_page(text, source="t", registry=registry)
    parts = PageParts(raw, (), (), record.title, record.summary, record.body)
    return [(c.value.iso, c.rule) for c in date_candidates(parts)]


@pytest.mark.parametrize(
    ("lead", "iso"),
    [
        ("NEWARK,N.J.,May 26,2022 -- ", "2022-05-26"),
        ("SEATTLE, WASHINGTON—February 12, 2003—", "2003-02-12"),
        ("Tempe, AZ — April 30, 2008— ", "2008-04-30"),
        ("DENVER — Wednesday, May 10, 2023: ", "2023-05-10"),
        ("Leverkusen, 28. April 2020 – ", "2020-04-28"),
        ("Singapore, 11 January 2019 – ", "2019-01-11"),
        ("BRISBANE, Feb 23, 2023 AEST (Wire Service) - ", "2023-02-23"),
        ("TORONTO, ON / WIREDESK / April 20, 2023 / ", "2023-04-20"),
        ("Ottawa, Ontario–(Wire Corp. – October 10, 2024) – ", "2024-10-10"),
        ("HONG KONG SAR - Media Wire Newswire - 8 April 2025 - ", "2025-04-08"),
        ("DENVER, May 10, 2023, Wednesday — ", "2023-05-10"),
    ],
)
def test_dateline_forms(registry: Registry, lead: str, iso: str) -> None:
    assert _date(registry, "Plant opens", f"{lead}{PROSE}") == (iso, "day")


def test_dateline_deep_in_a_flattened_page(registry: Registry) -> None:
    text = f"For Immediate Release PLANT OPENS -Output doubles- NEW YORK, February 2, 2000-{PROSE}"
    assert _date(registry, text) == ("2000-02-02", "day")


@pytest.mark.parametrize(
    ("stamp", "iso"),
    [
        ("2020-08-13 16:49", "2020-08-13"),
        ("March 22, 2018 / 4:34 PM", "2018-03-22"),
        ("Jan 5, 2021 at 8:00 AM EST", "2021-01-05"),
        ("Thu, 04/28/2011 - 06:55", "2011-04-28"),
        ("October 28, 2024 — 05:44 am EDT", "2024-10-28"),
        ("quarta-feira, 25 de julho de 2012", "2012-07-25"),
        ("to, nov 09, 2017 17:00 CET", "2017-11-09"),
        ("2024年10月8日 15時30分", "2024-10-08"),
        ("2024.10.08 오후 1:31", "2024-10-08"),
        ("2021-05-05T10:00:00Z", "2021-05-05"),
    ],
)
def test_date_and_time_stamp_lines(registry: Registry, stamp: str, iso: str) -> None:
    assert is_date_line(stamp)
    assert _date(registry, "Orbitron opens a plant in Ohio", stamp, PROSE) == (iso, "day")


@pytest.mark.parametrize(
    ("label", "iso"),
    [
        ("Published : Nov. 22, 2023 - 15:21", "2023-11-22"),
        ("Last Updated : Jun 04, 2018 02:04 PM IST", "2018-06-04"),
        ("公告日期:2024-10-27", "2024-10-27"),
        ("公告时间：2023年8月16日", "2023-08-16"),
        ("기사입력 : 2024-10-08 13:31", "2024-10-08"),
        ("Datum: 5. Januar 2021", "2021-01-05"),
        ("Publié le 5 janvier 2021", "2021-01-05"),
        ("Press release • Nov 28, 2006 15:07 CET", "2006-11-28"),
        ("Release Date: 14/02/2022 12:03", "2022-02-14"),
        ("Published on: Monday, 5 May 2021", "2021-05-05"),
        ("Posted by Jane Roe on May 5, 2021", "2021-05-05"),
    ],
)
def test_labelled_publish_dates(registry: Registry, label: str, iso: str) -> None:
    assert _date(registry, "Orbitron opens a plant in Ohio", label, PROSE) == (iso, "day")


def test_stamp_line_followed_by_other_meta_fields(registry: Registry) -> None:
    stamp = "2021-04-27 Source: Author:"
    assert _date(registry, "Orbitron opens a plant", stamp, PROSE) == ("2021-04-27", "day")


def test_archive_month_heading(registry: Registry) -> None:
    assert _date(registry, "Archive for July, 2010", "Plant opens", PROSE) == ("2010-07", "month")


def test_crawler_prefix(registry: Registry) -> None:
    assert _date(registry, f"date 2023-11-21 {PROSE}") == ("2023-11-21", "day")


def test_month_stamp_gives_way_to_a_day_within_it(registry: Registry) -> None:
    lead = f"date 2020-04 Leverkusen, 28. April 2020 – {PROSE}"
    assert _date(registry, "Plant opens", lead) == ("2020-04-28", "day")
    assert _date(registry, "Plant opens", f"date 2020-04 {PROSE}") == ("2020-04", "month")


def test_place_and_date_line(registry: Registry) -> None:
    assert _date(registry, "Plant opens", "Lima, 05 de noviembre de 2015", PROSE) == (
        "2015-11-05",
        "day",
    )


def test_japanese_disclosure_date_at_the_top(registry: Registry) -> None:
    text = f"1234 2024 年 7 月 22 日 各 位 会 社 名 株式会社 例 {PROSE} 払込期日 2024 年8月8日"
    assert _date(registry, text) == ("2024-07-22", "day")


def test_page_order_decides_ambiguous_slash_dates(registry: Registry) -> None:
    us = ("Plant opens", "04/05/2021", f"BOSTON, April 5, 2021 -- {PROSE}")
    assert _date(registry, *us) == ("2021-04-05", "day")
    day_first = ("Plant opens", "04/05/2021", f"{PROSE} It was filed 20/02/2021 late.")
    assert _date(registry, *day_first) == ("2021-05-04", "day")
    assert parse_date("05.04.2021") == ("2021-04-05", "day")  # dotted dates put the day first


def test_labelled_date_beats_a_masthead_date_line(registry: Registry) -> None:
    lines = ("2025.07.17 (Thu)", "Plant opens", "Posted: 2024-10-08 13:31", PROSE)
    assert _explained(registry, *lines)[0] == ("2024-10-08", "labelled publish date")


@pytest.mark.parametrize(
    "lines",
    [
        ("Plant opens", f"Orbitron reported results for the quarter ended June 30, 2021. {PROSE}"),
        ("Plant opens", f"{PROSE} The six months ended 30 June 2018 were strong."),
        ("Plant opens", f"The plant will be held open on May 5, 2022 for visitors. {PROSE}"),
        ("Plant opens", PROSE, "© 2023 Orbitron Medical. All rights reserved."),
        ("Plant opens", PROSE, "Copyright © May 5, 2023 Orbitron"),
        ("Plant opens", "Published 3 hours ago", PROSE),
        ("Plant opens", "Record date: May 5, 2021", PROSE),
        ("Plant opens", "perioden 1 januari - 30 juni 2003", PROSE),
        ("Plant opens", PROSE, "For the three months ended 31\nDecember 2024"),
        ("Plant opens", PROSE, "Related news\nAcme opens a shop\n2021-03-05\nAcme hires\n"
         "2021-02-01\nAcme grows\n2021-01-07"),
        ("Orbitron Q2 dividend payable June 15, 2021", PROSE),
        ("Plant opens", "Period: 1 May 2021 - 30 June 2021", PROSE),
        ("Plant opens", PROSE, "More news\nMay 5, 2021 - Acme opens a shop\n"
         "April 2, 2021 - Acme hires\nMarch 1, 2021 - Acme grows"),
        ("Plant opens", "https://example.org/news/2021/05/05/plant-opens", PROSE),
    ],
)  # fmt: skip
def test_dates_that_are_not_the_release_date(registry: Registry, lines: tuple[str, ...]) -> None:
    assert _date(registry, *lines) == (None, None)


def test_candidates_explain_the_choice(registry: Registry) -> None:
    lines = ("date 2023-11-22 Plant opens", f"BOSTON, Nov. 21, 2023 /Wire/ -- {PROSE}")
    explained = _explained(registry, *lines)
    assert explained[:2] == [
        ("2023-11-22", "crawler date stamp"),
        ("2023-11-21", "wire dateline"),
    ]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 ./-,:年月日년월일()—–|abc\nMayJun")), max_size=120
    )
)
@pytest.mark.slow
def test_never_raises_on_arbitrary_text(text: str) -> None:
    parts = PageParts(tuple(text.split("\n")), (text,), (), text, text, text)
    date_candidates(parts)
    parse_date(text, allow_year=True)
    is_date_line(text)
