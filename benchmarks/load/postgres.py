"""The load benchmark on PostgreSQL: the bare baseline, and the server's CPU seconds.

Most of a PostgreSQL load's work is the server's (it builds the word index), so CPU
seconds of this side alone say little: where the server runs on this machine and its
processes can be read (a local dev or CI server, as root or as its user), the CPU
seconds of the database's backends are measured too.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine

from benchmarks.harness import cpu_seconds

# What "bare" is on PostgreSQL: the textbook weighted ``tsvector`` of the same four
# columns, in the same text search configuration (the same stemmer, no stop words), kept
# by the server as a generated column with a GIN index, filled by one COPY in one
# transaction. Left out, as the SQLite baseline leaves them out: parsing, companies,
# quotes, figures and sources, the title index, and splitting ``OBX-7`` or CJK text.
BARE_TABLE = "bare_releases"
BARE_DDL = (
    f"DROP TABLE IF EXISTS {BARE_TABLE}",
    f"""CREATE TABLE {BARE_TABLE} (
        id integer PRIMARY KEY, title text, summary text, body text, quotes_text text,
        search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('newsbot'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('newsbot'::regconfig, coalesce(summary, '')), 'B')
            || setweight(to_tsvector('newsbot'::regconfig, coalesce(quotes_text, '')), 'C')
            || setweight(to_tsvector('newsbot'::regconfig, coalesce(body, '')), 'D')
        ) STORED)""",
    f"CREATE INDEX ON {BARE_TABLE} USING gin (search)",
)
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _process_cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


class ServerCpu:
    """CPU seconds the database's server processes spent between ``start`` and ``seconds``
    (backends that start meanwhile count from zero; None when they cannot be read)."""

    def __init__(self, url: str) -> None:
        self._engine: Engine = create_engine(url)
        self._before: dict[int, float] | None = None

    def _backends(self) -> dict[int, float] | None:
        with self._engine.connect() as conn:
            pids = conn.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).scalars()
            times = {pid: _process_cpu(pid) for pid in pids}
        readable = {pid: cpu for pid, cpu in times.items() if cpu is not None}
        return readable if len(readable) == len(times) else None

    def start(self) -> None:
        self._before = self._backends()

    def seconds(self) -> float | None:
        after = self._backends()
        self._engine.dispose()
        if after is None or self._before is None:
            return None
        before = self._before
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def measure_bare(url: str) -> dict[str, Any]:
    """COPY of the releases a PostgreSQL load just wrote into a bare word-indexed table
    (``BARE_DDL``), in the same database; the COPY and its commit alone are timed."""
    engine = create_engine(url)
    server = ServerCpu(url)
    try:
        with engine.begin() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, title, summary, body, quotes_text FROM releases ORDER BY id"
            ).all()
            for statement in BARE_DDL:
                conn.exec_driver_sql(statement)
        with engine.begin() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            server.start()
            cpu_before = cpu_seconds()
            started = time.perf_counter()
            with (
                driver.cursor() as cursor,
                cursor.copy(
                    f"COPY {BARE_TABLE} (id, title, summary, body, quotes_text) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row(tuple(row))
        seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_before
        server_cpu = server.seconds()
        with engine.begin() as conn:
            conn.exec_driver_sql(BARE_DDL[0])
    finally:
        engine.dispose()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "server_cpu_seconds": server_cpu,
        "rows": len(rows),
    }
