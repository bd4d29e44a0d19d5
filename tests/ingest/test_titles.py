"""Headlines: the line the article echoes, never the page's chrome (one test per form)."""

from __future__ import annotations

import pytest

from bot.ingest import parse_page
from bot.ingest.titles import is_furniture
from bot.registry import Registry

ARTICLE = (
    "Orbitron Medical today announced that it has opened a diagnostics plant in Suzhou, "
    "its first in Asia. The plant will make test kits for hospitals across the region."
)
HEADLINE = "Orbitron Medical Opens Diagnostics Plant in Suzhou"


def _title(*lines: str) -> tuple[str, bool]:
    record = parse_page("\n".join(lines), source="t", registry=Registry())
    return record.title, record.title_derived


@pytest.mark.parametrize(
    "chrome",
    [
        "Latest Business Feeds to Keep You Posted…",
        "date 2024-03-05 Most Popular",
        "Published : Mar. 5, 2024 - 10:21",
        "Home > Newsroom > Company News",
        "您现在的位置: 首页 > 新闻中心 > 正文",
        "Tag Archives: Manufacturing",
        "Category Archive: Company Updates",
        "Exhibit 99.1",
        "FORM 6-K",
        "Report of Foreign Private Issuer",
        "RNS Number : 1234A",
        "To view the PDF file, sign up for a premium subscription.",
        "(Translation of the registrant's name into English)",
        "ir@orbitron.example | press@orbitron.example |",
        "Orbitron Medical, Inc.",
        "Orbitron Medical Logo",
        "By Jane Doe",
        "홍길동 기자",
        "Orbitron Medical: -2-",
        "1. INTRODUCTION",
        "一、 重要提示",
        "Santiago, 5 de mayo de 2024",
        "Interim Report May 13, 2024",
        "For the month of March 2024",
        "Pursuant to Rule 13a-16 or 15d-16 of",
        "Orbitron Holdings L.L.C.",
        "奥比创医疗控股有限公司",
        "Jane Doe of Orbitron Medical, Inc. 206-555-0142",
        "NOT FOR RELEASE, PUBLICATION OR DISTRIBUTION IN OR INTO ANY RESTRICTED JURISDICTION",
        "FOR IMMEDIATE RELEASE",
        "Embargoed until 07:00 on 5 March 2024",
    ],
)
def test_page_chrome_above_the_headline_is_skipped(chrome: str) -> None:
    assert _title(chrome, HEADLINE, ARTICLE) == (HEADLINE, False)


def test_the_line_the_article_echoes_beats_a_site_banner_next_to_it() -> None:
    assert _title("Global Markets Daily", HEADLINE, "Most read", ARTICLE)[0] == HEADLINE


def test_a_headline_before_its_deck_wins() -> None:
    deck = "The Suzhou plant will make diagnostics test kits for hospitals in Asia"
    assert _title(HEADLINE, deck, ARTICLE)[0] == HEADLINE


def test_a_headline_with_an_abbreviation_is_not_prose() -> None:
    headline = "Orbitron Medical, Inc. Opens Diagnostics Plant in Suzhou"
    assert _title(headline, ARTICLE)[0] == headline


def test_a_line_starting_in_lower_case_is_a_fragment() -> None:
    fragment = "for the six months ended 31 March 2024 at the Suzhou plant"
    assert _title(HEADLINE, fragment, ARTICLE)[0] == HEADLINE


def test_a_section_label_stands_for_the_full_headline_that_starts_with_it() -> None:
    lines = ("annual letter | a year of new plants", "annual letter", "dear partners:")
    body = "this annual letter looks back on a year of new plants and new partners for all of us."
    assert _title(*lines, body)[0] == "annual letter | a year of new plants"


def test_a_cjk_headline_with_an_exclamation_mark() -> None:
    headline = "见证速度!奥比创医疗苏州工厂正式投产"
    article = "日前,奥比创医疗宣布苏州工厂正式投产,这是公司在亚洲的第一家诊断试剂工厂,将为全国医院供应检测试剂。"
    assert _title("首页 > 新闻 > 正文", headline, article)[0] == headline


def test_hard_wrapped_filing_without_prose_lines_still_finds_its_headline() -> None:
    lines = [
        "Interim Dividend Announcement For The Six Months",
        "ORBITRON MEDICAL LIMITED",
        "(Registration number: 2001/123456/06)",
        "INTERIM DIVIDEND ANNOUNCEMENT FOR THE SIX MONTHS ENDED",
        "30 JUNE 2024 AND NOTICE OF PAYMENT DATE",
        "1. INTRODUCTION",
        "The board of directors of Orbitron is pleased to announce an interim",
        "dividend for the six months, payable to shareholders on the register",
    ]
    assert _title(*lines)[0] == lines[0]


def test_a_page_without_a_headline_gets_a_derived_one() -> None:
    title, derived = _title("Home > News", ARTICLE)
    assert derived and title.startswith("Orbitron Medical today announced")


def test_a_city_named_like_a_contact_label_is_not_a_contact_line() -> None:
    headline = "Tel-Aviv Orbitron Medical Opens Diagnostics Plant in Suzhou"
    assert _title(headline, ARTICLE)[0] == headline


def test_a_long_title_case_headline_is_not_prose() -> None:
    headline = (
        "Orbitron Medical Inc. Opens Its Diagnostics Plant In Suzhou: The Company Expands "
        "Its Reach Across Asia With Test Kits For Hospitals And Clinics In The Region"
    )
    assert _title(headline, ARTICLE)[0] == headline


def test_a_japanese_headline_above_a_date_line() -> None:
    headline = "奥比创医疗の新工場を紹介します"
    article = (
        "先日、奥比创医疗は蘇州に新工場を開設しました。新工場では病院向けの検査キットを製造します。"
    )
    assert _title(headline, "2024.03.01", article)[0] == headline


def test_the_cover_of_a_filing_above_the_release_is_skipped() -> None:
    cover = [
        "FORM 6-K",
        "For the month of March 2024",
        "Indicate by check mark whether the registrant files annual reports under Form 20-F.",
        "SIGNATURES",
        "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant "
        "has duly caused this report to be signed on its behalf.",
    ]
    assert _title(*cover, HEADLINE, ARTICLE) == (HEADLINE, False)


def test_a_dateline_with_a_second_date_in_its_text_is_prose_not_a_stamp() -> None:
    article = (
        "SUZHOU, March 5, 2024 - Orbitron Medical today opened a diagnostics plant in Suzhou, "
        "its first in Asia, which it has run as a pilot since January 8, 2024."
    )
    assert not is_furniture(article)
    assert _title("Global Markets Daily", HEADLINE, article)[0] == HEADLINE


def test_a_headline_above_its_list_of_highlights_wins() -> None:
    lines = [
        "Orbitron: the board approves the 2024 results",
        "Orbitron group:",
        "Revenue in line with 2023",
        "Margins in line with the target",
        "The board of Orbitron today approved the 2024 results. Revenue was in line with 2023 "
        "and margins were in line with the target set for the year.",
    ]
    assert _title(*lines)[0] == lines[0]


def test_a_german_compound_the_article_splits_still_echoes() -> None:
    headline = "Orbitron Werbe-Etatvergabe nach sachlichen Kriterien erfolgt"
    deck = "Vorstand Huber weist Aussage von Agenturchef Maier entschieden zurück"
    article = (
        "Wien - Die Äußerung von Agenturchef Maier, die Vergabe des Orbitron Werbeetats wäre "
        '"ein Fehler" gewesen, weist Vorstand Huber als Aussage eines Verlierers zurück.'
    )
    assert _title(headline, deck, article)[0] == headline


def test_a_bilingual_company_name_banner_is_cut_from_the_headline() -> None:
    line = (
        "ORBITRON MEDICAL HOLDINGS LIMITED 奧比創醫療控股有限公司 2024 INTERIM RESULTS ANNOUNCEMENT"
    )
    article = (
        "The board of Orbitron Medical Holdings Limited announces the interim results of the "
        "group for the six months ended 30 June 2024."
    )
    assert _title(line, article)[0] == "2024 INTERIM RESULTS ANNOUNCEMENT"


def test_a_release_forwarded_by_a_cover_letter_has_its_headline_below_the_letter() -> None:
    lines = [
        "MATERIAL FACT",
        "Dear Superintendent:",
        "In accordance with the securities law, Orbitron Medical reports that it will publish",
        "its results for the third quarter of 2024 today. The release is attached.",
        "Sincerely,",
        "Jane Doe",
        "Chief Executive Officer",
        "Copy: Stock Exchange of Santiago",
        "ORBITRON MEDICAL ANNOUNCES RESULTS FOR THE",
        "THIRD QUARTER OF 2024",
        "Santiago, November 5, 2024 - Orbitron Medical today announced its results for the",
        "third quarter of 2024, with revenue up on the year and a new plant opened in",
        "Suzhou. All figures are in dollars unless stated otherwise.",
    ]
    assert _title(*lines)[0] == "ORBITRON MEDICAL ANNOUNCES RESULTS FOR THE THIRD QUARTER OF 2024"


def test_a_headline_cut_after_a_preposition_runs_on_into_the_next_line() -> None:
    lines = ["Orbitron Medical Opens Diagnostics Plant in", "Suzhou", ARTICLE]
    assert _title(*lines)[0] == HEADLINE


def test_a_letter_without_an_attachment_keeps_the_headline_above_it() -> None:
    lines = [
        HEADLINE,
        "Dear shareholders,",
        "Orbitron Medical opened a diagnostics plant in Suzhou this year, its first in Asia.",
        "Sincerely,",
        "Jane Doe",
        "About Orbitron Medical",
        "Orbitron Medical makes test kits for hospitals in Asia and in Europe.",
    ]
    assert _title(*lines)[0] == HEADLINE


@pytest.mark.parametrize(
    "headline",
    ["新工場の開設に関するお知らせ", "关于设立苏州诊断试剂工厂的公告"],
)
def test_a_notice_headline_run_into_flattened_pdf_text(headline: str) -> None:
    flattened = (
        f"2024 年 3 月 5 日 各 位 会 社 名 奥比创医疗株式会社 {headline} "
        "当社は、本日開催の取締役会において、蘇州に新工場を開設することを決議いたしました。"
    )
    assert _title(flattened) == (headline, False)


@pytest.mark.parametrize(
    "headline",
    ["Orbitron Medical Opens a Luxury Hotel and Spa", "Orbitron Raises Funds in Series A"],
)
def test_headlines_ending_like_a_company_suffix_or_a_cut_line_are_kept(headline: str) -> None:
    article = (
        "Orbitron Medical today announced that it opened a luxury hotel and spa and raised "
        "funds in a Series A round, its first in Asia."
    )
    assert _title(headline, "Share", article)[0] == headline


def test_a_short_headline_in_the_same_block_as_its_article_is_no_wrapped_line() -> None:
    record = parse_page(f"{HEADLINE}\n{ARTICLE}", source="t", registry=Registry())
    assert (record.title, record.title_derived) == (HEADLINE, False)
