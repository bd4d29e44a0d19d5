"""Boilerplate: general rules on made-up pages, learned site chrome, spam suffixes."""

from __future__ import annotations

import pytest

from bot.ingest import IngestError, boilerplate_key, boilerplate_of, line_keys, parse_page
from bot.registry import Registry

PROSE = (
    "Orbitron Medical today opened a new manufacturing plant in Suzhou that will employ "
    "staff from the region. The plant will make diagnostic kits for hospitals in Asia."
)


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    "chrome",
    [
        "Scroll up to read more",
        "Back to top",
        "Next article",
        "Previous",
        "Share this",
        "Print",
        "Follow us on WeChat",
        "Press contacts",
        "Related news",
        "Comments powered by Disqus",
        "Read more news about Orbitron",
        "Learn the latest updates from Orbitron Medical",
        "Copyright © 2024 Orbitron Medical",
        "© 2024 Orbitron Medical. All rights reserved.",
        "Tags: diagnostics, Suzhou",
        "Home > Newsroom > Company news",
        "Investor hotline: +86 512 6666 8888",
        "Stock code (688001) Tel: 0512-66668888",
        "Views: 1,024",
        "Editor: Wang",
        "Subscribe to our newsletter",
        "Please fill out the form to get updates",
        "1. First name*",
        "2) E-mail:",
        "Phone",
    ],
)
def test_chrome_lines_never_reach_the_body(chrome: str, registry: Registry) -> None:
    text = _page("Orbitron opens Suzhou plant", PROSE, chrome, "Orbitron Medical grew fast.")
    record = parse_page(text, source="t", registry=registry)
    assert chrome not in record.body
    assert record.title == "Orbitron opens Suzhou plant"
    assert PROSE in record.body


def test_adjacent_chrome_lines_without_blank_lines(registry: Registry) -> None:
    text = (
        "Orbitron opens Suzhou plant\n\n"
        f"{PROSE}\n\n"
        "Contact\nRSS\nWant news from Orbitron? Sign up for e-mails below:\n"
        "  1. Name*\n  2. Email*\n  3. Company\n  4. Occupation\n"
    )
    record = parse_page(text, source="t", registry=registry)
    assert record.body == PROSE


def test_spam_suffix_glued_to_a_latin_title_is_cut(registry: Registry) -> None:
    text = _page("Orbitron opens Suzhou plant – 威尼斯人官网", PROSE)
    assert parse_page(text, source="t", registry=registry).title == "Orbitron opens Suzhou plant"


def test_chinese_titles_keep_their_chinese_parts(registry: Registry) -> None:
    text = _page(
        "新领先-年度报告", "新领先今天发布了年度报告，公司营业收入持续增长，研发投入不断加大。"
    )
    assert parse_page(text, source="t", registry=registry).title == "新领先-年度报告"


def test_repeated_lines_kept_once(registry: Registry) -> None:
    sub = "A new plant for a growing market"
    text = _page("Orbitron opens Suzhou plant", sub, PROSE, sub)
    record = parse_page(text, source="t", registry=registry)
    assert record.paragraphs == [sub, PROSE]


def test_signature_and_trailing_date_are_not_body(registry: Registry) -> None:
    text = _page("Letter to partners", PROSE, "President of Orbitron Medical", "March 3, 2022")
    record = parse_page(text, source="t", registry=registry)
    assert record.body == PROSE
    assert (record.date, record.date_precision) == ("2022-03-03", "day")


def test_learned_boilerplate_is_removed(registry: Registry) -> None:
    footer = "Orbitron Medical is listed in Shanghai; filings are on our investor site, 2024."
    text = _page("Orbitron opens Suzhou plant", PROSE, footer)
    learned = frozenset({boilerplate_key(footer)})
    assert footer in parse_page(text, source="t", registry=registry).body
    assert parse_page(text, source="t", registry=registry, boilerplate=learned).body == PROSE


def test_page_of_only_navigation_has_no_prose(registry: Registry) -> None:
    text = _page("Home", "Contact us", "RSS Feeds", "Share", "Print", "Back to list")
    with pytest.raises(IngestError, match=r"^no prose left after removing boilerplate$"):
        parse_page(text, source="t", registry=registry)


def test_boilerplate_key_ignores_case_digits_and_punctuation() -> None:
    assert boilerplate_key("  Views: 1,024 | Share!! ") == boilerplate_key("views 7 share")
    assert boilerplate_key("Copyright © 2023 Acme, Inc.") == "copyright acme inc"
    assert boilerplate_key("2023-01-01 ...") == ""


WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
WORDS += ["juliet", "kilo", "lima", "mike"]


def learn_boilerplate(
    texts: list[str], *, min_files: int = 3, min_share: float = 0.2
) -> frozenset[str]:
    """A folder's boilerplate, learned as a load does: each page's line keys, counted."""
    return boilerplate_of(map(line_keys, texts), min_files=min_files, min_share=min_share)


def test_learn_boilerplate_finds_site_chrome() -> None:
    footer = "Orbitron Medical - Suzhou BioBay - All news"
    texts = [f"Title {w}\n\nProse about {w} only.\n\n{footer} ({i})" for i, w in enumerate(WORDS)]
    learned = learn_boilerplate(texts)
    assert learned == frozenset({boilerplate_key(footer)})


def test_learn_boilerplate_needs_enough_files() -> None:
    texts = ["Same line\n\nprose one", "Same line\n\nprose two"]
    assert learn_boilerplate(texts) == frozenset()  # only two pages: not evidence
    assert learn_boilerplate(texts, min_files=2) == frozenset({"same line"})


def test_learn_boilerplate_needs_a_share_of_files() -> None:
    texts = ["Rare line"] * 3 + [f"page {w} {v}" for w in WORDS for v in WORDS[:2]]
    assert learn_boilerplate(texts) == frozenset()  # 3 of 29 pages < 20 %
    assert learn_boilerplate(texts, min_share=0.05) == frozenset({"rare line"})


def test_learn_boilerplate_counts_a_line_once_per_text_and_skips_long_lines() -> None:
    long_line = "word " * 100
    texts = ["Menu\nMenu\nMenu\n" + long_line, "alpha", "bravo"]
    assert learn_boilerplate(texts, min_files=2, min_share=0) == frozenset()
    assert learn_boilerplate([long_line] * 5) == frozenset()


def test_site_menus_language_switch_and_contact_footer(registry: Registry) -> None:
    text = (
        "中文 | EN\nHome\nAbout Us\nPipeline\nNews\nInvestors\n\n"
        "Home > News > Company News\n\n"
        "Newsroom\n\n"
        "Orbitron opens its Suzhou plant\n\n"
        "Posted on March 5, 2019\n\n"
        f"{PROSE}\n\n"
        "Privacy Policy | Terms of Use | Sitemap\n"
        "Copyright © 2019 Orbitron Co., Ltd. 苏ICP备12345678号\n"
        "Address: No. 9 Renai Road, Suzhou\nEmail: ir@orbitron.example\n"
    )
    record = parse_page(text, source="t", registry=registry)
    assert record.title == "Orbitron opens its Suzhou plant"
    assert (record.date, record.date_precision) == ("2019-03-05", "day")
    assert record.body == PROSE


def test_short_lists_inside_prose_survive(registry: Registry) -> None:
    text = _page(
        "Orbitron opens Suzhou plant", PROSE, "Oncology\nImmunology", "The plant opens in May."
    )
    assert "Oncology" in parse_page(text, source="t", registry=registry).body


def test_release_trailer_sections_are_dropped(registry: Registry) -> None:
    text = _page(
        "Orbitron opens Suzhou plant",
        PROSE,
        "About Orbitron Medical",
        "Orbitron Medical is a diagnostics company founded in 2001 with sites in Asia.",
        "Forward-Looking Statements",
        "This release contains forward-looking statements that involve risks.",
    )
    assert parse_page(text, source="t", registry=registry).body == PROSE


def test_about_in_prose_is_not_a_trailer(registry: Registry) -> None:
    text = _page(
        "Orbitron opens Suzhou plant", PROSE, "About 30% of the kits go to Japan", PROSE[:60] + "."
    )
    assert "About 30%" in parse_page(text, source="t", registry=registry).body


def test_form_invitation_variants(registry: Registry) -> None:
    invite = "To receive Orbitron news by email, please complete the form below."
    text = _page("Orbitron opens Suzhou plant", PROSE, invite)
    assert invite not in parse_page(text, source="t", registry=registry).body
