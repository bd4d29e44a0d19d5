"""Furniture forms, one line each, and the legal tails company names shed."""

from __future__ import annotations

import pytest

from bot.ingest.company_forms import line_forms
from bot.ingest.company_names import clean_name, name_before
from bot.ingest.furniture import is_furniture_form
from bot.ingest.text import lowers_plainly


@pytest.mark.parametrize(
    "line",
    [
        "Published: 12 March 2024",
        "For Immediate Release",
        "Exhibit 99.1",
        "(Photo: the new plant at dusk)",
        "Commission File Number 001-12345",
        "Sign up today to read the full story now",
        "SUBSCRIBE TO VIEW THIS ARTICLE FOR FREE",
        "Visit www.example.org for details",
        "Media line: +44 (20) 7946 0000",
        "Acme Widgets logo",
        "Annual report - 3 -",
        "Northwind Trading Limited",
    ],
)
def test_furniture_forms(line: str) -> None:
    assert is_furniture_form(line)


@pytest.mark.parametrize(
    "line",
    [
        "Acme opens a second plant in Lyon",
        "The design team signed a lease for a hotel near the port",
        "Revenue rose 12% in the third quarter",
    ],
)
def test_headlines_are_not_furniture(line: str) -> None:
    assert not is_furniture_form(line)


def test_case_blind_forms_match_letters_that_fold_alike() -> None:
    # A long s is an "s" to a case-blind pattern, though lower-casing keeps it apart.
    assert is_furniture_form("ſign up now")


def test_legal_tail_after_a_comma_is_shed() -> None:
    assert name_before("Today Northwind Foods, Inc.", 27) == "Northwind Foods, Inc."
    assert clean_name("Northwind Foods, Inc.") == "Northwind Foods"


def test_legal_tail_in_parentheses_is_shed() -> None:
    assert clean_name("Northwind Shipping AB (publ)") == "Northwind Shipping"


def test_name_without_legal_tail_is_kept() -> None:
    assert clean_name("Northwind Analytics") == "Northwind Analytics"


def test_lower_casing_folds_plainly_unless_a_letter_folds_alike() -> None:
    assert lowers_plainly("Café au lait")
    assert not lowers_plainly("Newſroom")


def test_site_name_line_in_capitals() -> None:
    found = list(line_forms("NORTHWIND PRESS ROOM"))
    assert [(c.value, c.rule) for c in found] == [("NORTHWIND", "site name")]
