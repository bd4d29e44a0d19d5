"""The unmodified ``newsbot run`` process, through discord.py's own HTTP and gateway code.

The double (``discord_double``) plays Discord on 127.0.0.1; interactions are injected
over the gateway exactly as Discord delivers them, and the answers are the requests the
bot makes back. Every answer must arrive within 3 s of its interaction.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import time
from typing import Any

import discord
import pytest

from bot.offline import EPHEMERAL, autocomplete_payload, command_payload, component_payload
from tests.e2e.conftest import START_TIMEOUT_S, STOP_TIMEOUT_S, TOKEN, RunningBot
from tests.e2e.discord_double import Injected, walk_components

pytestmark = pytest.mark.e2e

ANSWER_TIMEOUT_S = 3.0
NO_MENTIONS = {"parse": []}
EXPECTED_COMMANDS = {
    "company": ["name"],
    "companies": [],
    "news": ["query", "company", "since", "until"],
    "quote": ["company", "speaker", "keyword"],
    "release": ["title_or_id"],
    "help": [],
    "status": [],
    "reload": ["path"],
    "feed": ["add", "remove", "list"],
}
# Being built alongside these tests; their options are the follow tests' business.
FOLLOW_COMMANDS = {"follow", "unfollow", "following"}

# Each test asks as its own user, so per-user cooldowns never couple tests.
_users = iter(range(100_000_000_000_000_100, 100_000_000_000_000_200))


def answer(bot: RunningBot, payload: dict[str, Any]) -> tuple[Injected, dict[str, Any]]:
    """Inject an interaction and return the callback body the bot sent for it."""
    interaction = bot.double.inject(payload)
    call = bot.double.callback(interaction, timeout=ANSWER_TIMEOUT_S)
    assert call.status == 200, call
    assert call.query.get("with_response") == "1"
    assert not bot.double.unknown, f"the bot called routes the double lacks: {bot.double.unknown}"
    return interaction, call.body


def custom_ids(components: list[dict[str, Any]]) -> dict[str, bool]:
    """custom_id -> disabled, for every button."""
    return {
        c["custom_id"]: c.get("disabled", False)
        for c in walk_components(components)
        if "custom_id" in c
    }


def test_connects_registers_commands_and_gets_ready(shared_bot: RunningBot) -> None:
    double = shared_bot.double
    session = shared_bot.session()
    assert session.ready_at is not None
    assert session.ready_at - shared_bot.started_at < START_TIMEOUT_S
    shared_bot.wait_for_log("ready as newsbot", deadline=shared_bot.started_at + START_TIMEOUT_S)

    # The gateway was found through the API and dialled with what discord.py asks for.
    assert double.find("GET", "/gateway")
    compression = discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE
    assert session.query == {"v": "10", "encoding": "json", "compress": compression}
    assert session.identify is not None
    assert session.identify["token"] == TOKEN
    assert session.identify["intents"] == discord.Intents(guilds=True).value
    assert session.heartbeats >= 1
    assert not session.other_ops
    assert double.find("GET", "/users/@me")
    assert double.find("GET", "/oauth2/applications/@me")

    # Exactly the expected commands, synced to the development guild only.
    path = f"/applications/{double.application_id}/guilds/{double.guild_id}/commands"
    (sync,) = double.find("PUT", path)
    assert sync.status == 200
    assert list(double.commands) == [double.guild_id]
    registered = {command["name"]: command for command in double.commands[double.guild_id]}
    assert set(registered) == set(EXPECTED_COMMANDS) | FOLLOW_COMMANDS
    for name, options in EXPECTED_COMMANDS.items():
        assert [o["name"] for o in registered[name].get("options", [])] == options, name
    for admin_only in ("reload", "feed"):
        assert registered[admin_only]["default_member_permissions"] == "8"
    assert all(
        registered[name]["default_member_permissions"] is None
        for name in EXPECTED_COMMANDS
        if name not in {"reload", "feed"}
    )
    (company_name,) = registered["company"]["options"]
    assert company_name["required"] is True
    assert company_name["autocomplete"] is True
    assert not double.unknown


def test_company_profile(shared_bot: RunningBot) -> None:
    _, body = answer(
        shared_bot, command_payload("company", {"name": "Akeso"}, user_id=next(_users))
    )
    assert body["type"] == 4
    data = body["data"]
    assert data["embeds"][0]["title"] == "Akeso (9926.HK)"
    assert not (data.get("flags") or 0) & EPHEMERAL
    assert data["allowed_mentions"] == NO_MENTIONS


def test_news_by_year(shared_bot: RunningBot) -> None:
    _, body = answer(shared_bot, command_payload("news", {"query": "2021"}, user_id=next(_users)))
    assert body["type"] == 4
    data = body["data"]
    (embed,) = data["embeds"]
    assert embed["title"] == "News: 2021"
    assert 1 <= len(embed["fields"]) <= 5
    assert all("2021" in field["name"] for field in embed["fields"])
    assert not data.get("components")  # one page: no buttons
    assert data["allowed_mentions"] == NO_MENTIONS


def test_company_autocomplete(shared_bot: RunningBot) -> None:
    payload = autocomplete_payload("company", "name", "aks", user_id=next(_users))
    _, body = answer(shared_bot, payload)
    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert choices[0]["value"] == "Akeso"
    assert choices[0]["name"].startswith("Akeso")


def test_page_button_turns_the_page(shared_bot: RunningBot) -> None:
    double, user = shared_bot.double, next(_users)
    asked, body = answer(shared_bot, command_payload("news", {"query": "2022"}, user_id=user))
    assert body["type"] == 4
    first = body["data"]
    assert first["embeds"][0]["footer"]["text"].startswith("Page 1/3")
    assert custom_ids(first["components"]) == {"page:previous": True, "page:next": False}
    assert first["allowed_mentions"] == NO_MENTIONS

    # The bot reads its reply back once its view is stored; a person presses after that.
    original = f"/webhooks/{double.application_id}/{asked.token}/messages/@original"
    double.wait_for(
        lambda: double.find("GET", original), timeout=ANSWER_TIMEOUT_S, what="original read"
    )
    message = double.original_message(asked)
    press = component_payload(
        "page:next", message_id=int(message["id"]), message=message, user_id=user
    )
    pressed, body = answer(shared_bot, press)
    assert body["type"] == 7  # the message itself is updated
    page = body["data"]
    (embed,) = page["embeds"]
    assert embed["footer"]["text"].startswith("Page 2/3")
    assert "milestone 7" in embed["fields"][0]["name"]
    assert custom_ids(page["components"]) == {"page:previous": False, "page:next": False}
    assert page["allowed_mentions"] == NO_MENTIONS
    assert double.original_message(asked)["embeds"] == page["embeds"]
    assert pressed.payload["message"]["id"] == message["id"]


def test_reload_is_refused_to_members(shared_bot: RunningBot) -> None:
    _, body = answer(shared_bot, command_payload("reload", user_id=next(_users)))
    assert body["type"] == 4
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    assert data["embeds"][0]["title"] == "Not allowed"
    assert data["allowed_mentions"] == NO_MENTIONS
    assert "refused admin command" in shared_bot.log()


def test_admin_reload_thinks_then_reports(shared_bot: RunningBot) -> None:
    double = shared_bot.double
    payload = command_payload("reload", user_id=next(_users), administrator=True)
    asked, body = answer(shared_bot, payload)
    assert body["type"] == 5  # "thinking...", privately
    assert body["data"]["flags"] & EPHEMERAL

    original = f"/webhooks/{double.application_id}/{asked.token}/messages/@original"
    (report,) = double.wait_for(
        lambda: double.find("PATCH", original),
        timeout=asked.at + ANSWER_TIMEOUT_S - time.monotonic(),
        what="reload report",
    )
    assert report.body["embeds"][0]["title"] == "Reload finished"
    assert report.body["allowed_mentions"] == NO_MENTIONS
    assert not double.find("POST", f"/webhooks/{double.application_id}/{asked.token}")
    shown = double.original_message(asked)  # the report replaced the "thinking..." message
    assert shown["embeds"] == report.body["embeds"]
    assert shown["flags"] == EPHEMERAL


def test_a_failing_handler_answers_kindly_and_the_bot_goes_on(fresh_bot: RunningBot) -> None:
    with sqlite3.connect(fresh_bot.database) as db:
        db.execute("DROP TABLE quotes")
    user = next(_users)

    _, body = answer(fresh_bot, command_payload("quote", {"keyword": "growth"}, user_id=user))
    assert body["type"] == 4
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    (embed,) = data["embeds"]
    assert embed["title"] == "Something went wrong"
    error_id = re.search(r"`([0-9a-f]{8})`", embed["description"])
    assert error_id is not None, embed["description"]
    assert data["allowed_mentions"] == NO_MENTIONS
    log = fresh_bot.log()
    assert f"error {error_id[1]} in /quote" in log
    assert "no such table: quotes" in log

    _, body = answer(fresh_bot, command_payload("help", user_id=user))
    assert body["type"] == 4
    assert body["data"]["embeds"][0]["title"].startswith("newsbot")
    assert fresh_bot.process.poll() is None


def test_sigterm_closes_the_gateway_and_exits_zero(fresh_bot: RunningBot) -> None:
    session = fresh_bot.session()
    asked_at = time.monotonic()
    fresh_bot.process.send_signal(signal.SIGTERM)

    assert fresh_bot.process.wait(STOP_TIMEOUT_S) == 0
    assert time.monotonic() - asked_at < STOP_TIMEOUT_S
    fresh_bot.double.wait_for(
        lambda: session.closed_at, timeout=STOP_TIMEOUT_S, what="gateway close"
    )
    assert session.close_code == 1000
    assert "Traceback" not in fresh_bot.log()
