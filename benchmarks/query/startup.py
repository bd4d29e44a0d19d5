"""Start-up to ready-to-answer, and its memory, measured in a fresh process."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import peak_rss_mb
from bot.client import NewsBot
from bot.config import Settings
from bot.store import Store


def current_rss_mb() -> float:
    """Resident set size now (not the peak), from /proc; the peak where /proc is missing."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return peak_rss_mb()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else peak_rss_mb()


def measure_startup(url: str, data_dir: Path, launched: float) -> dict[str, Any]:
    """Store + Lookup (index build) + NewsBot + features, as ``newsbot run`` does before login."""
    started = time.perf_counter()
    settings = Settings(data_dir=data_dir, database_url=url)
    store = Store(settings.database_url)
    store.create_schema()
    bot = NewsBot(settings, store)
    asyncio.run(bot.load_features())
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "since_launch": time.time() - launched,
        "rss_mb": current_rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "failed_features": sorted(bot.failed_features),
    }


def worker(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_query worker")
    parser.add_argument("task", choices=("startup",))
    parser.add_argument("--url", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--launched", type=float, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(measure_startup(args.url, args.data_dir, args.launched)))
    return 0
