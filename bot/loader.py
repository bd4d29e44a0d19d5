"""Loading: files on disk → release records → the store, as one all-or-nothing transaction.

The loader decides, file by file, what changed since the last load (by the file's size
and modification time, so unchanged files are not even read; then by a hash of its
bytes, so files touched but not edited are not parsed), which records are the same
release seen on another site (near-duplicates), and what disappeared. Files are read
and parsed by ``bot.loading.parsing``; the store writes; the loader never speaks SQL.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bot.file_stamps import FileStamp
from bot.loading.duplicates import DuplicateFinder
from bot.loading.files import (
    NO_BOILERPLATE,
    PAGE_SUFFIXES,
    SourceFile,
    discover,
    parser_fingerprint,
    source_key,
    stamp_file,
)
from bot.loading.parsing import (
    BOILERPLATE_SAMPLE,
    SAMPLE_SPARE,
    FileOutcome,
    FileTask,
    FolderTask,
    PageReader,
    ParseOutcome,
    default_workers,
    read_files,
)
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry
from bot.store import LoadTally, LoadTransaction, Store, StoredSource

__all__ = [
    "PAGE_SUFFIXES",
    "LoadError",
    "LoadReport",
    "ParsedSource",
    "default_workers",
    "load_paths",
    "load_sources",
]

log = logging.getLogger(__name__)


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


class _Loader:
    """One load's working state: what is stored, and the decisions taken so far."""

    def __init__(self, tx: LoadTransaction, registry: Registry) -> None:
        self.tx = tx
        self.fingerprint = parser_fingerprint(registry)
        self.started_ns = time.time_ns()
        self.stored: dict[str, dict[int, StoredSource]] = defaultdict(dict)
        for (path, index), source in tx.stored.sources().items():
            self.stored[path][index] = source
        self.duplicates = DuplicateFinder(tx)

    # -- per folder ---------------------------------------------------------------------
    def plan_folder(self, folder: str, files: Sequence[SourceFile]) -> FolderTask | None:
        """The folder's files to read, or None when every stamp matches its stored sources.

        A file whose stamp matches is not read at all; the rest are read and hashed where
        they are parsed, and parsed only if their hash changed.
        """
        tasks: list[FileTask] = []
        for source in files:
            stamp = stamp_file(source.path, self.fingerprint, self.started_ns)
            stored = self.stored.get(source.key)
            if stamp is not None and stored and all(s.stamp == stamp for s in stored.values()):
                self.tx.tally.unchanged += len(stored)
            else:
                tasks.append(FileTask(source.path, source.key, stamp, _shared_hash(stored)))
        if not tasks:
            return None
        pages = (s.path for s in files if s.path.suffix.lower() not in NO_BOILERPLATE)
        sample = tuple(islice(pages, BOILERPLATE_SAMPLE + SAMPLE_SPARE))
        return FolderTask(folder, sample, tuple(tasks))

    def load_outcome(self, outcome: FileOutcome) -> None:
        file = outcome.file
        if outcome.parsed is not None:
            self.load_parsed(file.key, outcome.digest, outcome.parsed, file.stamp)
            return
        # Touched or copied back, bytes as stored: stamped anew, so the next load skips it.
        self.tx.tally.unchanged += len(self.stored[file.key])
        if file.stamp is not None:
            self.tx.restamp(file.key, file.stamp)

    # -- per file -----------------------------------------------------------------------
    def load_parsed(
        self, key: str, digest: str, outcome: ParseOutcome, stamp: FileStamp | None = None
    ) -> None:
        if outcome.error is not None:
            # A file that turned bad keeps its previous record: report, never lose data.
            self.fail(key, outcome.error)
            return
        records = outcome.records
        if not records:
            self.fail(key, "no release records in file")
            return
        for index, (record, anchors) in enumerate(zip(records, outcome.anchors, strict=True)):
            record.source = key
            self.load_record(key, index, digest, record, anchors, stamp)
        for index in sorted(set(self.stored.get(key, {})) - set(range(len(records)))):
            self.remove(key, index)

    def load_record(
        self,
        path: str,
        index: int,
        digest: str,
        record: ReleaseRecord,
        anchors: tuple[int, ...],
        stamp: FileStamp | None,
    ) -> None:
        tx = self.tx
        existing = self.stored.get(path, {}).get(index)
        if existing is not None:
            if existing.content_hash == record.content_hash:
                # Same text; newer rules or curated values may still read it differently.
                single = existing.source_count == 1  # a shared release keeps its first reading
                if single and tx.release_differs(existing.release_id, record):
                    tx.replace_release(existing.release_id, record, anchors)
                    tx.tally.updated += 1
                else:
                    tx.tally.unchanged += 1
                tx.set_source_hash(path, index, digest, stamp)
                return
            owner = self.duplicates.hashes.get(record.content_hash)
            if existing.source_count == 1 and owner in (None, existing.release_id):
                tx.replace_release(existing.release_id, record, anchors)
                tx.set_source_hash(path, index, digest, stamp)
                self.duplicates.remember(existing.release_id, record, anchors)
                tx.tally.updated += 1
                return
            # Shared with another site, or now identical to another release: re-file it.
            tx.remove_source(path, index)
        duplicate_of = self.duplicates.find(record, anchors)
        if duplicate_of is not None:
            tx.add_source(
                duplicate_of,
                path=path,
                record_index=index,
                file_hash=digest,
                url=record.url,
                stamp=stamp,
            )
            self.duplicates.remember(duplicate_of, record, ())
            tx.tally.merged += 1
            return
        release_id = tx.add_release(record, anchors)
        tx.add_source(
            release_id,
            path=path,
            record_index=index,
            file_hash=digest,
            url=record.url,
            stamp=stamp,
        )
        self.duplicates.remember(release_id, record, anchors)
        tx.tally.added += 1

    def remove(self, path: str, index: int) -> None:
        if self.tx.remove_source(path, index):
            self.tx.tally.removed += 1
        self.stored.get(path, {}).pop(index, None)

    def remove_missing(self, roots: Sequence[Path], data_dir: Path, present: set[str]) -> None:
        """Sources under a loaded folder whose file is gone: their releases go too."""
        prefixes = [source_key(root, data_dir).rstrip("/") + "/" for root in roots if root.is_dir()]
        for path in sorted(self.stored):
            if path not in present and any(path.startswith(prefix) for prefix in prefixes):
                for index in sorted(self.stored[path]):
                    self.remove(path, index)

    def fail(self, path: str, reason: str) -> None:
        log.warning("skipped %s: %s", path, reason)
        self.tx.tally.failures.append((path, reason))


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
    by_folder: dict[Path, list[SourceFile]] = defaultdict(list)
    for source in files:
        by_folder[source.path.parent].append(source)
    label = ", ".join(source_key(root, data_dir) for root in roots)

    def load_files(loader: _Loader) -> None:
        for path, reason in problems:
            loader.fail(path, reason)
        folders = [
            task
            for folder in sorted(by_folder)
            if (task := loader.plan_folder(str(folder), by_folder[folder])) is not None
        ]
        reader = PageReader(registry, max_file_bytes, loader.fingerprint)
        for outcome in read_files(folders, reader, workers or default_workers()):
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
    work: Callable[[_Loader], None],
) -> LoadReport:
    """One load transaction around ``work``, and its report once it has committed."""
    with store.load_transaction(actor=actor, source=label) as tx:
        tx.sync_registry(registry)
        work(_Loader(tx, registry))
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

    def load_parsed(loader: _Loader) -> None:
        for source in sources:
            outcome = ParseOutcome.of(source.records, source.error)
            loader.load_parsed(source.key, source.digest, outcome)

    return _run_load(
        store, registry, actor=actor, label=label, files_seen=len(sources),
        started=time.perf_counter(), work=load_parsed,
    )  # fmt: skip


def _shared_hash(stored: dict[int, StoredSource] | None) -> str | None:
    """The file hash all of a file's stored sources have: a file read with it is unchanged."""
    hashes = {source.file_hash for source in stored.values()} if stored else set()
    return hashes.pop() if len(hashes) == 1 else None
