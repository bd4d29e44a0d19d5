"""Hostile input: whatever anyone types, the bot answers within Discord's limits and pings nobody."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.client import NewsBot
from bot.config import Settings, default_database_url
from bot.offline import OfflineRunner, autocomplete_payload, command_payload
from bot.store import Store
from tests.commands.conftest import _cancel_pending, write_acme_releases
from tests.conftest import BUNDLED_DATA, load
from tests.limits import assert_sane

NASTY = [
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "**bold** __u__ ~~s~~ `code` ```block``` > quote || spoiler ||",
    '"unbalanced',
    "NEAR(a b, 3)",
    "title: OR AND NOT ( ) * ^ {body}:",
    "\u200b\u200d\u2060",
    "\u202e evil RTL \u202c",
    "\x00\x01\x07",
    "2021-13-45",
    "9999..0000",
    "-" * 50,
    "#" + "9" * 40,
    "x" * 5_000,
    "康方生物 来凯医药",
    "'; DROP TABLE releases; --",
]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from('"*-:(){}^ NEARORANDT@<>#&`|\\\u200b\x00'), max_size=60),
    st.builds(lambda a, b: a + " " + b, st.sampled_from(NASTY), st.text(max_size=50)),
)

pytestmark = pytest.mark.slow

COMMANDS: list[tuple[str, str]] = [
    ("company", "name"),
    ("news", "query"),
    ("news", "company"),
    ("news", "since"),
    ("quote", "speaker"),
    ("quote", "keyword"),
    ("quote", "company"),
    ("release", "title_or_id"),
]
AUTOCOMPLETES: list[tuple[str, str]] = [
    ("company", "name"),
    ("news", "company"),
    ("quote", "speaker"),
    ("release", "title_or_id"),
]


@pytest.fixture(scope="module")
def hostile_bot(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[OfflineRunner, asyncio.AbstractEventLoop]]:
    data_dir = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(BUNDLED_DATA, data_dir, ignore=shutil.ignore_patterns("db"))
    write_acme_releases(data_dir, 12)
    config = Settings(data_dir=data_dir, database_url=default_database_url(data_dir))
    store = Store(config.database_url)
    store.create_schema()
    load(store, config)
    loop = asyncio.new_event_loop()
    bot = NewsBot(config, store)
    loop.run_until_complete(bot.load_features())
    yield OfflineRunner(bot), loop
    loop.run_until_complete(_cancel_pending())
    loop.close()
    store.close()


def _run(bot: tuple[OfflineRunner, asyncio.AbstractEventLoop], payload: dict[str, Any]) -> Any:
    runner, loop = bot
    return loop.run_until_complete(runner.run(payload))


FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("command", "option"), COMMANDS)
@FAST
@given(text=hostile_text, user=st.integers(min_value=1, max_value=10**17))
def test_commands_survive(
    hostile_bot: tuple[OfflineRunner, asyncio.AbstractEventLoop],
    command: str,
    option: str,
    text: str,
    user: int,
) -> None:
    # A fresh user per example keeps the cooldown from answering instead of the handler.
    result = _run(hostile_bot, command_payload(command, {option: text[:300] or "x"}, user_id=user))
    assert_sane(result)
    embed = result.embed
    assert embed is not None
    assert embed["title"] != "Something went wrong", (command, option, text)


@pytest.mark.parametrize(("command", "option"), AUTOCOMPLETES)
@FAST
@given(text=hostile_text)
def test_autocomplete_survives(
    hostile_bot: tuple[OfflineRunner, asyncio.AbstractEventLoop],
    command: str,
    option: str,
    text: str,
) -> None:
    result = _run(hostile_bot, autocomplete_payload(command, option, text))
    assert_sane(result)
    assert result.callback_type == 8
