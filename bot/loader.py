"""Loading: files on disk → release records → the store, as one all-or-nothing transaction.

A load decides, file by file, what changed since the last load (by the file's size
and modification time, so unchanged files are not even read; then by a hash of its
bytes, so files touched but not edited are not parsed), which records are the same
release seen on another site (near-duplicates), and what disappeared: that is
``bot.loading.reconcile``. Files are read and parsed by ``bot.loading.parsing``, in
worker processes for big loads (``bot.loading.workers``); the store writes; the loader
never speaks SQL. This module runs loads and reports on them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from bot.loading.files import PAGE_SUFFIXES, SourceFile, discover, source_key
from bot.loading.parsing import PageReader, ParseOutcome
from bot.loading.reconcile import Reconciler
from bot.loading.workers import default_workers, read_files, start_workers_early
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry
from bot.store import LoadTally, Store

__all__ = [
    "PAGE_SUFFIXES",
    "LoadError",
    "LoadReport",
    "ParsedSource",
    "default_workers",
    "load_paths",
    "load_sources",
]


class LoadError(RuntimeError):
    """The load as a whole cannot run (bad registry, missing folder); nothing was changed."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What one load did, for the CLI, ``/reload`` and the load history."""

    run_id: int
    tally: LoadTally
    files_seen: int
    seconds: float
    data_version: int


def load_paths(
    store: Store,
    *,
    data_dir: Path,
    roots: Sequence[Path] | None = None,
    registry: Registry | None = None,
    max_file_bytes: int,
    actor: str = "cli",
    workers: int | None = None,
) -> LoadReport:
    """Load release files into the store in one transaction and say what changed.

    ``roots`` default to the data folder's ``releases/``. Files that are gone from a
    loaded folder are removed from the store; a bad file is reported and skipped.
    ``workers`` (default: the machine's cores, at most 4) parse big loads in parallel.
    """
    started = time.perf_counter()
    roots = list(roots) if roots else [data_dir / "releases"]
    if registry is None:
        try:
            registry = load_registry(data_dir / "companies.toml")
        except ValueError as exc:
            raise LoadError(f"companies.toml: {exc}") from exc
    files, problems = discover(roots, data_dir)
    by_folder: dict[str, list[SourceFile]] = defaultdict(list)
    for source in files:
        by_folder[source.folder].append(source)
    label = ", ".join(source_key(root, data_dir) for root in roots)

    def load_files(loader: Reconciler) -> None:
        parse_workers = workers or default_workers()
        start_workers_early(sum(s.key not in loader.stored for s in files), parse_workers)
        for path, reason in problems:
            loader.fail(path, reason)
        folders = [
            task
            for folder in sorted(by_folder, key=PurePath)  # part by part, as paths sort
            if (task := loader.plan_folder(folder, by_folder[folder])) is not None
        ]
        reader = PageReader(registry, max_file_bytes, loader.fingerprint)
        for outcome in read_files(folders, reader, parse_workers):
            loader.load_outcome(outcome)
        loader.remove_missing(roots, data_dir, {source.key for source in files})
        loader.tx.remove_orphan_companies(registry)

    return _run_load(
        store, registry, actor=actor, label=label, files_seen=len(files),
        started=started, work=load_files,
    )  # fmt: skip


def _run_load(
    store: Store,
    registry: Registry,
    *,
    actor: str,
    label: str,
    files_seen: int,
    started: float,
    work: Callable[[Reconciler], None],
    only: Collection[str] | None = None,
) -> LoadReport:
    """One load transaction around ``work``, and its report once it has committed.
    ``only``: the sources it can touch, if known (see ``Reconciler``)."""
    with store.load_transaction(actor=actor, source=label) as tx:
        tx.sync_registry(registry)
        work(Reconciler(tx, registry, only))
        tally, run_id, data_version = tx.tally, tx.run_id, tx.data_version_after()
    return LoadReport(
        run_id=run_id,
        tally=tally,
        files_seen=files_seen,
        seconds=time.perf_counter() - started,
        data_version=data_version,
    )


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """Records parsed from something other than a file (a fetched page), ready to load.

    ``key`` names the source like a file's path does (a page's address); ``digest`` is
    the hash of its bytes; ``error`` the reason a source that did not parse is skipped.
    """

    key: str
    digest: str
    records: list[ReleaseRecord]
    error: str | None = None


def load_sources(
    store: Store,
    sources: Sequence[ParsedSource],
    *,
    registry: Registry,
    actor: str,
    label: str,
) -> LoadReport:
    """Load already-parsed sources in one transaction, exactly as files are loaded: a
    source seen before is updated, the same release from elsewhere is merged. Nothing
    is removed for being absent: a poll sees only what is new."""

    def load_parsed(loader: Reconciler) -> None:
        for source in sources:
            outcome = ParseOutcome.of(source.records, source.error)
            loader.load_parsed(source.key, source.digest, outcome)

    return _run_load(
        store, registry, actor=actor, label=label, files_seen=len(sources),
        started=time.perf_counter(), work=load_parsed, only={s.key for s in sources},
    )  # fmt: skip
