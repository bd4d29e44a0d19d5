"""Dates: written forms, precision, and which source a page's date comes from."""

from __future__ import annotations

import pytest

from bot.ingest import parse_page
from bot.ingest.dates import parse_date
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
    ],
)
def test_written_forms(text: str, iso: str, precision: str) -> None:
    date = parse_date(text)
    assert date is not None
    assert (date.iso, date.precision) == (iso, precision)


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13-01", "12345-01-01", "no date", "2021"])
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
