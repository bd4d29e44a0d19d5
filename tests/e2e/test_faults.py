"""Discord's bad days, against the real ``newsbot run`` process: what users still see.

Each test injects one fault the way Discord (or Cloudflare in front of it) really fails,
then checks that the bot stays up and answers, nothing is lost or doubled, and the log
has one warning for the fault and no traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import EXIT_NOT_PERMITTED, EXIT_TOKEN_REJECTED
from bot.offline import command_payload
from tests.e2e.conftest import START_TIMEOUT_S, RunningBot, run_cli, running_bot
from tests.e2e.discord_double import SERVICE_UNAVAILABLE, DiscordDouble, Fault

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
