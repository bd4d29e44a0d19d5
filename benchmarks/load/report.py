"""The load benchmark's report: its figures side by side, judged against the targets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from benchmarks.harness import print_table, verdict

TARGET_RATE = 3_000.0  # releases per second, first load
TARGET_BARE_RATIO = 5.0  # first load time / bare FTS5 insert time
TARGET_RSS_MB = 400.0
TARGET_RELOAD_SHARE = 0.05  # unchanged reload time / first load time
TARGET_CHANGED_SHARE = 0.10  # reload after 1% of the files changed / first load time
TARGET_PG_RATE = 2_000.0


@dataclass(frozen=True, slots=True)
class LoadFigures:
    """What one run measured: each load's figures as its worker reported them."""

    bare: dict[str, Any]
    firsts: dict[int, dict[str, Any]]  # first load into an empty file, by parse workers
    best_workers: int
    second: dict[str, Any]  # unchanged corpus
    changed: dict[str, Any]  # after ``changed_files`` changed
    changed_files: int
    poll: dict[str, Any]  # one fetched page into the loaded database
    postgres: dict[str, Any] | None
    bare_postgres: dict[str, Any] | None  # the PostgreSQL baseline, with ``postgres``

    @property
    def first(self) -> dict[str, Any]:
        """The fastest first load: the one the targets judge."""
        return self.firsts[self.best_workers]


def _cpu(figures: dict[str, Any]) -> tuple[float, str]:
    """CPU seconds, the server's added where it was measured (PostgreSQL), and their words."""
    cpu: float = figures["cpu_seconds"]
    server = figures.get("server_cpu_seconds")
    if server is None:
        return cpu, f"{cpu:.1f} s CPU"
    return cpu + server, f"{cpu + server:.1f} s CPU ({server:.1f} s server)"


def bare_row(label: str, bare: dict[str, Any]) -> list[str]:
    rate = bare["rows"] / bare["seconds"]
    return [label, f"{bare['seconds']:.1f} s wall, {_cpu(bare)[1]}, {rate:,.0f}/s", "1.0x", ""]


def load_row(label: str, load: dict[str, Any], bare: dict[str, Any]) -> list[str]:
    rate = load["files"] / load["seconds"]
    cpu, cpu_words = _cpu(load)
    return [
        label,
        f"{load['seconds']:.1f} s wall, {cpu_words}, {rate:,.0f}/s",
        f"{load['seconds'] / bare['seconds']:.1f}x wall, {cpu / _cpu(bare)[0]:.1f}x CPU",
        f"{load['peak_rss_mb']:.0f} MB",
    ]


def poll_row(poll: dict[str, Any]) -> list[str]:
    """One fetched page: no bare insert compares, so its time stands alone."""
    found = "merged" if poll["merged"] else "added"
    return [
        f"one fetched page (a poll; {found})",
        f"{poll['seconds'] * 1000:.0f} ms wall, {poll['cpu_seconds'] * 1000:.0f} ms CPU",
        "",
        f"{poll['peak_rss_mb']:.0f} MB",
    ]


def print_report(figures: LoadFigures) -> list[str]:
    """Print the tallies, the loads' table and the targets; the names of missed targets."""
    first, second, changed = figures.first, figures.second, figures.changed
    bare, postgres = figures.bare, figures.postgres
    print(
        f"first load: {first['files']:,} files -> {first['added']:,} added, "
        f"{first['merged']:,} merged, {first['failed']:,} failed; "
        f"second load: {second['unchanged']:,} unchanged; "
        f"after {figures.changed_files:,} files changed: {changed['updated']:,} updated\n"
    )
    rows = [
        bare_row("bare sqlite3 FTS5 insert", bare),
        *(load_row(f"first load, {n} worker(s)", figures.firsts[n], bare) for n in figures.firsts),
        load_row("second load (unchanged)", second, bare),
        load_row("reload, 1% of files changed", changed, bare),
        poll_row(figures.poll),
    ]
    if postgres is not None and figures.bare_postgres is not None:
        rows.append(bare_row("bare PostgreSQL COPY (tsvector + GIN)", figures.bare_postgres))
        rows.append(load_row("PostgreSQL first load", postgres, figures.bare_postgres))
    print_table(("load", "time and rate", "vs bare insert", "peak RSS"), rows)
    if postgres is not None:
        print(
            "(PostgreSQL rows are against the bare PostgreSQL COPY: the same releases' four "
            "text columns into a table with a generated, weighted tsvector in the same "
            "configuration and a GIN index, one transaction; their CPU includes the "
            "server's where its processes can be read)"
        )
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
    return missed
