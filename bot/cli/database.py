"""Opening the store for a command, and the one way a load's outcome is printed."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from bot.config import Settings

if TYPE_CHECKING:
    from bot.loader import LoadReport
    from bot.store import Store

# The store, the loader and SQLAlchemy are imported only when a command opens the database:
# `parse` and `eval` never do, so they start in a fraction of the time.


def open_store(settings: Settings) -> Store:
    from bot.store import Store

    store = Store(settings.database_url)
    store.create_schema()
    return store


def print_report(report: LoadReport, file: TextIO | None = None) -> None:
    tally = report.tally
    print(
        f"{report.files_seen} files: {tally.added} added, {tally.updated} updated, "
        f"{tally.unchanged} unchanged, {tally.merged} merged (same release, another source), "
        f"{tally.removed} removed, {tally.failed} failed — {report.seconds:.2f} s",
        file=file,
    )
    if not tally.changed and not tally.failures:
        print("No changes.", file=file)
    for path, reason in tally.failures:
        print(f"  failed: {path}: {reason}", file=file)


def ensure_loaded(settings: Settings, store: Store) -> None:
    """First use on a new machine: load the bundled data so there is something to ask."""
    if store.load_history(1):
        return
    from bot.loader import load_paths

    print(f"First run: loading {settings.releases_dir} …", file=sys.stderr)
    report = load_paths(
        store,
        data_dir=settings.data_dir,
        max_file_bytes=settings.max_file_bytes,
        actor="first run",
        workers=settings.load_workers,
    )
    # stderr, so that `ask --json` prints nothing but JSON on stdout.
    print_report(report, file=sys.stderr)
