"""Reloads while the bot keeps answering: one at a time, all or nothing, index rebuilt after.

The load runs in a worker thread inside one database transaction (see ``store``):
until it commits, every query sees the previous data, complete. Only after the commit
is the in-memory company/title index rebuilt — from committed data, never a half state.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from bot.loader import PAGE_SUFFIXES, LoadReport, load_paths
from bot.lookup import Lookup


class ReloadRefused(Exception):
    """The reload cannot start; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class RunningReload:
    actor: str
    since: datetime


def resolve_data_path(settings: Settings, text: str | None) -> Path:
    """A user-given path, which must stay inside the data folder (no ``..``, no links out).

    A single file must also look like release data: the loader takes any file it is
    pointed at, so ``companies.toml`` would otherwise become a "release" everyone sees.
    """
    root = settings.data_dir.resolve()
    if not text or not text.strip():
        return settings.releases_dir
    raw = Path(text.strip())
    if raw.is_absolute() or ".." in raw.parts:
        raise ReloadRefused("The path must be relative to the data folder, without `..`.")
    candidate = settings.data_dir / raw
    resolved = candidate.resolve()
    if resolved != root and root not in resolved.parents:
        raise ReloadRefused("That path leads outside the data folder.")
    if not resolved.exists():
        raise ReloadRefused(f"`{raw.as_posix()}` does not exist in the data folder.")
    if resolved.is_file() and resolved.suffix.lower() not in PAGE_SUFFIXES:
        kinds = ", ".join(sorted(PAGE_SUFFIXES))
        raise ReloadRefused(f"`{raw.as_posix()}` is not a release file ({kinds}).")
    return candidate


class Reloader:
    """Runs loads for ``/reload`` — and refuses a second while one is running."""

    def __init__(self, settings: Settings, lookup: Lookup) -> None:
        self.settings = settings
        self.lookup = lookup
        self._lock = threading.Lock()
        self.running: RunningReload | None = None

    def reload(self, *, actor: str, path: Path | None = None) -> LoadReport:
        """Blocking: call from a worker thread."""
        if not self._lock.acquire(blocking=False):
            running = self.running
            since = running.since.strftime("%H:%M:%S UTC") if running else "a moment ago"
            who = f" (started by {running.actor})" if running else ""
            raise ReloadRefused(f"A reload is already running since {since}{who}.")
        try:
            self.running = RunningReload(actor, datetime.now(UTC))
            report = load_paths(
                self.lookup.store,
                data_dir=self.settings.data_dir,
                roots=[path] if path else None,
                max_file_bytes=self.settings.max_file_bytes,
                workers=self.settings.load_workers,
                actor=actor,
            )
            self.lookup.refresh()
            return report
        finally:
            self.running = None
            self._lock.release()
