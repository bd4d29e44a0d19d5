"""The databases the query benchmark answers from: the corpus loaded once by a
``benchmarks.bench_load`` worker, and reused while it still holds that corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from benchmarks.harness import remove_database, run_worker
from bot.store import Store, migrations


def ensure_database(out: Path, corpus: Path, tag: str) -> tuple[str, dict[str, Any] | None]:
    """The loaded SQLite database for this corpus, and the load's figures (None: reused)."""
    db = out / f"query-{tag}.sqlite3"
    marker = out / f"query-{tag}.json"
    if marker.exists() and db.exists():
        return f"sqlite:///{db}", None
    marker.unlink(missing_ok=True)
    remove_database(db)
    loaded = run_worker(
        "benchmarks.bench_load", ["load", "--data-dir", str(corpus), "--db", str(db)]
    )
    marker.write_text(json.dumps(loaded), encoding="utf-8")
    return f"sqlite:///{db}", loaded


def ensure_postgres(out: Path, corpus: Path, tag: str, url: str) -> dict[str, Any] | None:
    """This corpus loaded into the scratch PostgreSQL database at ``url`` (None: reused).

    Reused only while it still holds the releases the marker recorded: the store tests
    wipe a test database whenever they run. A reused database made by older code is
    migrated here, not in the timed start-up, and analyzed again: a migration that makes
    an indexed column afresh leaves it without the planner's statistics.
    """
    marker = out / f"query-{tag}-{make_url(url).database}.json"
    if marker.exists():
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        store = Store(url)
        try:
            releases = store.stats().releases
            with store.engine.connect() as conn:
                revision = migrations.current(conn)
        except SQLAlchemyError:  # no schema yet: not loaded
            releases = -1
        if releases == recorded["releases"]:
            if revision != migrations.HEAD:
                store.create_schema()
                _analyze(store)
            store.close()
            return None
        store.close()
    loaded = run_worker("benchmarks.bench_load", ["load", "--data-dir", str(corpus), "--url", url])
    store = Store(url)
    _analyze(store)
    loaded["releases"] = store.stats().releases
    store.close()
    marker.write_text(json.dumps(loaded), encoding="utf-8")
    return loaded


def _analyze(store: Store) -> None:
    """What autovacuum does within a minute of a large load: the planner's statistics, and
    the visibility map that lets a count be answered by an index alone."""
    with store.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM needs it
        conn.exec_driver_sql("SET statement_timeout = 0")
        conn.exec_driver_sql("VACUUM ANALYZE")
        conn.exec_driver_sql("RESET statement_timeout")
