"""How fast ``newsbot load`` turns a synthetic corpus into a searchable database.

    python -m benchmarks.bench_load [--quick] [--releases 20000] [--workers 1 2 4]
                                    [--database-url postgresql+psycopg://...]

One run measures, each in a fresh process (so peak RSS belongs to one load only): a
first load into an empty SQLite file with each number of parse workers; the bare
baseline between them — plain ``sqlite3`` ``executemany`` of the same text into the
same FTS5 index, its trigger as the store first made it; a second load of the
unchanged corpus, and one after 1% of the files changed; and, with
``--database-url``, a first load into PostgreSQL (its ``public`` schema is dropped).
Wall and CPU seconds (parse workers included) sit side by side; when a target is
missed, a cProfile of a first load shows where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import shutil
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.harness import (
    DEFAULT_OUT,
    corpus_tag,
    cpu_seconds,
    ensure_corpus,
    peak_rss_mb,
    print_profile,
    print_table,
    remove_database,
    run_worker,
    stop_parse_server,
    verdict,
)
from bot.config import DEFAULT_MAX_FILE_BYTES

if TYPE_CHECKING:
    from bot.store import Store

# The loader and the store are imported where a measurement needs them: this module is
# the main module of every parse worker a measured load starts, and each worker imports
# its main module again; with them at the top, every worker would pay for SQLAlchemy.

__all__ = [  # shared with bench_query and bench_postgres
    "DEFAULT_OUT",
    "corpus_tag",
    "cpu_seconds",
    "ensure_corpus",
    "peak_rss_mb",
    "print_profile",
    "print_table",
    "remove_database",
    "run_worker",
    "verdict",
]

TARGET_RATE = 3_000.0  # releases per second, first load
TARGET_BARE_RATIO = 5.0  # first load time / bare FTS5 insert time
TARGET_RSS_MB = 400.0
TARGET_RELOAD_SHARE = 0.05  # unchanged reload time / first load time
TARGET_CHANGED_SHARE = 0.10  # reload after 1% of the files changed / first load time
TARGET_PG_RATE = 2_000.0
PROFILE_RELEASES = 2_000  # about how many releases a profiled load covers
MODULE = "benchmarks.bench_load"


# --- Measurements (each runs in its own process) ---------------------------------------


def open_store(url: str) -> Store:
    """The store at ``url``; a PostgreSQL one starts from an empty schema."""
    from bot.store import Store

    store = Store(url)
    if not store.is_sqlite:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.create_schema()
    return store


def measure_load(
    data_dir: Path, url: str, roots: Sequence[Path] = (), workers: int | None = None
) -> dict[str, Any]:
    """One ``newsbot load``: its time, CPU time, tally and peak RSS."""
    from bot.loader import load_paths

    store = open_store(url)
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
    stop_parse_server()
    cpu = cpu_seconds() - cpu_before
    store.close()
    tally = report.tally
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "files": report.files_seen,
        "added": tally.added,
        "updated": tally.updated,
        "merged": tally.merged,
        "unchanged": tally.unchanged,
        "failed": tally.failed,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_bare(loaded_db: Path, bare_db: Path) -> dict[str, Any]:
    """Plain ``executemany`` of the loaded text into the same FTS5 index; the insert alone
    is timed. The index is kept by the per-row trigger the store's schema first had."""
    from bot.store.fts5_index import SQLITE_FTS_DDL

    source = sqlite3.connect(f"file:{loaded_db}?mode=ro", uri=True)
    rows = source.execute(
        "SELECT id, title, summary, body, quotes_text FROM releases ORDER BY id"
    ).fetchall()
    source.close()
    remove_database(bare_db)
    conn = sqlite3.connect(bare_db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE releases (id INTEGER PRIMARY KEY, title TEXT, summary TEXT,"
        " body TEXT, quotes_text TEXT)"
    )
    for statement in SQLITE_FTS_DDL[:2]:  # the index and its insert trigger
        conn.execute(statement)
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO releases VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    conn.close()
    remove_database(bare_db)
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": len(rows)}


def profile_load(data_dir: Path, url: str, roots: Sequence[Path]) -> dict[str, Any]:
    """A first load under cProfile, parsed in-process (the profiler inflates times)."""
    from bot.loader import load_paths

    store = open_store(url)
    profile = cProfile.Profile()
    profile.enable()
    report = load_paths(
        store,
        data_dir=data_dir,
        roots=list(roots) or None,
        max_file_bytes=DEFAULT_MAX_FILE_BYTES,
        actor="benchmark",
        workers=1,
    )
    profile.disable()
    store.close()
    print_profile(profile, f"first load of {report.files_seen:,} releases")
    return {"files": report.files_seen}


def worker(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_load worker")
    parser.add_argument("task", choices=("load", "profile"))
    parser.add_argument("--data-dir", type=Path, required=True)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="a SQLite file")
    where.add_argument("--url", help="a database URL")
    parser.add_argument("--roots", type=Path, nargs="*", default=[])
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    url = args.url or f"sqlite:///{args.db}"
    if args.task == "load":
        result = measure_load(args.data_dir, url, args.roots, args.workers)
    else:
        result = profile_load(args.data_dir, url, args.roots)
    print(json.dumps(result))
    return 0


# --- The benchmark ---------------------------------------------------------------------


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


def touch_share(corpus: Path, share: float) -> int:
    """Append a line to every n-th page so that about ``share`` of the files change."""
    pages = sorted((corpus / "releases").rglob("*.txt"))
    step = max(1, round(1 / share))
    for page in pages[::step]:
        with page.open("a", encoding="utf-8") as handle:
            handle.write("\nFor more information, visit the company's website.\n")
    return len(pages[::step])


def load_row(label: str, load: dict[str, Any], bare: dict[str, Any]) -> list[str]:
    rate = load["files"] / load["seconds"]
    return [
        label,
        f"{load['seconds']:.1f} s wall, {load['cpu_seconds']:.1f} s CPU, {rate:,.0f}/s",
        f"{load['seconds'] / bare['seconds']:.1f}x wall, "
        f"{load['cpu_seconds'] / bare['cpu_seconds']:.1f}x CPU",
        f"{load['peak_rss_mb']:.0f} MB",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 releases: under a minute")
    parser.add_argument("--releases", type=int, default=20_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--database-url", help="also load into this scratch PostgreSQL database")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases")
    parser.add_argument("--no-profile", action="store_true", help="do not profile misses")
    args = parser.parse_args(argv)
    if args.quick:
        args.releases, args.companies = 2_000, 200
    args.out.mkdir(parents=True, exist_ok=True)
    tag = corpus_tag(args.releases, args.companies, args.seed)
    corpus, generated = ensure_corpus(args.out, args.releases, args.companies, args.seed)
    print(f"newsbot load benchmark: {args.releases:,} releases, {args.companies:,} companies")
    print(
        f"corpus: reused {corpus}"
        if generated is None
        else f"corpus: generated in {generated:.1f} s (not counted) at {corpus}"
    )
    sys.stdout.flush()

    db = args.out / f"load-{tag}.sqlite3"
    firsts: dict[int, dict[str, Any]] = {}
    for workers in args.workers:
        remove_database(db)
        common = ["--data-dir", str(corpus), "--workers", str(workers)]
        firsts[workers] = run_worker(MODULE, ["load", *common, "--db", str(db)])
    bare = measure_bare(db, args.out / f"bare-{tag}.sqlite3")
    best_workers = min(firsts, key=lambda n: firsts[n]["seconds"])
    first = firsts[best_workers]
    common = ["--data-dir", str(corpus), "--workers", str(best_workers), "--db", str(db)]
    second = run_worker(MODULE, ["load", *common])
    # The 1% change is made to a copy (times kept, so the rest stays unchanged by stamp).
    scratch = args.out / f"changed-{tag}"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(corpus, scratch)
    changed_files = touch_share(scratch, 0.01)
    changed = run_worker(MODULE, ["load", "--data-dir", str(scratch), *common[2:]])
    shutil.rmtree(scratch)
    postgres = None
    if args.database_url:
        postgres = run_worker(MODULE, ["load", *common[:4], "--url", args.database_url])
    print(
        f"first load: {first['files']:,} files -> {first['added']:,} added, "
        f"{first['merged']:,} merged, {first['failed']:,} failed; "
        f"second load: {second['unchanged']:,} unchanged; "
        f"after {changed_files:,} files changed: {changed['updated']:,} updated\n"
    )
    bare_rate = bare["rows"] / bare["seconds"]
    rows = [
        [
            "bare sqlite3 FTS5 insert",
            f"{bare['seconds']:.1f} s wall, {bare['cpu_seconds']:.1f} s CPU, {bare_rate:,.0f}/s",
            "1.0x",
            "",
        ],
        *(load_row(f"first load, {n} worker(s)", firsts[n], bare) for n in firsts),
        load_row("second load (unchanged)", second, bare),
        load_row("reload, 1% of files changed", changed, bare),
    ]
    if postgres is not None:
        rows.append(load_row("PostgreSQL first load", postgres, bare))
    print_table(("load", "time and rate", "vs bare insert", "peak RSS"), rows)
    rate = first["files"] / first["seconds"]
    checks = [
        ("first load: throughput", f"{rate:,.0f}/s", rate >= TARGET_RATE),
        (
            "first load / bare insert",
            f"{first['seconds'] / bare['seconds']:.1f}x",
            first["seconds"] <= TARGET_BARE_RATIO * bare["seconds"],
        ),
        ("peak RSS", f"{first['peak_rss_mb']:.0f} MB", first["peak_rss_mb"] <= TARGET_RSS_MB),
        (
            "second load (unchanged) / first",
            f"{second['seconds'] / first['seconds']:.1%}",
            second["seconds"] <= TARGET_RELOAD_SHARE * first["seconds"],
        ),
        (
            "reload after 1% changed / first",
            f"{changed['seconds'] / first['seconds']:.1%}",
            changed["seconds"] <= TARGET_CHANGED_SHARE * first["seconds"],
        ),
    ]
    if postgres is not None:
        pg_rate = postgres["files"] / postgres["seconds"]
        checks.append(("PostgreSQL first load", f"{pg_rate:,.0f}/s", pg_rate >= TARGET_PG_RATE))
    print()
    print_table(("target", "figure", "result"), [(name, f, verdict(ok)) for name, f, ok in checks])
    missed = [name for name, _, ok in checks if not ok]
    print(f"\n{len(missed)} target(s) missed" + (f": {', '.join(missed)}" if missed else ""))
    if missed and not args.no_profile:
        print("\nProfiling a first load in one process (cProfile inflates times):")
        sys.stdout.flush()
        remove_database(db)
        roots = [str(p) for p in profile_roots(corpus, PROFILE_RELEASES)]
        run_worker(
            MODULE, ["profile", "--data-dir", str(corpus), "--db", str(db), "--roots", *roots]
        )
    remove_database(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
