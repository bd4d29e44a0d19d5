"""Bursts of interactions: does every one get its answer within Discord's 3 seconds?

    python -m benchmarks.bench_burst [--bursts 200 400]

The unmodified ``newsbot run`` process is connected to the project's Discord double on
127.0.0.1 (the one the end-to-end tests use). Each burst injects N slash commands and
autocompletes spread evenly over one second, then reads when each callback arrived and
how much CPU the bot process spent. The bare baseline, measured in the same run, is the
double's own round trip: as many plain HTTP requests to it over one second, the floor
no bot can go below.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import statistics
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.offline import autocomplete_payload, command_payload
from tests.e2e.conftest import RunningBot, running_bot
from tests.e2e.discord_double import DiscordDouble, Injected

DEADLINE_S = 3.0
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_users = itertools.count(200_000_000_000_000_000)


def _payloads(count: int) -> list[dict[str, Any]]:
    """A mix like a busy server's: profiles, searches and autocompletes, one user each."""
    makers: list[Callable[[int], dict[str, Any]]] = [
        lambda user: command_payload("company", {"name": "Akeso"}, user_id=user),
        lambda user: command_payload("news", {"query": "2021"}, user_id=user),
        lambda user: autocomplete_payload("company", "name", "ak", user_id=user),
    ]
    return [makers[i % len(makers)](next(_users)) for i in range(count)]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def _inject_over_one_second(double: DiscordDouble, count: int) -> list[Injected]:
    injected = []
    start = time.monotonic()
    for number, payload in enumerate(_payloads(count)):
        pause = start + number / count - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        injected.append(double.inject(payload))
    return injected


def _latencies(double: DiscordDouble, injected: list[Injected]) -> list[float | None]:
    """Seconds from each injection to its callback; None when none came in time."""
    found: list[float | None] = []
    for interaction in injected:
        calls = double.find("POST", interaction.callback_path)
        if not calls:
            try:
                calls = [double.callback(interaction, timeout=DEADLINE_S + 2)]
            except TimeoutError:
                calls = []
        found.append(calls[0].at - interaction.at if calls else None)
    return found


def _report(name: str, latencies: list[float | None], cpu: float | None) -> None:
    answered = sorted(x for x in latencies if x is not None)
    in_time = sum(x <= DEADLINE_S for x in answered)
    p50 = statistics.median(answered) * 1000 if answered else float("nan")
    p99 = answered[int(0.99 * (len(answered) - 1))] * 1000 if answered else float("nan")
    per = f"{1000 * cpu / len(latencies):6.2f}" if cpu is not None else "     -"
    print(f"{name:<26} {len(latencies):>5} {in_time:>9} {p50:>9.1f} {p99:>9.1f} {per:>14}")


def _bot_burst(bot: RunningBot, count: int) -> None:
    cpu_before = _cpu_seconds(bot.process.pid)
    injected = _inject_over_one_second(bot.double, count)
    latencies = _latencies(bot.double, injected)
    _report(f"newsbot, {count} in 1 s", latencies, _cpu_seconds(bot.process.pid) - cpu_before)


def _bare_burst(double: DiscordDouble, count: int) -> None:
    """The floor: the same number of plain HTTP round trips to the double, spread over
    one second, with nothing behind them but the double itself."""
    latencies: list[float | None] = []
    start = time.monotonic()
    for number in range(count):
        pause = start + number / count - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        request = urllib.request.Request(
            f"{double.api_base}/interactions/0/bare/callback",
            data=b'{"type": 4, "data": {"content": "ok"}}',
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        sent = time.monotonic()
        # An unknown interaction is refused, but the refusal made the whole round trip.
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=5).read()
        latencies.append(time.monotonic() - sent)
    _report(f"bare round trip, {count}", latencies, None)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_burst", description=__doc__)
    parser.add_argument("--bursts", type=int, nargs="+", default=[200, 400])
    args = parser.parse_args(argv)
    header = f"{'measure':<26} {'n':>5} {'within 3s':>9} {'p50 ms':>9} {'p99 ms':>9} {'CPU ms/inter.':>14}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as workdir, running_bot(Path(workdir)) as bot:
        for count in args.bursts:
            _bot_burst(bot, count)
            time.sleep(2)  # let stragglers settle before the next burst
        for count in args.bursts:
            _bare_burst(bot.double, count)
    print("target: all within 3 s; CPU per interaction <= 3 ms")


if __name__ == "__main__":
    main()
