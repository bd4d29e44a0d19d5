"""Pages that are not releases are reported with a reason, never loaded as one."""

from __future__ import annotations

import pytest

from bot.ingest import NotARelease, parse_page
from bot.ingest.kind import not_a_release
from bot.registry import Registry

ARTICLE = (
    "Orbitron Medical today announced that it has opened a diagnostics plant in Suzhou, "
    "its first in Asia. The plant will make test kits for hospitals across the region."
)


@pytest.mark.parametrize("heading", ["Cookie Notice", "Privacy Policy", "IR Policy", "Disclaimer"])
def test_a_page_headed_as_a_policy(heading: str) -> None:
    with pytest.raises(NotARelease, match="policy or legal"):
        parse_page(f"{heading}\n\n{ARTICLE}", source="t", registry=Registry())


def test_text_written_as_rules_and_waivers() -> None:
    lines = [
        "The operator assumes no responsibility for errors in the data shown here.",
        "Nothing on this site is intended as a solicitation to buy or sell.",
        "The Company shall publish results on its website.",
        "Figures may change without notice.",
    ]
    assert not_a_release(lines) == "legal or policy text, not a release"


def test_a_listing_repeats_each_article_stamp() -> None:
    lines = ["Business", "Plant opens", "Date: 5 May 2024", "By: A. Writer", ARTICLE,
             "Second story", "Date: 6 May 2024", "By: B. Writer", ARTICLE]  # fmt: skip
    assert "listing" in (not_a_release(lines) or "")


def test_a_listing_of_timestamped_teasers() -> None:
    lines = ["Plant opens", ARTICLE, "2024-05-20 09:03:47", "Store opens", ARTICLE,
             "2024-05-19 17:12:01"]  # fmt: skip
    assert "listing" in (not_a_release(lines) or "")


def test_a_digest_of_several_companies() -> None:
    lines = [
        "Morning digest",
        "• Orbitron (ORBT) announced a plant in Suzhou.",
        "• Zentrix Foods (ZNTX) agreed to buy a bakery chain.",
        "• Hallmere Bank (HLMB) raised its dividend.",
    ]
    assert "digest" in (not_a_release(lines) or "")


def test_a_release_with_one_stamp_and_one_ticker_is_a_release() -> None:
    lines = ["Orbitron Opens Plant", "Date: 5 May 2024",
             "SUZHOU, May 5, 2024 -- Orbitron Medical (NASDAQ: ORBT) today opened a plant.",
             "It shall employ 300 people, subject to approvals."]  # fmt: skip
    assert not_a_release(lines) is None
