"""The load and ``/news`` keyword benchmarks on PostgreSQL, beside SQLite, in one run.

    python -m benchmarks.bench_postgres --database-url postgresql+psycopg://... [--releases N]

The URL must name a scratch database: its ``public`` schema is dropped. ``TEST_DATABASE_URL``
is the default. The same synthetic corpus (shared with ``bench_load``) is loaded into a
fresh SQLite file and the fresh PostgreSQL schema, each load in its own process; then
the same keyword queries (drawn as ``bench_query`` draws them) run through ``Lookup.news``
on both.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    DEFAULT_OUT,
    corpus_tag,
    cpu_seconds,
    ensure_corpus,
    peak_rss_mb,
    print_table,
    remove_database,
    run_worker,
    verdict,
)
from benchmarks.query.inputs import draw_inputs
from benchmarks.query.timing import Timing, time_calls
from bot.config import DEFAULT_MAX_FILE_BYTES
from bot.loader import load_paths
from bot.lookup import Lookup, NewsRequest
from bot.store import Store

TARGET_PG_RATE = 2_000.0  # releases per second, first load
TARGET_PG_NEWS_MS = 80.0  # /news keyword p99


def fresh_postgres(url: str) -> Store:
    store = Store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.create_schema()
    return store


def measure_postgres_load(data_dir: Path, url: str) -> dict[str, Any]:
    """A first load into an empty PostgreSQL schema; the figures ``bench_load`` reports."""
    store = fresh_postgres(url)
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    report = load_paths(
        store, data_dir=data_dir, max_file_bytes=DEFAULT_MAX_FILE_BYTES, actor="benchmark"
    )
    seconds = time.perf_counter() - started
    with store.engine.begin() as conn:
        # Fresh statistics, as autovacuum would soon make; no statement timeout for it.
        conn.exec_driver_sql("SET LOCAL statement_timeout = 0; ANALYZE")
    store.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - cpu_before,
        "files": report.files_seen,
        "added": report.tally.added,
        "peak_rss_mb": peak_rss_mb(),
    }


def worker(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_postgres worker")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--url", required=True)
    args = parser.parse_args(argv)
    print(json.dumps(measure_postgres_load(args.data_dir, args.url)))
    return 0


def keyword_timing(store: Store, keywords: Sequence[str]) -> Timing:
    lookup = Lookup(store)
    return time_calls(lambda text: lookup.news(NewsRequest(text)), keywords)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_postgres", description=__doc__
    )
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=300, help="keyword queries per back end")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgresql"):
        parser.error("--database-url (or TEST_DATABASE_URL) must name a PostgreSQL database")
    args.out.mkdir(parents=True, exist_ok=True)
    tag = corpus_tag(args.releases, args.companies, args.seed)
    corpus, generated = ensure_corpus(args.out, args.releases, args.companies, args.seed)
    print(
        f"newsbot on PostgreSQL and SQLite: {args.releases:,} releases, {args.companies:,} companies"
    )
    print(
        f"corpus: reused {corpus}"
        if generated is None
        else f"corpus: generated in {generated:.1f} s (not counted) at {corpus}"
    )
    sys.stdout.flush()

    db = args.out / f"pg-compare-{tag}.sqlite3"
    remove_database(db)
    sqlite_load = run_worker(
        "benchmarks.bench_load", ["load", "--data-dir", str(corpus), "--db", str(db)]
    )
    pg_load = run_worker(
        "benchmarks.bench_postgres", ["--data-dir", str(corpus), "--url", args.database_url]
    )

    sqlite = Store(f"sqlite:///{db}")
    postgres = Store(args.database_url)
    keywords = draw_inputs(sqlite, args.queries, args.seed).keywords
    sqlite_news = keyword_timing(sqlite, keywords)
    pg_news = keyword_timing(postgres, keywords)
    sqlite.close()
    postgres.close()
    remove_database(db)

    def rate(load: dict[str, Any]) -> float:
        return load["added"] / load["seconds"]

    rows = [
        (
            "first load (releases/s)",
            f"{rate(sqlite_load):,.0f}",
            f"{rate(pg_load):,.0f}",
            f">= {TARGET_PG_RATE:,.0f}",
            verdict(rate(pg_load) >= TARGET_PG_RATE),
        ),
        (
            "first load (s wall / s CPU)",
            f"{sqlite_load['seconds']:.1f} / {sqlite_load['cpu_seconds']:.1f}",
            f"{pg_load['seconds']:.1f} / {pg_load['cpu_seconds']:.1f}",
            "-",
            "",
        ),
        (
            "loader peak RSS (MB)",
            f"{sqlite_load['peak_rss_mb']:.0f}",
            f"{pg_load['peak_rss_mb']:.0f}",
            "-",
            "",
        ),
        ("/news keyword p50 (ms)", f"{sqlite_news.p50:.2f}", f"{pg_news.p50:.2f}", "-", ""),
        (
            "/news keyword p99 (ms)",
            f"{sqlite_news.p99:.2f}",
            f"{pg_news.p99:.2f}",
            f"<= {TARGET_PG_NEWS_MS:.0f}",
            verdict(pg_news.p99 <= TARGET_PG_NEWS_MS),
        ),
    ]
    print(
        f"\n{pg_load['added']:,} releases loaded; {len(keywords)} keyword queries "
        f"({sqlite_news.not_found} / {pg_news.not_found} found nothing)\n"
    )
    print_table(("measure", "SQLite", "PostgreSQL", "PostgreSQL target", "result"), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
