"""Reconciling files with the store: for each file, whether it is unchanged, updated in
place, a near-duplicate of another release, or gone — decided against what the load's
transaction says is stored, and carried out through it."""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from collections.abc import Collection, Sequence
from itertools import islice
from pathlib import Path

from bot.file_stamps import FileStamp
from bot.loading.duplicates import DuplicateFinder
from bot.loading.files import (
    NO_BOILERPLATE,
    SourceFile,
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
    ParseOutcome,
)
from bot.records import ReleaseRecord
from bot.registry import Registry
from bot.store import LoadTransaction, StoredSource

log = logging.getLogger(__name__)


class Reconciler:
    """One load's working state: what is stored, and the decisions taken so far."""

    def __init__(
        self, tx: LoadTransaction, registry: Registry, only: Collection[str] | None = None
    ) -> None:
        """``only``: the sources the load can touch, when it knows them (fetched pages);
        a load of files reads every stored source, as a missing file removes its own."""
        self.tx = tx
        self.fingerprint = parser_fingerprint(registry)
        self.started_ns = time.time_ns()
        self.stored: dict[str, dict[int, StoredSource]] = defaultdict(dict)
        for (path, index), source in tx.stored.sources(only).items():
            self.stored[path][index] = source
        self.duplicates = DuplicateFinder(tx)

    # -- per folder ---------------------------------------------------------------------
    def plan_folder(self, folder: str, files: Sequence[SourceFile]) -> FolderTask | None:
        """The folder's files to read, or None when every stamp matches its stored sources.

        A file whose stamp matches is not read at all; the rest are read and hashed where
        they are parsed, and parsed only if their hash changed.
        """
        tasks: list[FileTask] = []
        skipped: dict[str, str] = {}  # path → key of each file not to be read
        for source in files:
            stamp = stamp_file(source, self.fingerprint, self.started_ns)
            stored = self.stored.get(source.key)
            if stamp is not None and stored and all(s.stamp == stamp for s in stored.values()):
                self.tx.tally.unchanged += len(stored)
                skipped[source.path] = source.key
            else:
                task = FileTask(source.path, source.key, stamp, _shared_hash(stored))
                tasks.append(task)
        if not tasks:
            return None
        pages = (s.path for s in files if os.path.splitext(s.path)[1].lower() not in NO_BOILERPLATE)
        sample = tuple(islice(pages, BOILERPLATE_SAMPLE + SAMPLE_SPARE))
        return FolderTask(folder, sample, tuple(tasks), self._stored_keys(sample, skipped))

    def _stored_keys(self, sample: Sequence[str], skipped: dict[str, str]) -> dict[str, str]:
        """Stored line keys of the sample's pages that will not be read (by path): their
        stamps match, so the keys stored with them are still theirs."""
        wanted = {path: skipped[path] for path in sample if path in skipped}
        if not wanted:
            return {}
        stored = self.tx.stored.line_keys(wanted.values())
        return {path: stored[key] for path, key in wanted.items() if key in stored}

    def load_outcome(self, outcome: FileOutcome) -> None:
        file = outcome.file
        if outcome.parsed is not None:
            self.load_parsed(
                file.key, outcome.digest, outcome.parsed, file.stamp, outcome.line_keys
            )
            return
        # Touched or copied back, bytes as stored: stamped anew, so the next load skips it.
        self.tx.tally.unchanged += len(self.stored[file.key])
        if file.stamp is not None:
            self.tx.restamp(file.key, file.stamp)

    # -- per file -----------------------------------------------------------------------
    def load_parsed(
        self,
        key: str,
        digest: str,
        outcome: ParseOutcome,
        stamp: FileStamp | None = None,
        line_keys: str | None = None,
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
            self.load_record(key, index, digest, record, anchors, stamp, line_keys)
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
        line_keys: str | None,
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
                tx.set_source_hash(path, index, digest, stamp, line_keys)
                return
            owner = self.duplicates.owner(record.content_hash)
            if existing.source_count == 1 and owner in (None, existing.release_id):
                tx.replace_release(existing.release_id, record, anchors)
                tx.set_source_hash(path, index, digest, stamp, line_keys)
                self.duplicates.remember(existing.release_id, record, anchors)
                tx.tally.updated += 1
                return
            # Shared with another site, or now identical to another release: re-file it.
            tx.remove_source(path, index)
        duplicate_of = self.duplicates.find(record, anchors)
        if duplicate_of is None:
            release_id, kept_anchors = tx.add_release(record, anchors), anchors
            tx.tally.added += 1
        else:
            # A near-duplicate joins its release as one more source; its anchors add nothing.
            release_id, kept_anchors = duplicate_of, ()
            tx.tally.merged += 1
        tx.add_source(
            release_id,
            path=path,
            record_index=index,
            file_hash=digest,
            url=record.url,
            stamp=stamp,
            line_keys=line_keys,
        )
        self.duplicates.remember(release_id, record, kept_anchors)

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


def _shared_hash(stored: dict[int, StoredSource] | None) -> str | None:
    """The file hash all of a file's stored sources have: a file read with it is unchanged."""
    hashes = {source.file_hash for source in stored.values()} if stored else set()
    return hashes.pop() if len(hashes) == 1 else None
