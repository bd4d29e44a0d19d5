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


def test_a_list_of_teasers_each_stamped_below() -> None:
    lines = ["Jane Writer", "jane@paper.example", "Latest articles", "Plant opens in Suzhou",
             ARTICLE, "2024-05-20 09:03:47", "-", "Bakery chain sold", ARTICLE]  # fmt: skip
    assert "listing" in (not_a_release(lines) or "")


def test_a_release_with_its_stamp_above_the_text_is_a_release() -> None:
    lines = ["Orbitron Opens Plant", "2024-05-20 09:03:47", ARTICLE, "Media contact", ARTICLE]
    assert not_a_release(lines) is None


def test_a_column_of_remarks_from_several_companies() -> None:
    lines = [
        "This week's words from the press offices",
        "▶[Orbitron] Head of PR Jane Doe",
        '"We worked hard for this approval."',
        "▶[Zentrix Foods] Spokesman John Roe",
        '"Our report shows the future we want."',
        "▶[Hallmere Bank] PR director Ann Poe",
        '"The fund gives every employee a voice."',
    ]
    assert "remarks" in (not_a_release(lines) or "")


def test_a_release_with_bracketed_photo_and_table_bullets_is_a_release() -> None:
    lines = ["Orbitron Opens Plant", ARTICLE, "▶[Photo] The new plant", "▶[Table] Output",
             "▶[Chart] Sales by region"]  # fmt: skip
    assert not_a_release(lines) is None


@pytest.mark.parametrize(
    "heading",
    ["PROCES-VERBAL DES DELIBERATIONS DU CONSEIL", "Minutes of the Meeting of the Board"],
)
def test_minutes_of_a_meeting(heading: str) -> None:
    lines = ["Trade register extract", "Filed on 4 April 2023", heading, ARTICLE]
    assert "minutes" in (not_a_release(lines) or "")


def test_an_exchange_notice_about_this_security() -> None:
    lines = [
        "04 September 2024",
        "Trading has been paused in this security. The auction for this security is extended.",
    ]
    assert "automated notice" in (not_a_release(lines) or "")


def test_a_recap_of_the_days_trading_in_a_share() -> None:
    lines = [
        "Shares of Orbitron Medical rose on Friday; here is how the day went.",
        "- Open: 5,188",
        "- High: 5,205.5",
        "- Low: 5,148",
        "- Close: 5,168",
        "Orbitron opened at 5,188, touched a high of 5,205.5 and a low of 5,148 before closing.",
    ]
    assert "trading" in (not_a_release(lines) or "")


def test_a_release_under_a_quote_box_is_a_release() -> None:
    lines = ["Share Price: 2,595.00", "Open: 2,615.00", "High: 2,620.00", "Low: 2,585.00",
             "Preliminary Results", ARTICLE]  # fmt: skip
    assert not_a_release(lines) is None


def test_a_release_that_mentions_its_minutes_is_a_release() -> None:
    lines = ["Orbitron Publishes Its Meeting Results",
             "Minutes of the meeting of shareholders held on 5 May 2024 are now on our website.",
             ARTICLE]  # fmt: skip
    assert not_a_release(lines) is None
