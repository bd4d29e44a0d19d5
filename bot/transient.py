"""Discord's passing failures: which errors are worth another try, and riding them out.

Start-up (logging in, registering commands) waits them out here; ``/follow`` deliveries
use the same verdict to leave a post for a later round.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import discord

from bot.backoff import backoff_delay
from bot.render import plural

log = logging.getLogger(__name__)

# Start-up steps that fail for a passing reason wait 1, 2, 4, 8 s … at most 15 s between tries.
STARTUP_RETRY_BASE_S = 1.0
STARTUP_RETRY_CAP_S = 15.0

T = TypeVar("T")


def transient_reason(exc: BaseException) -> str | None:
    """Why ``exc`` is worth trying again later, in a few words for logs and ``/following``;
    None when it is not: a rate limit of any shape (Cloudflare's HTML 429 has neither JSON
    nor headers), a Discord server error, a timeout or a dropped connection."""
    if isinstance(exc, discord.RateLimited):
        return f"rate limited for {exc.retry_after:.0f} s"
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            return "rate limited (429)"
        if exc.status >= 500:
            return f"Discord server error {exc.status}"
        return None
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, aiohttp.ClientError | OSError):
        return f"connection failed ({type(exc).__name__})"
    return None


def retry_after(exc: BaseException) -> float:
    """Seconds Discord asked us to wait before trying again (0 when it did not say)."""
    if isinstance(exc, discord.RateLimited):
        return exc.retry_after
    if isinstance(exc, discord.HTTPException) and exc.status == 429:
        try:
            return max(float(exc.response.headers.get("Retry-After", 0)), 0.0)
        except ValueError:
            return 0.0
    return 0.0


class StillFailing(Exception):
    """A start-up step kept failing for passing reasons until its patience ran out."""


async def ride_out(
    step: Callable[[], Awaitable[T]],
    *,
    what: str,
    patience: float | None,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: Callable[[], float] = random.random,
) -> T:
    """Run ``step`` until it succeeds, waiting out passing failures (``transient_reason``)
    with backoff and any ``Retry-After``; other errors are raised at once.

    A passing failure is one warning, however many tries it takes: when ``step`` finally
    succeeds, or as ``StillFailing`` once ``patience`` seconds would be exceeded (None:
    never give up). Each try in between is logged at INFO.
    """
    started = clock()
    failures = 0
    first_reason = ""
    while True:
        try:
            result = await step()
        except Exception as exc:
            reason = transient_reason(exc)
            if reason is None:
                raise
            failures += 1
            first_reason = first_reason or reason
            delay = max(
                backoff_delay(
                    failures, base=STARTUP_RETRY_BASE_S, cap=STARTUP_RETRY_CAP_S, rng=rng
                ),
                retry_after(exc),
            )
            elapsed = clock() - started
            if patience is not None and elapsed + delay > patience:
                tally = plural(failures, "time")
                raise StillFailing(f"{what} failed {tally} in {elapsed:.0f} s ({reason})") from exc
            log.info("%s failed (%s); trying again in %.1f s", what, reason, delay)
            await sleep(delay)
            continue
        if failures:
            log.warning(
                "%s succeeded on try %d (first failure: %s)", what, failures + 1, first_reason
            )
        return result
