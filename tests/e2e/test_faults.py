"""Discord's bad days, against the real ``newsbot run`` process: what users still see.

Each test injects one fault the way Discord (or Cloudflare in front of it) really fails,
then checks that the bot stays up and answers, nothing is lost or doubled, and the log
has one warning for the fault and no traceback.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_NOT_PERMITTED, EXIT_TOKEN_REJECTED
from bot.client import DATA_CHECK_SECONDS
from bot.loader import load_paths
from bot.offline import command_payload
from bot.store import Store
from tests.conftest import POSTGRES_URL, fresh_postgres_store
from tests.e2e.conftest import START_TIMEOUT_S, TOKEN, RunningBot, run_cli, running_bot
from tests.e2e.discord_double import (
    BAD_GATEWAY_AFTER_STORE,
    CLOUDFLARE_429,
    GATEWAY_TIMEOUT_AFTER_STORE,
    SERVICE_UNAVAILABLE,
    DiscordDouble,
    Fault,
)

pytestmark = pytest.mark.e2e

ANSWER_TIMEOUT_S = 3.0
GUILD_COMMANDS = re.compile(r"/applications/\d+/guilds/\d+/commands")
MISSING_ACCESS = Fault(403, "Missing Access")


def assert_answers_help(bot: RunningBot) -> None:
    interaction = bot.double.inject(command_payload("help"))
    call = bot.double.callback(interaction, timeout=ANSWER_TIMEOUT_S)
    assert call.body["data"]["embeds"][0]["title"].startswith("newsbot")


def test_a_503_while_registering_commands_is_ridden_out(tmp_path: Path) -> None:
    def prepare(double: DiscordDouble) -> None:
        double.fail("PUT", GUILD_COMMANDS, SERVICE_UNAVAILABLE)

    with running_bot(tmp_path, prepare=prepare) as bot:
        assert_answers_help(bot)
        assert [r.status for r in bot.double.find("PUT", GUILD_COMMANDS)] == [503, 200]
        assert bot.process.poll() is None
        (warning,) = bot.warnings()
        assert "registering commands succeeded on try 2" in warning
        assert "Discord server error 503" in warning
        assert "Traceback" not in bot.log()


def exit_line(bot: RunningBot) -> tuple[int, str]:
    """The exit code and last line of a bot that is refused, with nothing alarming before."""
    code = bot.process.wait(START_TIMEOUT_S * 2)
    assert "Traceback" not in bot.log()
    assert not bot.warnings()
    return code, bot.log().strip().splitlines()[-1]


def test_a_rejected_token_ends_the_bot_with_one_line(tmp_path: Path) -> None:
    with running_bot(tmp_path, env={"DISCORD_TOKEN": "not.the.token"}, wait_ready=False) as bot:
        code, line = exit_line(bot)
        assert code == EXIT_TOKEN_REJECTED
        assert line.startswith("Discord rejected DISCORD_TOKEN (401 Unauthorized)")
        assert not bot.double.sessions


def test_a_missing_privilege_ends_the_bot_with_one_line(tmp_path: Path) -> None:
    def prepare(double: DiscordDouble) -> None:
        double.fail("PUT", GUILD_COMMANDS, MISSING_ACCESS)

    with running_bot(tmp_path, prepare=prepare, wait_ready=False) as bot:
        code, line = exit_line(bot)
        assert code == EXIT_NOT_PERMITTED
        assert line.startswith("Discord refused: 403 403: Missing Access")
        assert "applications.commands" in line


def test_sync_uses_the_configured_api_and_rides_out_a_503(tmp_path: Path) -> None:
    double = DiscordDouble(token="e2e.dummy.token")
    double.start()
    try:
        double.fail("PUT", GUILD_COMMANDS, SERVICE_UNAVAILABLE)
        done = run_cli(tmp_path, double, "sync", "--guild", str(double.guild_id))
    finally:
        double.stop()
    assert done.returncode == 0, done.stderr
    assert f"commands to server {double.guild_id}" in done.stdout
    assert [r.status for r in double.find("PUT", GUILD_COMMANDS)] == [503, 200]
    assert "follow" in {command["name"] for command in double.commands[double.guild_id]}
    assert "Traceback" not in done.stderr


CHANNEL_MESSAGES = re.compile(r"/channels/\d+/messages")
BACKFILL = 3
# Two passing failures in a row are tried again after at most 5 + 10 s, plus pacing.
RETRIES_TIMEOUT_S = 30.0


def follow_acme_with_backfill(bot: RunningBot) -> None:
    payload = command_payload(
        "follow", {"company": "Acme Bio", "backfill": BACKFILL}, administrator=True
    )
    interaction = bot.double.inject(payload)
    call = bot.double.callback(interaction, timeout=ANSWER_TIMEOUT_S)
    assert call.body["data"]["embeds"][0]["title"] == "Following Acme Bio"


def channel_titles(bot: RunningBot, count: int, *, timeout: float) -> list[str]:
    """The titles posted in the channel once ``count`` posts are there, oldest first."""
    double = bot.double

    def posted() -> list[dict[str, Any]] | None:
        messages = double.channel_messages(double.channel_id)
        return messages if len(messages) >= count else None

    double.wait_for(posted, timeout=timeout, what=f"{count} posts in the channel")
    time.sleep(1.5)  # a doubled post would follow within the pacing interval
    return [m["embeds"][0]["title"] for m in double.channel_messages(double.channel_id)]


BACKFILLED_TITLES = [f"Acme Bio reaches programme milestone {n}" for n in (10, 11, 12)]


def test_posts_throttled_by_cloudflare_or_refused_with_503_arrive_later_once(
    tmp_path: Path,
) -> None:
    def prepare(double: DiscordDouble) -> None:
        double.fail("POST", CHANNEL_MESSAGES, CLOUDFLARE_429, SERVICE_UNAVAILABLE)

    with running_bot(tmp_path, prepare=prepare) as bot:
        follow_acme_with_backfill(bot)
        assert channel_titles(bot, BACKFILL, timeout=RETRIES_TIMEOUT_S) == BACKFILLED_TITLES
        statuses = [r.status for r in bot.double.find("POST", CHANNEL_MESSAGES)]
        assert statuses == [429, 503, 200, 200, 200]
        first, second = bot.warnings()
        assert "not posted (rate limited (429)); trying again" in first
        assert "not posted (Discord server error 503); trying again" in second
        assert "Traceback" not in bot.log()
        assert_answers_help(bot)


def test_posts_stored_before_a_502_or_504_appear_once(tmp_path: Path) -> None:
    def prepare(double: DiscordDouble) -> None:
        double.fail("POST", CHANNEL_MESSAGES, BAD_GATEWAY_AFTER_STORE, GATEWAY_TIMEOUT_AFTER_STORE)

    with running_bot(tmp_path, prepare=prepare) as bot:
        follow_acme_with_backfill(bot)
        assert channel_titles(bot, BACKFILL, timeout=RETRIES_TIMEOUT_S) == BACKFILLED_TITLES
        posted = bot.double.find("POST", CHANNEL_MESSAGES)
        # discord.py tries the first post again itself: both tries were stored by Discord,
        # and the third try is answered with the message the first one created.
        assert [r.status for r in posted] == [502, 504, 200, 200, 200]
        assert all(r.body["enforce_nonce"] is True for r in posted)
        nonces = [r.body["nonce"] for r in posted]
        assert nonces[0] == nonces[1] == nonces[2] and len(set(nonces)) == BACKFILL
        assert "Traceback" not in bot.log()
        assert_answers_help(bot)


ORIGINAL_RESPONSE = re.compile(r"/webhooks/\d+/[^/]+/messages/@original")
FOLLOW_UPS = re.compile(r"/webhooks/\d+/[^/]+")


def test_a_deferred_answer_stored_before_a_504_is_shown_once(tmp_path: Path) -> None:
    def prepare(double: DiscordDouble) -> None:
        double.fail("PATCH", ORIGINAL_RESPONSE, GATEWAY_TIMEOUT_AFTER_STORE)

    with running_bot(tmp_path, prepare=prepare) as bot:
        double = bot.double
        asked = double.inject(command_payload("reload", administrator=True))
        assert double.callback(asked, timeout=ANSWER_TIMEOUT_S).body["type"] == 5
        edits = double.wait_for(
            lambda: [r for r in double.find("PATCH", ORIGINAL_RESPONSE) if r.status == 200],
            timeout=ANSWER_TIMEOUT_S * 3,
            what="the reload report",
        )
        time.sleep(1.0)  # a second answer would follow within discord.py's retry pause
        assert [r.status for r in double.find("PATCH", ORIGINAL_RESPONSE)] == [504, 200]
        assert edits[0].body["embeds"][0]["title"] == "Reload finished"
        assert not double.find("POST", FOLLOW_UPS)  # nothing that could appear twice
        shown = double.original_message(asked)
        assert shown["embeds"] == edits[0].body["embeds"]
        assert "Traceback" not in bot.log()
        assert_answers_help(bot)


FAST_HEARTBEAT_MS = 2_000  # Discord's is 41.25 s: too slow to wait for in a test


def test_a_connection_that_stops_acknowledging_heartbeats_is_resumed(tmp_path: Path) -> None:
    def prepare(double: DiscordDouble) -> None:
        double.heartbeat_interval_ms = FAST_HEARTBEAT_MS

    interval = FAST_HEARTBEAT_MS / 1000
    with running_bot(tmp_path, prepare=prepare) as bot:
        double = bot.double
        zombie = double.stop_acknowledging()
        stopped_at = time.monotonic()
        resumed = double.wait_for(
            lambda: next((s for s in double.sessions if s.resumed_at is not None), None),
            timeout=interval * 5,
            what="a resumed connection",
        )
        assert zombie.closed_at is not None
        # About two intervals; one more for a busy machine.
        assert zombie.closed_at - stopped_at < interval * 3
        assert zombie.close_code == 4000
        assert resumed.session_id == zombie.session_id
        assert resumed.identify is None  # resumed, not started afresh
        assert_answers_help(bot)
        (warning,) = bot.warnings()
        assert "acknowledged no heartbeat" in warning and "reconnecting" in warning
        assert "Traceback" not in bot.log()


@pytest.mark.postgres
def test_two_bot_processes_on_one_postgres_post_each_release_once(tmp_path: Path) -> None:
    """Shards split across machines share one database: both run the delivery rounds a
    load sets off (at their next data check), and each release reaches the channel once."""
    fresh_postgres_store().close()
    database = {"DATABASE_URL": POSTGRES_URL}
    double = DiscordDouble(token=TOKEN)
    double.start()
    try:
        with (
            running_bot(tmp_path / "one", env=database, double=double) as one,
            running_bot(tmp_path / "two", env=database, double=double),
        ):
            asked = double.inject(
                command_payload("follow", {"company": "Acme Bio"}, administrator=True)
            )
            assert double.callback(asked, timeout=ANSWER_TIMEOUT_S).body["type"] == 4
            news = [
                {
                    "company": "Acme Bio",
                    "title": f"Acme Bio opens site {n}",
                    "date": f"2023-0{n}-01",
                    "body": f"Acme Bio opened its invented site number {n} on Monday.",
                }
                for n in (1, 2, 3)
            ]
            new_file = one.log_path.parent / "data" / "releases" / "new.json"
            new_file.write_text(json.dumps(news), encoding="utf-8")
            store = Store(POSTGRES_URL)
            try:
                report = load_paths(
                    store, data_dir=new_file.parents[1], roots=[new_file], max_file_bytes=1 << 20
                )
            finally:
                store.close()
            assert report.tally.added == 3
            titles = channel_titles(one, len(news), timeout=DATA_CHECK_SECONDS + RETRIES_TIMEOUT_S)
            assert titles == [item["title"] for item in news]
            # By now each process has had a data check after the load, and posted nothing more.
            time.sleep(DATA_CHECK_SECONDS)
            assert len(double.channel_messages(double.channel_id)) == len(news)
    finally:
        double.stop()
