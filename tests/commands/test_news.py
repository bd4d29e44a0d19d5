"""/news: dates, words, filters, paging buttons, and misses."""

from __future__ import annotations

from tests.commands.conftest import Ask
from tests.limits import assert_sane


def test_year_lists_newest_first(ask: Ask) -> None:
    result = ask("news", {"query": "2021"})
    assert_sane(result)
    embed = result.embed
    assert embed is not None and embed["title"] == "News: 2021"
    names = [f["name"] for f in embed["fields"]]
    assert "Laekna" in names[0] and "Leadingpharm" in names[1]
    assert not result.custom_ids


def test_keywords_with_company_filter(ask: Ask) -> None:
    result = ask("news", {"query": "R&D center"})
    assert result.embed is not None and "Akeso" in result.embed["fields"][0]["name"]
    combined = ask("news", {"query": "2021", "company": "laekna"})
    assert combined.embed is not None and len(combined.embed["fields"]) == 1


def test_hostile_syntax_is_answered(ask: Ask) -> None:
    for query in ('"unclosed', "NEAR(a b)", "title:", "*", "-", "a OR b AND (c", "{title}:x"):
        result = ask("news", {"query": query})
        assert_sane(result)
        assert result.embed is not None
        assert result.embed["title"] != "Something went wrong", query


def test_bad_dates_explain_themselves(ask: Ask) -> None:
    result = ask("news", {"since": "yesterday"})
    assert result.ephemeral and result.embed is not None
    assert "YYYY" in result.embed["description"]


def test_nothing_found_suggests(ask: Ask) -> None:
    result = ask("news", {"query": "zebrafish 1999"})
    assert result.ephemeral and result.embed is not None
    assert result.embed["title"] == "Nothing found"


def test_paging_only_for_the_requester(ask_acme: Ask) -> None:
    first = ask_acme("news", {"query": "2022"})
    assert_sane(first)
    assert first.custom_ids == ["page:previous", "page:next"]
    assert "Page 1/3" in first.embed["footer"]["text"]
    previous = next(
        c
        for row in first.components
        for c in row["components"]
        if c["custom_id"] == "page:previous"
    )
    assert previous["disabled"] is True

    second = ask_acme.press(first, "page:next")
    assert_sane(second)
    assert second.callback_type == 7
    assert "Page 2/3" in second.embed["footer"]["text"]

    stranger = ask_acme.press(second, "page:next", user_id=999)
    assert stranger.ephemeral and stranger.embed["title"] == "Not yours"

    third = ask_acme.press(second, "page:next")
    last_next = next(
        c for row in third.components for c in row["components"] if c["custom_id"] == "page:next"
    )
    assert "Page 3/3" in third.embed["footer"]["text"] and last_next["disabled"] is True
