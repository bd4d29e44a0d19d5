"""Golden tests: the three bundled seed pages, every field of every record."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import parse_file
from bot.records import Quote, ReleaseRecord, content_hash
from bot.registry import Registry
from tests.ingest.conftest import FIXTURES, SEEDS

LEADINGPHARM = "000_de39869b4905134e"
LAEKNA = "001_a680f3aa43d68e99"
AKESO = "002_798183ed30ec73ae"


def _parse(stem: str, registry: Registry) -> ReleaseRecord:
    path = SEEDS / f"{stem}.txt"
    (record,) = parse_file(path, path.read_bytes(), registry=registry)
    return record


def _golden_body(stem: str) -> str:
    return (FIXTURES / f"{stem}.body.txt").read_text(encoding="utf-8").rstrip("\n")


def test_leadingpharm(registry: Registry) -> None:
    record = _parse(LEADINGPHARM, registry)
    assert record.company == "Leadingpharm"
    assert record.company_inferred is False
    assert record.title == (
        "new year message | send away the extraordinary 2020 and welcome the new hopeful 2021!"
    )
    assert record.title_derived is False
    assert (record.date, record.date_precision) == ("2021-01-01", "day")
    assert record.summary == (
        "at this moment, after recording two new year videos of the company and the chamber of "
        "commerce of pharmaceutical industry of all-china federation of industry and commerce, "
        "i sat down, the weather was fine, i could see the western hills, the wind stopped, my "
        "heart was calm, the struggle track in 2020 was highlighted, and the goal of the new year…"
    )
    assert record.body == _golden_body(LEADINGPHARM)
    paragraphs = record.paragraphs
    assert len(paragraphs) == 7
    assert paragraphs[:2] == ["dear members of leadingpharm:", "hello everyone!"]
    assert paragraphs[-1] == "happy new year to all members of leadingpharm and their families!"
    assert 'leadingpharm’s "fourth five-year plan"' in record.body
    for chrome in ("hot line", "understand the latest", "release time", "凯发", "chairman of"):
        assert chrome not in record.body
    assert "january 1, 2021" not in record.body
    assert "new year message\n" not in record.body  # the headline's first part, not prose
    assert "\u00a0" not in record.body and "  " not in record.body
    assert record.quotes == []  # "poverty alleviation" etc. are scare quotes
    assert record.figures == []
    assert record.source == str(SEEDS / f"{LEADINGPHARM}.txt")
    assert record.url is None
    assert record.content_hash == content_hash(record.body)


def test_laekna(registry: Registry) -> None:
    record = _parse(LAEKNA, registry)
    assert record.company == "Laekna"
    assert record.company_inferred is False
    assert record.title == (
        "Laekna hits the headlines during Shanghai International Biopharma Industry Week 2021"
    )
    assert record.title_derived is False
    assert (record.date, record.date_precision) == ("2021-10-11", "day")
    assert record.summary == "Shanghai debuted International Biopharma Industry Week on Oct 11st."
    assert record.body == _golden_body(LAEKNA)
    paragraphs = record.paragraphs
    assert len(paragraphs) == 15
    assert paragraphs[0].startswith("Shanghai debuted International Biopharma Industry Week")
    sub_headline = "Shanghai's biomedicine policy a shot in the arm for industry players"
    assert paragraphs.count(sub_headline) == 1  # repeated line kept once
    assert paragraphs[-1] == "A researcher works at Laekna Therapeutics's lab in Shanghai."
    for chrome in ("Scroll down", "Media contact", "Contact us", "RSS", "Name*", "Email*",
                   "Occupation", "fill in the form", "Linkedin"):  # fmt: skip
        assert chrome not in record.body
    assert record.quotes == [
        Quote(
            speaker="Li Jia",
            role="director general of the Shanghai Institute of Medicine "
            "of the Chinese Academy of Sciences",
            text="A multi-layered talent supply for both research and other professional "
            "services is also vital for the development of the industry in the long run.",
        ),
        Quote(
            speaker="Lu Xiangyang",
            role="CEO and founder of Laekna Therapeutics",
            text="Many of my peers with similar work and research experience are coming to "
            "Shanghai thanks to a complete industry value chain covering research, "
            "manufacturing, commercial marketing, and sales.",
        ),
    ]
    assert record.figures == [
        "600 billion yuan (US$92.3 billion)",
        "140 billion yuan",
        "1.2 trillion yuan",
        "280 billion yuan",
    ]
    assert record.source == str(SEEDS / f"{LAEKNA}.txt")
    assert record.url is None
    assert record.content_hash == content_hash(record.body)


def test_akeso(registry: Registry) -> None:
    record = _parse(AKESO, registry)
    assert record.company == "Akeso"
    assert record.company_inferred is False
    assert record.title == (
        "The groundbreaking ceremony for Akeso Shanghai Global R&D Center was successfully held…"
    )
    assert record.title_derived is True
    assert len(record.title) <= 100
    assert record.date is None and record.date_precision is None
    assert record.summary == (
        "The groundbreaking ceremony for Akeso Shanghai Global R&D Center was successfully held "
        "at the Zhangjiang headquarters park in Shanghai."
    )
    assert record.body == _golden_body(AKESO)
    assert len(record.paragraphs) == 5
    assert "Comments powered by" not in record.body
    assert "Shanghai's Zhangjiang headquarters park (Youchuang Park)" in record.body
    (quote,) = record.quotes
    assert quote.speaker == "Yu Xia"
    assert quote.role == "Founder, Chairwoman, President, and CEO of Akeso"
    assert quote.text.startswith(
        "Shanghai serves as China's gateway to reform and opening-up, as well as the starting "
        "point for the international expansion of China's pharmaceutical industry. The "
        "establishment of Akeso's global R&D center marks"
    )
    assert quote.text.endswith("and ultimately benefit Chinese and global patients.")
    assert record.figures == ["14,454.90 m2", "66,568.86 m2", "RMB850 million"]
    assert record.source == str(SEEDS / f"{AKESO}.txt")
    assert record.url is None
    assert record.content_hash == content_hash(record.body)


@pytest.mark.parametrize("stem", [LEADINGPHARM, LAEKNA, AKESO])
def test_seed_summaries_are_short_and_not_the_title(stem: str, registry: Registry) -> None:
    record = _parse(stem, registry)
    assert 0 < len(record.summary) <= 350
    assert record.summary.casefold() != record.title.casefold()


def test_golden_fixtures_exist() -> None:
    stems = {Path(p).name.split(".")[0] for p in FIXTURES.glob("*.body.txt")}
    assert {LEADINGPHARM, LAEKNA, AKESO} <= stems
