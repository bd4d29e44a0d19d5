"""How fast ``newsbot load`` turns a synthetic corpus into a searchable database.

    python -m benchmarks.bench_load [--releases 100000] [--companies 2000] [--workers N]

One run measures the first load into an empty SQLite file and a second load of the
unchanged corpus, each in a fresh subprocess so that peak RSS belongs to one load
only, and between them the bare baseline: plain ``sqlite3`` ``executemany`` of the
same text into the same FTS5 index. Figures are printed next to their targets; when a
target is missed, a cProfile of a first load shows where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import write_corpus
from bot.config import DEFAULT_MAX_FILE_BYTES
from bot.loader import default_workers, load_paths
from bot.store import Store

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "out"

TARGET_RATE = 3_000.0  # releases per second, first load
TARGET_BARE_RATIO = 3.0  # first load time / bare FTS5 insert time
TARGET_RSS_MB = 400.0
TARGET_RELOAD_SHARE = 0.10  # second (unchanged) load time / first load time
PROFILE_LINES = 15


# --- Shared with bench_query -----------------------------------------------------------


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
    """CPU time of this process and its finished children: a load's parse workers count."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


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


# --- Measurements (each runs in its own process) ---------------------------------------


def measure_load(
    data_dir: Path, db: Path, roots: Sequence[Path] = (), workers: int | None = None
) -> dict[str, Any]:
    """One ``newsbot load``: open the store, load, and report time, tally and peak RSS.
    ``workers`` parse processes, as ``newsbot load --workers``; None: the default."""
    store = Store(f"sqlite:///{db}")
    store.create_schema()
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    report = load_paths(
        store,
        data_dir=data_dir,
        roots=list(roots) or None,
        max_file_bytes=DEFAULT_MAX_FILE_BYTES,
        actor="benchmark",
        workers=workers,
    )
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    store.close()
    tally = report.tally
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "files": report.files_seen,
        "added": tally.added,
        "merged": tally.merged,
        "unchanged": tally.unchanged,
        "failed": tally.failed,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_bare(loaded_db: Path, bare_db: Path) -> dict[str, Any]:
    """Plain ``executemany`` of the loaded text into the same FTS5 definition; insert timed only.

    The index and trigger DDL are read back from the loaded database, so the baseline
    always uses exactly the tokenizer and columns the store created.
    """
    source = sqlite3.connect(f"file:{loaded_db}?mode=ro", uri=True)
    rows = source.execute(
        "SELECT id, title, summary, body, quotes_text FROM releases ORDER BY id"
    ).fetchall()
    ddl = [
        sql
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE name IN ('releases_fts', 'releases_fts_insert')"
            " ORDER BY name"
        )
    ]
    source.close()
    remove_database(bare_db)
    conn = sqlite3.connect(bare_db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE releases (id INTEGER PRIMARY KEY, title TEXT, summary TEXT,"
        " body TEXT, quotes_text TEXT)"
    )
    for statement in ddl:
        conn.execute(statement)
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO releases VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    conn.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": len(rows)}


def profile_load(data_dir: Path, db: Path, roots: Sequence[Path]) -> dict[str, Any]:
    """A first load under cProfile (timings inflated by the profiler; proportions hold)."""
    remove_database(db)
    store = Store(f"sqlite:///{db}")
    store.create_schema()
    profile = cProfile.Profile()
    profile.enable()
    report = load_paths(
        store,
        data_dir=data_dir,
        roots=list(roots) or None,
        max_file_bytes=DEFAULT_MAX_FILE_BYTES,
        actor="benchmark",
    )
    profile.disable()
    store.close()
    print_profile(profile, f"first load of {report.files_seen:,} releases")
    return {"files": report.files_seen}


def profile_roots(corpus: Path, limit: int) -> list[Path]:
    """Whole site folders, in load order, until about ``limit`` releases are covered."""
    roots: list[Path] = []
    covered = 0
    for folder in sorted(p for p in (corpus / "releases").iterdir() if p.is_dir()):
        if covered >= limit:
            break
        roots.append(folder)
        covered += sum(1 for _ in folder.iterdir())
    return roots


def worker(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_load worker")
    parser.add_argument("task", choices=("load", "profile"))
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--roots", type=Path, nargs="*", default=[])
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    if args.task == "load":
        result = measure_load(args.data_dir, args.db, args.roots, args.workers)
    else:
        result = profile_load(args.data_dir, args.db, args.roots)
    print(json.dumps(result))
    return 0


# --- The benchmark ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadFigures:
    first: dict[str, Any]
    bare: dict[str, Any]
    second: dict[str, Any]

    @property
    def rate(self) -> float:
        return self.first["files"] / self.first["seconds"]

    @property
    def bare_ratio(self) -> float:
        return self.first["seconds"] / self.bare["seconds"]

    @property
    def reload_share(self) -> float:
        return self.second["seconds"] / self.first["seconds"]

    def rows(self) -> list[tuple[str, str, str, str]]:
        first, bare, second = self.first, self.bare, self.second
        cpu_rate = first["files"] / first["cpu_seconds"]
        return [
            (
                "first load: time",
                f"{first['seconds']:.1f} s wall, {first['cpu_seconds']:.1f} s CPU",
                "",
                "",
            ),
            (
                "first load: throughput",
                f"{self.rate:,.0f} releases/s ({cpu_rate:,.0f}/s per CPU-s)",
                f">= {TARGET_RATE:,.0f}/s",
                verdict(self.rate >= TARGET_RATE),
            ),
            (
                "first load: peak RSS",
                f"{first['peak_rss_mb']:.0f} MB",
                f"< {TARGET_RSS_MB:.0f} MB",
                verdict(first["peak_rss_mb"] < TARGET_RSS_MB),
            ),
            (
                "bare sqlite3 FTS5 insert",
                f"{bare['seconds']:.1f} s wall, {bare['cpu_seconds']:.1f} s CPU "
                f"({bare['rows'] / bare['seconds']:,.0f} rows/s)",
                "",
                "",
            ),
            (
                "first load / bare insert",
                f"{self.bare_ratio:.1f}x wall ({first['cpu_seconds'] / bare['cpu_seconds']:.1f}x CPU)",
                f"<= {TARGET_BARE_RATIO:.0f}x",
                verdict(self.bare_ratio <= TARGET_BARE_RATIO),
            ),
            (
                "second load (unchanged)",
                f"{second['seconds']:.2f} s = {self.reload_share:.1%} of first",
                f"< {TARGET_RELOAD_SHARE:.0%}",
                verdict(self.reload_share < TARGET_RELOAD_SHARE),
            ),
            (
                "second load: peak RSS",
                f"{second['peak_rss_mb']:.0f} MB",
                f"< {TARGET_RSS_MB:.0f} MB",
                verdict(second["peak_rss_mb"] < TARGET_RSS_MB),
            ),
        ]


def measure(corpus: Path, out: Path, tag: str, workers: int | None = None) -> LoadFigures:
    db = out / f"load-{tag}.sqlite3"
    bare_db = out / f"bare-{tag}.sqlite3"
    remove_database(db)
    module = "benchmarks.bench_load"
    common = ["--data-dir", str(corpus), "--db", str(db)]
    if workers is not None:
        common += ["--workers", str(workers)]
    first = run_worker(module, ["load", *common])
    # No RSS is reported for the baseline, so it may run here and spare a process start.
    bare = measure_bare(db, bare_db)
    second = run_worker(module, ["load", *common])
    remove_database(bare_db)
    return LoadFigures(first, bare, second)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_load", description=__doc__)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases")
    parser.add_argument(
        "--profile-releases",
        type=int,
        default=10_000,
        help="about how many releases the profiled load covers when a target is missed",
    )
    parser.add_argument("--no-profile", action="store_true", help="do not profile misses")
    parser.add_argument(
        "--workers", type=int, help="parse processes of each load (default: as newsbot load)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    tag = corpus_tag(args.releases, args.companies, args.seed)

    corpus, generated = ensure_corpus(args.out, args.releases, args.companies, args.seed)
    print(
        f"newsbot load benchmark: {args.releases:,} releases, {args.companies:,} companies, "
        f"{args.workers or default_workers()} parse worker(s)"
    )
    if generated is None:
        print(f"corpus: reused {corpus}")
    else:
        print(f"corpus: generated in {generated:.1f} s (not counted) at {corpus}")
    sys.stdout.flush()

    figures = measure(corpus, args.out, tag, args.workers)
    first = figures.first
    print(
        f"first load: {first['files']:,} files -> {first['added']:,} added, "
        f"{first['merged']:,} merged, {first['failed']:,} failed; "
        f"second load: {figures.second['unchanged']:,} unchanged\n"
    )
    rows = figures.rows()
    print_table(("measure", "figure", "target", "result"), rows)
    missed = [row[0] for row in rows if row[3] == "MISS"]
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    if missed and not args.no_profile:
        roots = profile_roots(corpus, args.profile_releases)
        print(f"\nProfiling a first load of {len(roots)} site folders (cProfile inflates times):")
        sys.stdout.flush()
        run_worker(
            "benchmarks.bench_load",
            [
                "profile",
                "--data-dir",
                str(corpus),
                "--db",
                str(args.out / f"profile-{tag}.sqlite3"),
                "--roots",
                *map(str, roots),
            ],
        )
        remove_database(args.out / f"profile-{tag}.sqlite3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
