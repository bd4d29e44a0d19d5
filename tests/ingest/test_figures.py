"""Key figures: money, areas, percentages and counts; never bare years or dates."""

from __future__ import annotations

import pytest

from bot.ingest.figures import key_figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "valued at 600 billion yuan (US$92.3 billion) last year",
            ["600 billion yuan (US$92.3 billion)"],
        ),
        ("a market of 1.2 trillion yuan", ["1.2 trillion yuan"]),
        ("raised $5 million", ["$5 million"]),
        ("raised HK$1.2 billion", ["HK$1.2 billion"]),
        ("a €30m grant", ["€30m"]),
        ("invest RMB850 million", ["RMB850 million"]),
        ("invest RMB 850 million", ["RMB 850 million"]),
        ("投资50亿元建设", ["50亿元"]),
        ("an area of 14,454.90 m2", ["14,454.90 m2"]),
        ("an area of 300 m²", ["300 m²"]),
        ("5,000 square meters of labs", ["5,000 square meters"]),
        ("a 12,000 sq ft office", ["12,000 sq ft"]),
        ("up 25% on the year", ["25%"]),
        ("up 25 per cent", ["25 per cent"]),
        ("hired 500 employees", ["500 employees"]),
        ("dosed 3 patients", ["3 patients"]),
    ],
)
def test_figure_kinds(text: str, expected: list[str]) -> None:
    assert key_figures(text) == expected


def test_years_dates_and_codes_are_not_figures() -> None:
    text = "In 2021, on Oct 11st and 2021-01-01, COVID19 cases; version 2.5; for the past 11 years."
    assert key_figures(text) == []


def test_order_and_deduplication() -> None:
    text = "It grew 25%. It spent $5 million. Again 25% and $5 million, then 40%."
    assert key_figures(text) == ["25%", "$5 million", "40%"]


def test_currency_codes_glued_or_spaced_before_amounts() -> None:
    text = "A grant of usd5 million, CHF4 billion, KRW 900 billion and COVID19 cases up 5%."
    assert key_figures(text) == ["usd5 million", "CHF4 billion", "KRW 900 billion", "5%"]
