"""Timing handlers call by call, after a short warm-up, as p50 and p99."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.client import NewsBot
from bot.lookup import LookupFailure
from bot.offline import OfflineRunner, command_payload

WARMUP = 10


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


@dataclass(slots=True)
class Timing:
    samples_ms: list[float] = field(default_factory=list)
    not_found: int = 0

    @property
    def p50(self) -> float:
        return percentile(self.samples_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.samples_ms, 99)


def warmup_count(inputs: Sequence[Any]) -> int:
    """A few untimed calls first (caches, lazy imports), never most of a short run."""
    return max(1, min(WARMUP, len(inputs) // 10))


def time_calls(function: Callable[[Any], object], inputs: Sequence[Any]) -> Timing:
    """Each input once, after a short warm-up; "not found" answers count as answers."""
    timing = Timing()
    warmup = list(inputs[: warmup_count(inputs)])
    for position, item in enumerate([*warmup, *inputs]):
        started = time.perf_counter()
        try:
            function(item)
        except LookupFailure:
            timing.not_found += position >= len(warmup)
        timing.samples_ms.append((time.perf_counter() - started) * 1000)
    del timing.samples_ms[: len(warmup)]
    return timing


async def _time_commands(
    runner: OfflineRunner, command: str, option: str, inputs: Sequence[str]
) -> Timing:
    # A fresh user per call, so the per-user cooldown never answers in the handler's place.
    users = itertools.count(900_000_000_000_000_001)
    timing = Timing()
    warmup = list(inputs[: warmup_count(inputs)])
    for text in [*warmup, *inputs]:
        payload = command_payload(command, {option: text}, user_id=next(users))
        started = time.perf_counter()
        await runner.run(payload)
        timing.samples_ms.append((time.perf_counter() - started) * 1000)
    del timing.samples_ms[: len(warmup)]
    return timing


async def time_slash_commands(
    bot: NewsBot, company_inputs: Sequence[str], keyword_inputs: Sequence[str]
) -> tuple[Timing, Timing]:
    """/company and /news through the tree, the error handler and the (fake) HTTP layer."""
    await bot.load_features()
    runner = OfflineRunner(bot)
    company = await _time_commands(runner, "company", "name", company_inputs)
    news = await _time_commands(runner, "news", "query", keyword_inputs)
    return company, news
