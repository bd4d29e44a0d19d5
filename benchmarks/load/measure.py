"""The load benchmark's measurements: each runs in a fresh worker process, so its peak RSS
belongs to one load only.

The loader and the store are imported inside each function: ``benchmarks.bench_load`` is
the main module of every parse worker a measured load starts, and each worker imports its
main module (and so this one) again; with them at the top, every worker would pay for
SQLAlchemy.
"""

from __future__ import annotations

import cProfile
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.harness import (
    cpu_seconds,
    peak_rss_mb,
    print_profile,
    remove_database,
    stop_parse_server,
)
from bot.config import DEFAULT_MAX_FILE_BYTES

if TYPE_CHECKING:
    from bot.loader import LoadReport
    from bot.store import Store


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
    """One ``newsbot load``: its time, CPU time (the server's too, on PostgreSQL), tally
    and peak RSS."""
    from benchmarks.load.postgres import ServerCpu

    store = open_store(url)
    server = None if store.is_sqlite else ServerCpu(url)
    if server is not None:
        server.start()
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    report = _load(store, data_dir, roots, workers)
    seconds = time.perf_counter() - started
    stop_parse_server()
    cpu = cpu_seconds() - cpu_before
    server_cpu = None if server is None else server.seconds()
    store.close()
    tally = report.tally
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "server_cpu_seconds": server_cpu,
        "files": report.files_seen,
        "added": tally.added,
        "updated": tally.updated,
        "merged": tally.merged,
        "unchanged": tally.unchanged,
        "failed": tally.failed,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_poll(data_dir: Path, url: str) -> dict[str, Any]:
    """One fetched page loaded into the loaded database, as a feed poll loads it: the
    corpus's first page with a sentence added, so it is found to be the same release
    as the file (the near-duplicate path, the dearer one). Its parse is not timed."""
    from bot import ingest
    from bot.loader import ParsedSource, load_sources
    from bot.registry import load_registry
    from bot.store import Store

    registry = load_registry(data_dir / "companies.toml")
    page = min((data_dir / "releases").rglob("*.txt"))
    text = page.read_text(encoding="utf-8").replace("\n\n", "\n\nAs fetched again.\n\n", 1)
    address = "https://example.com/polled"
    fetched = ParsedSource(
        address, "polled", [ingest.parse_page(text, registry=registry, source=address)]
    )
    store = Store(url)
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    report = load_sources(store, [fetched], registry=registry, actor="benchmark", label="poll")
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    store.close()
    tally = report.tally
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "added": tally.added,
        "merged": tally.merged,
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
    store = open_store(url)
    profile = cProfile.Profile()
    profile.enable()
    report = _load(store, data_dir, roots, workers=1)
    profile.disable()
    store.close()
    print_profile(profile, f"first load of {report.files_seen:,} releases")
    return {"files": report.files_seen}


def _load(store: Store, data_dir: Path, roots: Sequence[Path], workers: int | None) -> LoadReport:
    """``newsbot load`` as the benchmark runs it (the loader is imported late: parse
    workers re-import this module and must not pull in the store)."""
    from bot.loader import load_paths

    return load_paths(
        store,
        data_dir=data_dir,
        roots=list(roots) or None,
        max_file_bytes=DEFAULT_MAX_FILE_BYTES,
        actor="benchmark",
        workers=workers,
    )
