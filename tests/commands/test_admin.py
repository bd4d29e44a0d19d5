"""/reload through discord.py's real interaction path: who may run it, where it may read,
what the admin is told, and that new data is answered right after."""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from discord import app_commands

import bot.reloading
from bot.client import NewsBot
from bot.config import Settings
from bot.offline import DEFAULT_USER_ID, OfflineResult, OfflineRunner, command_payload
from bot.store import Store
from tests.commands.conftest import Ask
from tests.helpers import MockInteraction, MockMember, MockUser, sent_kwargs
from tests.limits import assert_sane

# A release about a company that is not in companies.toml, with words found nowhere else.
NEW_PAGE = """Halvard Biologics opens nanobody plant in Hangzhou

Published: 2024-03-14

Halvard Biologics today opened a nanobody manufacturing plant in Hangzhou with room for 12,000 litres of bioreactor volume.

"The Hangzhou plant lets us supply our own late-stage trials," said Ines Varga, Chief Operating Officer of Halvard Biologics.
"""


def summary(result: OfflineResult) -> str:
    """The /reload summary an admin sees: deferred ("thinking…"), then that message edited
    into the summary (an edit retried after a 5xx cannot show it twice)."""
    assert_sane(result)
    assert result.callback_type == 5, "a load can take a while: defer first"
    answers = [call for call in result.calls[1:] if call.path.startswith("/webhooks/")]
    assert [(call.method, call.path.rsplit("/", 1)[-1]) for call in answers] == [
        ("PATCH", "@original")
    ], answers
    assert result.ephemeral
    embed = result.embed
    assert embed is not None and embed["title"] == "Reload finished", embed
    return str(embed["description"])


def refusal(result: OfflineResult) -> dict[str, Any]:
    """An immediate ephemeral answer (no defer) that is not a summary."""
    assert_sane(result)
    assert result.callback_type == 4 and result.ephemeral
    assert result.embed is not None
    return result.embed


def test_member_is_refused_and_the_attempt_logged(
    ask: Ask, loaded_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    runs_before = len(loaded_store.load_history())
    with caplog.at_level(logging.WARNING, logger="commands.admin"):
        result = ask("reload", administrator=False, user_id=4242)
    assert refusal(result)["title"] == "Not allowed"
    assert any(
        record.name == "commands.admin" and "4242" in record.getMessage()
        for record in caplog.records
    ), caplog.text
    assert len(loaded_store.load_history()) == runs_before


@pytest.mark.parametrize(
    ("who", "extra"),
    [
        ("server administrator", {"administrator": True}),
        ("ADMIN_USER_IDS member", {"administrator": False, "user_id": 777}),
    ],
)
def test_admins_get_a_deferred_ephemeral_summary(
    ask: Ask, loaded_store: Store, who: str, extra: dict[str, Any]
) -> None:
    description = summary(ask("reload", **extra))
    assert "3 unchanged" in description.replace("*", ""), who
    assert str(extra.get("user_id", DEFAULT_USER_ID)) in loaded_store.load_history(1)[0].actor


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the data folder with a page that must never be loaded by /reload."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(NEW_PAGE, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("../outside", "relative to the data folder"),
        ("releases/../../outside", "relative to the data folder"),
        ("/etc", "relative to the data folder"),
        ("releases/link", "leads outside the data folder"),  # a symlink to ../outside
    ],
)
def test_paths_leading_out_of_the_data_folder_are_refused(
    ask: Ask, loaded_store: Store, settings: Settings, outside: Path, path: str, reason: str
) -> None:
    (settings.releases_dir / "link").symlink_to(outside, target_is_directory=True)
    runs_before = len(loaded_store.load_history())
    embed = refusal(ask("reload", {"path": path}, administrator=True))
    assert embed["title"] == "Reload refused" and reason in embed["description"]
    assert len(loaded_store.load_history()) == runs_before, "no load may even start"
    assert loaded_store.stats().releases == 3


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("releases/nowhere", "does not exist"),
        ("companies.toml", "not a release file"),
    ],
)
def test_paths_that_are_not_release_data_are_refused(
    ask: Ask, loaded_store: Store, path: str, reason: str
) -> None:
    embed = refusal(ask("reload", {"path": path}, administrator=True))
    assert embed["title"] == "Reload refused" and reason in embed["description"]
    assert loaded_store.stats().releases == 3


def test_new_page_is_answered_after_reload_and_a_second_reload_changes_nothing(
    ask: Ask, settings: Settings, loaded_store: Store
) -> None:
    new_folder = settings.releases_dir / "2024"
    new_folder.mkdir()
    (new_folder / "halvard.txt").write_text(NEW_PAGE, encoding="utf-8")
    assert (ask("company", {"name": "Halvard Biologics"}).embed or {})["title"] == "Nothing found"

    first = summary(ask("reload", {"path": "releases/2024"}, administrator=True))
    assert "**1** added" in first and "No changes" not in first
    run = loaded_store.load_history(1)[0]
    assert (run.source, run.outcome, run.added, run.failed) == ("releases/2024", "ok", 1, 0)
    assert run.actor == f"tester ({DEFAULT_USER_ID})"
    company = ask("company", {"name": "Halvard"})
    assert_sane(company)
    assert "Halvard Biologics" in (company.embed or {})["title"]
    news = ask("news", {"query": "nanobody"})
    assert_sane(news)
    assert "Halvard Biologics opens nanobody plant" in str(news.embed)

    second = summary(ask("reload", {"path": "releases"}, administrator=True))
    assert second.startswith("No changes") and "**4** unchanged" in second


def test_reload_while_one_runs_is_refused(
    runner: OfflineRunner, loop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, finish = threading.Event(), threading.Event()
    real_load = bot.reloading.load_paths

    def slow_load(*args: Any, **kwargs: Any) -> Any:
        started.set()
        finish.wait(10)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(bot.reloading, "load_paths", slow_load)

    async def two_reloads() -> tuple[OfflineResult, OfflineResult]:
        first = asyncio.ensure_future(runner.run(command_payload("reload", administrator=True)))
        assert await asyncio.to_thread(started.wait, 10)
        try:
            second = await runner.run(command_payload("reload", user_id=777))
        finally:
            finish.set()
        return await first, second

    first, second = loop.run_until_complete(two_reloads())
    assert (first.embed or {}).get("title") == "Reload finished"
    assert_sane(second)
    assert second.ephemeral and second.embed is not None
    assert second.embed["title"] == "Reload not run"
    assert "already running since" in second.embed["description"]


def test_callback_and_check_with_mocked_interactions(
    newsbot: NewsBot, loop: asyncio.AbstractEventLoop
) -> None:
    command = newsbot.tree.get_command("reload")
    assert isinstance(command, app_commands.Command)
    [admin_only] = command.checks
    with pytest.raises(app_commands.CheckFailure):
        loop.run_until_complete(admin_only(MockInteraction(client=newsbot)))
    listed = MockInteraction(client=newsbot, user=MockUser(id=777))
    assert loop.run_until_complete(admin_only(listed))

    admin = MockInteraction(client=newsbot, user=MockMember(administrator=True))
    assert loop.run_until_complete(admin_only(admin))
    loop.run_until_complete(command.callback(command.binding, admin, None))  # type: ignore[arg-type]
    admin.response.defer.assert_awaited_once_with(ephemeral=True, thinking=True)
    sent = sent_kwargs(admin)
    assert sent["ephemeral"] is True
    assert sent["embed"].title == "Reload finished"
    assert sent["embed"].description.startswith("No changes")
