"""/company and /companies: the callback with mocks, and the full path through the tree."""

from __future__ import annotations

import asyncio

import pytest

from bot import render
from bot.client import NewsBot
from tests.commands.conftest import Ask
from tests.helpers import MockInteraction, sent_embed, sent_kwargs
from tests.limits import assert_sane


def test_callback_sends_profile_embed(newsbot: NewsBot, loop: asyncio.AbstractEventLoop) -> None:
    cog = newsbot.get_cog("CompanyCog")
    assert cog is not None  # an instance of the extension's own copy of CompanyCog
    interaction = MockInteraction()
    loop.run_until_complete(cog.company.callback(cog, interaction, "akeso"))
    embed = sent_embed(interaction)
    assert embed is not None and embed.title == "Akeso (9926.HK)"
    kwargs = sent_kwargs(interaction)
    assert kwargs["allowed_mentions"] is render.NO_MENTIONS
    assert not kwargs.get("ephemeral")


def test_found(ask: Ask) -> None:
    result = ask("company", {"name": "Akeso"})
    assert_sane(result)
    assert result.callback_type == 4 and not result.ephemeral
    embed = result.embed
    assert embed is not None
    assert embed["title"] == "Akeso (9926.HK)"
    assert "1 release" in embed["description"]
    assert any(f["name"] == "Notable quote" for f in embed["fields"])


def test_typo_still_finds(ask: Ask) -> None:
    for typed in ("leading pharm", "lekna", "Akesobio", "9926.HK"):
        result = ask("company", {"name": typed})
        assert result.embed is not None and result.embed["title"] != "Nothing found", typed


def test_not_found_is_ephemeral_with_suggestions(ask: Ask) -> None:
    result = ask("company", {"name": "laek bio"})
    assert_sane(result)
    assert result.ephemeral
    embed = result.embed
    assert embed is not None and embed["title"] == "Nothing found"
    assert "Laekna" in embed["fields"][0]["value"]


def test_autocomplete_ranks_and_limits(ask: Ask) -> None:
    from bot.offline import autocomplete_payload

    result = ask.payload(autocomplete_payload("company", "name", "aks"))
    assert_sane(result)
    assert result.callback_type == 8
    assert result.choices[0]["value"] == "Akeso"
    everything = ask.payload(autocomplete_payload("company", "name", ""))
    assert len(everything.choices) == 3


def test_companies_list(ask: Ask) -> None:
    result = ask("companies")
    assert_sane(result)
    assert result.embed is not None and result.embed["title"] == "Companies (3)"
    assert not result.custom_ids  # one page: no buttons


def test_cooldown_answers_politely(ask: Ask) -> None:
    results = [ask("company", {"name": "akeso"}, user_id=4242) for _ in range(6)]
    last = results[-1]
    assert last.ephemeral and last.embed is not None and last.embed["title"] == "Slow down"
    other_user = ask("company", {"name": "akeso"}, user_id=4343)
    assert other_user.embed is not None and other_user.embed["title"].startswith("Akeso")


def test_unexpected_error_apologises_with_an_id_and_logs(
    ask: Ask, newsbot: NewsBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_text: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(newsbot.lookup, "company_profile", broken)
    result = ask("company", {"name": "akeso"})
    assert_sane(result)
    embed = result.embed
    assert result.ephemeral and embed is not None and embed["title"] == "Something went wrong"
    assert "disk on fire" not in embed["description"] and "Traceback" not in embed["description"]
    error_id = embed["description"].split("`")[1]
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None
    assert ask("help").embed["title"].startswith("newsbot")  # still serving


# Every command that takes a company reads it the same way: one option, one autocomplete,
# one "did you mean".
COMPANY_OPTIONS = (("company", "name"), ("news", "company"), ("quote", "company"))


def test_every_company_option_suggests_the_same_companies(ask: Ask) -> None:
    from bot.offline import autocomplete_payload

    offered = [
        ask.payload(autocomplete_payload(command, option, "aks")).choices
        for command, option in COMPANY_OPTIONS
    ]
    assert offered[0] and all(choices == offered[0] for choices in offered)


def test_every_company_option_answers_a_miss_with_did_you_mean(ask: Ask) -> None:
    for command, option in (*COMPANY_OPTIONS, ("follow", "company")):
        result = ask(command, {option: "laek bio"}, administrator=True)
        assert_sane(result)
        embed = result.embed
        assert result.ephemeral and embed is not None, command
        assert embed["title"] == "Nothing found", command
        assert embed["description"] == "No company matches “laek bio”.", command
        assert "Laekna" in embed["fields"][0]["value"], command
