"""Extraction measured on real, annotated company-news pages: a floor per field.

The corpus lives outside the project (third-party text, read in place). Each floor is
the figure the parser reaches today; raise it when a rule improves, never lower it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluation import date_matches, name_words, names_match, title_matches

CORPUS = Path(
    os.environ.get("NEWSBOT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
)
FLOORS = {
    "company": 0.9,
    "date": 0.95,
    "title": 0.91,
    "speaker_recall": 0.97,
    "speaker_precision": 0.97,
    "non_releases": 1.0,
    "crashes": 1.0,
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not (CORPUS / "truth.json").is_file():
        pytest.skip(f"real-page corpus not found at {CORPUS} (set NEWSBOT_CORPUS to its folder)")
    return CORPUS


@pytest.mark.slow
def test_no_field_falls_below_its_floor(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(corpus / "pages"), str(corpus / "truth.json"), "--json"]) == 0
    fields = json.loads(capsys.readouterr().out)["fields"]
    below = {
        name: (fields[name]["share"], floor)
        for name, floor in FLOORS.items()
        if fields[name]["share"] < floor
    }
    assert not below, f"fields below their floor (got, floor): {below}"


def test_names_compare_as_word_sets() -> None:
    assert name_words("Samsung Electronics Co., Ltd.") == {"samsung", "electronics", "co", "ltd"}
    assert names_match("Samsung", "Samsung Electronics")
    assert names_match("康方生物", "康方生物")
    assert not names_match("Samsung SDS", "Samsung Electronics")
    assert not names_match("", "Samsung")


def test_titles_need_sixty_percent_word_overlap() -> None:
    assert title_matches("Acme opens a plant in Ohio", "Acme opens new plant in Ohio")
    assert not title_matches("Home News", "Acme opens new plant in Ohio")


def test_dates_compare_at_the_annotated_precision() -> None:
    day = {"date": "2021-05-04", "date_precision": "day", "date_alternatives": ["2021-05-03"]}
    assert date_matches("2021-05-04", day) and date_matches("2021-05-03", day)
    assert not date_matches("2021-05", day) and not date_matches(None, day)
    month = {"date": "2021-05-01", "date_precision": "month", "date_alternatives": []}
    assert date_matches("2021-05", month) and date_matches("2021-05-19", month)
    none = {"date": None, "date_precision": None, "date_alternatives": ["2019-01-02"]}
    assert date_matches(None, none) and date_matches("2019-01-02", none)
    assert not date_matches("2019-01-03", none)


def test_eval_lists_each_miss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "one.txt").write_text(
        "Acme Corp opens a plant\n\nAcme Corp today announced that it opened a new plant in "
        "Ohio, its largest, on May 4, 2021.\n",
        encoding="utf-8",
    )
    (pages / "menu.txt").write_text("Home\nNews\nContact\n", encoding="utf-8")
    truth = [
        {"file": "one.txt", "is_release": True, "company": "Widget Inc", "aliases": [],
         "title": "Acme Corp opens a plant", "date": "2021-05-04", "date_precision": "day",
         "date_alternatives": [], "quotes": [{"speaker": "Jane Roe", "role": None}]},
        {"file": "menu.txt", "is_release": False},
    ]  # fmt: skip
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    assert main(["eval", str(pages), str(tmp_path / "truth.json"), "--failures"]) == 0
    out = capsys.readouterr().out
    assert "title" in out and "100.0%" in out
    assert "one.txt\tcompany" in out and "wanted 'Widget Inc'" in out
    assert "one.txt\tspeaker_recall" in out
