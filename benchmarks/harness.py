"""What every benchmark shares: the synthetic corpus, fresh processes to measure in,
CPU time and peak RSS, and plain tables for the figures."""

from __future__ import annotations

import cProfile
import json
import multiprocessing.forkserver
import os
import pstats
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import write_corpus

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "out"
PROFILE_LINES = 15


def corpus_tag(releases: int, companies: int, seed: int) -> str:
    return f"{releases}r-{companies}c-s{seed}"


def ensure_corpus(out: Path, releases: int, companies: int, seed: int) -> tuple[Path, float | None]:
    """The corpus for these parameters and how long generating it took (None: reused).

    A marker written last tells a complete corpus from one a killed run left half-written.
    """
    corpus = out / f"corpus-{corpus_tag(releases, companies, seed)}"
    marker = corpus / ".complete"
    if marker.exists():
        return corpus, None
    if corpus.exists():
        shutil.rmtree(corpus)
    started = time.perf_counter()
    write_corpus(corpus, releases=releases, companies=companies, seed=seed)
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps({"seconds": seconds}), encoding="utf-8")
    return corpus, seconds


def remove_database(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def run_worker(module: str, args: Sequence[str]) -> dict[str, Any]:
    """Run ``python -m module worker ARGS`` in a fresh process; its last stdout line is JSON.

    Anything the worker printed before that line (a profile) is passed on.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", module, "worker", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    *printed, result = done.stdout.strip().splitlines()
    if printed:
        print("\n".join(printed))
    return json.loads(result)


def peak_rss_mb() -> float:
    """This process image's peak resident set size, in MB.

    Linux's ``VmHWM`` belongs to the running program alone. ``ru_maxrss`` is not: it
    survives ``fork`` and ``exec``, so a worker started by a parent that had just held
    the baseline's rows in memory would report the parent's peak as its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: a load's parse workers count
    (once ``stop_parse_server`` has reaped those forked by the server)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def stop_parse_server() -> None:
    """Stop the server that parse workers are forked from, and wait for it.

    The workers are its children, not ours: their CPU seconds reach this process's
    children's only once it has exited. The standard library stops it this way in its own
    tests; where that is missing, the workers' time goes uncounted.
    """
    stop = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        stop()


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISS"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Plain aligned columns: readable in a terminal and pasteable into a report."""
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def print_profile(profile: cProfile.Profile, title: str) -> None:
    """Top functions by own time (where the time goes) and by cumulative time (who calls it)."""
    for key, label in (("tottime", "own time"), ("cumulative", "cumulative time")):
        print(f"\n--- {title}: top {PROFILE_LINES} functions by {label}")
        stats = pstats.Stats(profile, stream=sys.stdout)
        stats.strip_dirs().sort_stats(key).print_stats(PROFILE_LINES)
    sys.stdout.flush()
