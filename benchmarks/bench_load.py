"""How fast ``newsbot load`` turns a synthetic corpus into a searchable database.

    python -m benchmarks.bench_load [--quick] [--releases 20000] [--workers 1 2 4]
                                    [--database-url postgresql+psycopg://...]

One run measures, each in a fresh process (so peak RSS belongs to one load only): a
first load into an empty SQLite file with each number of parse workers; the bare
baseline between them — plain ``sqlite3`` ``executemany`` of the same text into the
same FTS5 index, its trigger as the store first made it; a second load of the
unchanged corpus, one after 1% of the files changed, and one fetched page loaded as a
feed poll loads it (``measure.measure_poll``); and, with
``--database-url``, a first load into PostgreSQL (its ``public`` schema is dropped)
and its bare baseline: one COPY of the same releases' text into a table with the
textbook weighted ``tsvector`` and GIN index (``measure.BARE_POSTGRES_DDL``).
Wall and CPU seconds (parse workers included) sit side by side; when a target is
missed, a cProfile of a first load shows where the time goes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    DEFAULT_OUT,
    corpus_tag,
    ensure_corpus,
    remove_database,
    run_worker,
)
from benchmarks.load.measure import measure_bare, measure_load, measure_poll, profile_load
from benchmarks.load.report import LoadFigures, print_report

PROFILE_RELEASES = 2_000  # about how many releases a profiled load covers
MODULE = "benchmarks.bench_load"


def worker(argv: Sequence[str]) -> int:
    """One measurement in this fresh process; its figures, as JSON, on the last line."""
    parser = argparse.ArgumentParser(prog="bench_load worker")
    parser.add_argument("task", choices=("load", "poll", "profile", "bare"))
    parser.add_argument("--data-dir", type=Path)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="a SQLite file")
    where.add_argument("--url", help="a database URL")
    parser.add_argument("--roots", type=Path, nargs="*", default=[])
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    url = args.url or f"sqlite:///{args.db}"
    if args.task == "bare":
        from benchmarks.load.postgres import measure_bare as measure_bare_postgres

        result = measure_bare_postgres(url)
    elif args.task == "load":
        result = measure_load(args.data_dir, url, args.roots, args.workers)
    elif args.task == "poll":
        result = measure_poll(args.data_dir, url)
    else:
        result = profile_load(args.data_dir, url, args.roots)
    print(json.dumps(result))
    return 0


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
    common = ["--data-dir", str(corpus), "--workers", str(best_workers), "--db", str(db)]
    second = run_worker(MODULE, ["load", *common])
    # The 1% change is made to a copy (times kept, so the rest stays unchanged by stamp).
    scratch = args.out / f"changed-{tag}"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(corpus, scratch)
    changed_files = touch_share(scratch, 0.01)
    changed = run_worker(MODULE, ["load", "--data-dir", str(scratch), *common[2:]])
    shutil.rmtree(scratch)
    poll = run_worker(MODULE, ["poll", "--data-dir", str(corpus), "--db", str(db)])
    postgres = bare_postgres = None
    if args.database_url:
        postgres = run_worker(MODULE, ["load", *common[:4], "--url", args.database_url])
        bare_postgres = run_worker(MODULE, ["bare", "--url", args.database_url])
    figures = LoadFigures(
        bare, firsts, best_workers, second, changed, changed_files, poll, postgres, bare_postgres
    )
    missed = print_report(figures)
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
