"""The query benchmark's report: each measure beside its bare baseline and its target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmarks.harness import print_table, verdict
from benchmarks.query.timing import Timing

TARGET_BARE_RATIO = 3.0
TARGET_STARTUP_S = 1.5
TARGET_RSS_MB = 400.0


def _ms(value: float) -> str:
    return f"{value:.2f}"


def measure_row(
    label: str, target_ms: float | None, timing: Timing, bare: Timing | None
) -> list[str]:
    """One measure's row: its p50 and p99, the bare baseline's, and whether it met both
    its own target and the ratio to bare (the last cell is "ok" or names the misses)."""
    misses = []
    if target_ms is not None and timing.p99 > target_ms:
        misses.append("p99")
    ratio = ""
    if bare is not None:
        ratio = f"{timing.p50 / bare.p50:.1f}x / {timing.p99 / bare.p99:.1f}x"
        if timing.p99 > TARGET_BARE_RATIO * bare.p99:
            misses.append("vs bare")
    target = f"p99 <= {target_ms:.0f}" if target_ms is not None else "-"
    if bare is not None:
        target += f", <= {TARGET_BARE_RATIO:.0f}x bare"
    result = "ok" if not misses else "MISS (" + ", ".join(misses) + ")"
    return [
        label,
        f"{len(timing.samples_ms)}",
        _ms(timing.p50),
        _ms(timing.p99),
        _ms(bare.p50) if bare else "",
        _ms(bare.p99) if bare else "",
        ratio,
        target,
        result,
    ]


def print_measures(rows: Sequence[Sequence[str]], queries: int, warmups: int) -> None:
    """The measures' table, after how many calls each figure stands on."""
    print(
        f"\n{queries} queries per handler after "
        f"{warmups} warm-up calls; times in ms; "
        "x bare = p50 ratio / p99 ratio\n"
    )
    print_table(
        ("measure", "n", "p50", "p99", "bare p50", "bare p99", "x bare", "target", "result"),
        rows,
    )


def print_slowest(label: str, timing: Timing, inputs: Sequence[Any], count: int) -> None:
    """The inputs that took longest, slowest first: where a p99 comes from."""
    slowest = sorted(zip(timing.samples_ms, inputs, strict=True), key=lambda pair: -pair[0])
    print(f"\nslowest {label} inputs (ms):")
    for ms, item in slowest[:count]:
        print(f"  {ms:8.1f}  {item!r}")


def print_startup(startup: dict[str, Any]) -> int:
    """Print the fresh process's start-up figures; how many of their targets were missed."""
    startup_ok = startup["seconds"] <= TARGET_STARTUP_S
    rss_ok = startup["rss_mb"] <= TARGET_RSS_MB
    print()
    print_table(
        ("start-up (fresh process)", "figure", "target", "result"),
        [
            (
                "Store + Lookup + NewsBot + features",
                f"{startup['seconds']:.2f} s ({startup['since_launch']:.2f} s from exec)",
                f"<= {TARGET_STARTUP_S:g} s",
                verdict(startup_ok),
            ),
            (
                "RSS when ready",
                f"{startup['rss_mb']:.0f} MB (peak {startup['peak_rss_mb']:.0f} MB)",
                f"<= {TARGET_RSS_MB:.0f} MB",
                verdict(rss_ok),
            ),
        ],
    )
    if startup["failed_features"]:
        print(f"features that failed to load: {', '.join(startup['failed_features'])}")
    return (not startup_ok) + (not rss_ok)
