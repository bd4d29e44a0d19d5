"""/quote and /release."""

from __future__ import annotations

import asyncio

import pytest

from bot.client import NewsBot
from bot.config import Settings
from bot.offline import autocomplete_payload
from bot.store import Store
from tests.commands.conftest import Ask
from tests.limits import assert_sane


def test_quote_by_speaker(ask: Ask) -> None:
    result = ask("quote", {"speaker": "Li Jia"})
    assert_sane(result)
    field = result.embed["fields"][0]
    assert "Li Jia, director general" in field["value"]
    assert "Laekna" in field["name"]


def test_quote_speaker_typo_and_miss(ask: Ask) -> None:
    assert "Yu Xia" in ask("quote", {"speaker": "yu xai"}).embed["fields"][0]["value"]
    miss = ask("quote", {"speaker": "Nobody Atall"})
    assert miss.ephemeral and miss.embed["title"] == "Nothing found"


def test_quote_paging(ask_acme: Ask) -> None:
    result = ask_acme("quote", {"company": "acme bio"})
    assert result.custom_ids == ["page:previous", "page:next"]


def test_release_by_title_and_id(ask: Ask) -> None:
    result = ask("release", {"title_or_id": "Laekna hits the headlines"})
    assert_sane(result)
    embed = result.embed
    assert embed["title"].startswith("Laekna hits the headlines")
    assert "Laekna" in embed["author"]["name"] and "11 Oct 2021" in embed["author"]["name"]
    names = [f["name"] for f in embed["fields"]]
    assert "Key figures" in names and "Quote" in names and "Source" in names
    release_id = embed["footer"]["text"].split("#")[1].split(" ")[0]
    again = ask("release", {"title_or_id": f"#{release_id}"})
    assert again.embed["title"] == embed["title"]


def test_release_miss_and_autocomplete(ask: Ask) -> None:
    miss = ask("release", {"title_or_id": "#424242"})
    assert miss.ephemeral and miss.embed["title"] == "Nothing found"
    choices = ask.payload(autocomplete_payload("release", "title_or_id", "shanghai")).choices
    assert choices and choices[0]["value"].startswith("#")


def test_long_body_pages(ask: Ask, settings: Settings, store: Store) -> None:
    """A release whose body is longer than one embed gets page buttons."""
    import json

    from tests.conftest import load

    paragraphs = [
        f"Paragraph {n}: " + "Acme Bio expands its oncology pipeline. " * 20 for n in range(12)
    ]
    (settings.data_dir / "releases" / "long.json").write_text(
        json.dumps(
            {
                "company": "Acme Bio",
                "title": "A very long release",
                "date": "2023-01-02",
                "body": "\n\n".join(paragraphs),
            }
        ),
        encoding="utf-8",
    )
    load(store, settings)
    result = ask("release", {"title_or_id": "A very long release"})
    assert_sane(result)
    assert result.custom_ids == ["page:previous", "page:next"]
    assert ask.press(result, "page:next").embed["footer"]["text"].endswith("page 2/3")


def test_after_a_load_the_bot_builds_release_titles_before_anyone_asks(
    newsbot: NewsBot, loop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first /release autocomplete after a start or a load finds the titles built."""
    built: list[str] = []
    original = newsbot.lookup.warm
    monkeypatch.setattr(newsbot.lookup, "warm", lambda: built.append("warm") or original())
    monkeypatch.setattr(newsbot.store, "release_titles", lambda: built.append("read") or [])
    newsbot.lookup.refresh()
    loop.run_until_complete(newsbot.after_load())
    assert built == ["warm", "read"]
    newsbot.lookup.release_choices("anything")
    assert built == ["warm", "read"]  # answered from the index the warm-up built
