"""Start-up against Discord's passing errors: what is retried, how long, and what is logged."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import discord
import pytest

from bot import client
from bot.backoff import backoff_delay
from bot.client import NewsBot
from bot.config import Settings
from bot.store import Store
from bot.transient import StillFailing, retry_after, ride_out, transient_reason
from tests.helpers import FakeTime, http_error

CLOUDFLARE_PAGE = "<html><title>Error 1015: You are being rate limited</title></html>"


def failing(*errors: BaseException, result: str = "done") -> Callable[[], Awaitable[str]]:
    """A step that raises ``errors`` one per call, then returns ``result``."""
    pending = list(errors)

    async def step() -> str:
        if pending:
            raise pending.pop(0)
        return result

    return step


def warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What the client and its start-up steps warned about."""
    names = ("bot.client", "bot.transient")
    return [r for r in caplog.records if r.name in names and r.levelno >= logging.WARNING]


def ride(step: Callable[[], Awaitable[str]], time: FakeTime, patience: float | None) -> str:
    return asyncio.run(
        ride_out(
            step,
            what="registering commands",
            patience=patience,
            sleep=time.sleep,
            clock=time.clock,
            rng=lambda: 1.0,
        )
    )


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (http_error(429, CLOUDFLARE_PAGE), "rate limited (429)"),
        (discord.RateLimited(12.0), "rate limited for 12 s"),
        (http_error(503, "Service Unavailable"), "Discord server error 503"),
        (http_error(502), "Discord server error 502"),
        (TimeoutError(), "timed out"),
        (ConnectionResetError(104, "reset"), "connection failed (ConnectionResetError)"),
        (aiohttp.ServerDisconnectedError(), "connection failed (ServerDisconnectedError)"),
    ],
)
def test_passing_failures_are_named(error: BaseException, reason: str) -> None:
    assert transient_reason(error) == reason


@pytest.mark.parametrize(
    "error",
    [
        http_error(404, {"message": "Unknown Channel", "code": 10003}),
        http_error(403, {"message": "Missing Access", "code": 50001}),
        http_error(400, "Invalid Form Body"),
        discord.LoginFailure("Improper token has been passed."),
        ValueError("a bug"),
    ],
)
def test_lasting_failures_are_not_retried(error: BaseException) -> None:
    assert transient_reason(error) is None
    time = FakeTime()
    with pytest.raises(type(error)):
        ride(failing(error), time, patience=60)
    assert time.sleeps == []


def test_backoff_doubles_up_to_its_cap_with_jitter() -> None:
    ceilings = [backoff_delay(n, base=1, cap=15, rng=lambda: 1.0) for n in range(1, 7)]
    assert ceilings == [1, 2, 4, 8, 15, 15]
    assert backoff_delay(3, base=1, cap=15, rng=lambda: 0.0) == 2.0


def test_a_rate_limit_waits_at_least_what_discord_asked() -> None:
    assert retry_after(http_error(429, CLOUDFLARE_PAGE, headers={"Retry-After": "7"})) == 7.0
    assert retry_after(http_error(429, CLOUDFLARE_PAGE, headers={"Retry-After": "soon"})) == 0.0
    time = FakeTime()
    limited = http_error(429, CLOUDFLARE_PAGE, headers={"Retry-After": "7"})
    assert ride(failing(limited, http_error(503)), time, patience=60) == "done"
    assert time.sleeps == [7.0, 2.0]


def test_recovering_is_one_warning_however_many_tries(caplog: pytest.LogCaptureFixture) -> None:
    time = FakeTime()
    with caplog.at_level(logging.INFO, logger="bot"):
        assert ride(failing(*[http_error(503)] * 3), time, patience=60) == "done"
    assert time.sleeps == [1, 2, 4]
    (warning,) = warnings(caplog)
    assert warning.getMessage() == (
        "registering commands succeeded on try 4 (first failure: Discord server error 503)"
    )


def test_patience_runs_out_after_about_a_minute() -> None:
    time = FakeTime()
    with pytest.raises(StillFailing, match="failed 8 times in 60 s"):
        ride(failing(*[http_error(503)] * 100), time, patience=client.SYNC_PATIENCE_S)
    assert time.now <= client.SYNC_PATIENCE_S
    assert time.sleeps == [1, 2, 4, 8, 15, 15, 15]


def test_logging_in_never_gives_up_on_passing_failures() -> None:
    time = FakeTime()
    assert ride(failing(*[http_error(502)] * 30), time, patience=None) == "done"
    assert len(time.sleeps) == 30


def test_without_registration_the_bot_starts_with_the_commands_it_had(
    settings: Settings,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = NewsBot(settings, store)

    async def unavailable(**_: Any) -> list[Any]:
        raise http_error(503, "Service Unavailable")

    monkeypatch.setattr(bot.tree, "sync", unavailable)
    monkeypatch.setattr(client, "SYNC_PATIENCE_S", 0.0)
    with caplog.at_level(logging.INFO, logger="bot"):
        asyncio.run(bot._sync_development_guild(42))
    (warning,) = warnings(caplog)
    assert warning.getMessage() == (
        "registering commands failed 1 time in 0 s (Discord server error 503): "
        "running with the commands Discord already has"
    )
