"""/help, /status, and the command tree's schema as Discord validates it."""

from __future__ import annotations

import re

from bot.client import NewsBot
from tests.commands.conftest import Ask
from tests.limits import assert_sane

NAME = re.compile(r"^[-_\w]{1,32}$")


def test_help_and_status(ask: Ask) -> None:
    help_result = ask("help")
    assert_sane(help_result)
    assert help_result.ephemeral and "Search syntax" in [
        f["name"] for f in help_result.embed["fields"]
    ]
    status = ask("status")
    assert_sane(status)
    fields = {f["name"]: f["value"] for f in status.embed["fields"]}
    assert fields["Releases"] == "3" and fields["Companies"] == "3"
    assert "3 added" in fields["Last load"]


def test_command_schema_is_valid(newsbot: NewsBot) -> None:
    commands = newsbot.tree.get_commands()
    names = [c.name for c in commands]
    assert sorted(names) == sorted(
        [
            "company",
            "companies",
            "news",
            "quote",
            "release",
            "help",
            "status",
            "reload",
            "follow",
            "unfollow",
            "following",
            "feed",
        ]
    )
    assert len(set(names)) == len(names)
    for command in commands:
        payload = command.to_dict(newsbot.tree)
        assert NAME.match(payload["name"]) and payload["name"] == payload["name"].lower()
        assert 1 <= len(payload["description"]) <= 100
        options = payload.get("options", [])
        assert len(options) <= 25
        seen_optional = False
        for option in options:
            assert NAME.match(option["name"]) and option["name"] == option["name"].lower()
            assert 1 <= len(option["description"]) <= 100
            assert not (seen_optional and option.get("required")), "required options come first"
            seen_optional = seen_optional or not option.get("required")
    reload = next(c for c in commands if c.name == "reload").to_dict(newsbot.tree)
    assert int(reload["default_member_permissions"]) == 8  # Administrator
    for name in ("follow", "unfollow"):
        follow = next(c for c in commands if c.name == name).to_dict(newsbot.tree)
        assert int(follow["default_member_permissions"]) == 32  # Manage Server
