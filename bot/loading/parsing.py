"""Reading, hashing and parsing release files, a folder task at a time.

A folder's pages share the boilerplate learned from them, so work comes in folder tasks
(``bot.loading.workers`` hands them to worker processes for big loads). Each file is
read once — where it is hashed and, if its bytes changed, parsed — and the process
that writes to the database only stats files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot import ingest
from bot.file_stamps import FileStamp
from bot.loading.files import file_hash, read_sidecar
from bot.records import ReleaseRecord
from bot.registry import Registry

# How many pages of one folder (one site) its recurring boilerplate is learned from.
BOILERPLATE_SAMPLE = 1_000
# Pages offered for the sample beyond its size, standing in for unreadable ones.
SAMPLE_SPARE = BOILERPLATE_SAMPLE


@dataclass(frozen=True, slots=True)
class FileTask:
    """A file whose stamp did not match: to read, hash and, if its bytes changed, parse.
    Locations stay text: the writer plans every changed file, and a worker makes the one
    ``Path`` it reads through."""

    path: str
    key: str
    stamp: FileStamp | None
    stored_hash: str | None  # the hash every stored source of the file has; None: no such hash


@dataclass(frozen=True, slots=True)
class FolderTask:
    """Files of one folder, and the folder's pages its boilerplate is learned from (in
    order): the same sample whichever of its files changed, so records never depend
    on which files happened to be skipped."""

    folder: str
    sample: tuple[str, ...]
    files: tuple[FileTask, ...]
    # Stored line keys of sample pages the load skips as unchanged (by path): counted in
    # place of the page, so a folder with one changed page is learned without its rest.
    stored_keys: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """A source's records with their near-duplicate anchors (computed where parsing is)."""

    records: list[ReleaseRecord]
    anchors: list[tuple[int, ...]]
    error: str | None = None

    @classmethod
    def of(cls, records: list[ReleaseRecord], error: str | None = None) -> ParseOutcome:
        return cls(records, [ingest.anchor_keys(record.body) for record in records], error)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file. ``parsed`` is None when its bytes hash as stored."""

    file: FileTask
    digest: str  # empty when the file could not be read
    parsed: ParseOutcome | None
    line_keys: str | None = None  # to store beside its sources; None: not learned from it


def pack_keys(keys: Iterable[str]) -> str:
    """A page's line keys as stored: one per line (a key never holds a line break)."""
    return "\n".join(sorted(keys))


def unpack_keys(stored: str) -> list[str]:
    return stored.split("\n") if stored else []


class PageReader:
    """Reads, hashes and parses folder tasks, remembering each folder's boilerplate for
    the rest of the load (a big folder comes in several tasks)."""

    def __init__(self, registry: Registry, max_file_bytes: int, fingerprint: bytes) -> None:
        self.registry = registry
        self.max_file_bytes = max_file_bytes
        self.fingerprint = fingerprint
        self._boilerplate: dict[str, frozenset[str]] = {}
        # Line keys of the pages the last folder was learned from (by path), handed out
        # with those of its files this reader parses; one folder's only, so memory stays
        # flat (a file of another folder part learned earlier goes without).
        self._sample_keys: dict[str, str] = {}

    def run(self, tasks: Sequence[FolderTask]) -> list[FileOutcome]:
        return [outcome for task in tasks for outcome in self.read_folder(task)]

    def read_folder(self, task: FolderTask) -> list[FileOutcome]:
        outcomes: dict[str, FileOutcome] = {}
        pages: dict[str, bytes | None] = {}
        changed: list[tuple[FileTask, str, bytes, bytes | None]] = []
        for file in task.files:
            path = Path(file.path)
            try:
                data = ingest.read_source(path, max_bytes=self.max_file_bytes)
                sidecar = read_sidecar(path, self.max_file_bytes)
            except ingest.IngestError as exc:
                error: str | None = str(exc)
            except OSError as exc:
                error = f"cannot read: {exc.strerror or exc}"
            else:
                error = None
            if error is not None:
                pages[file.path] = None  # not part of the sample either
                outcomes[file.key] = FileOutcome(file, "", ParseOutcome([], [], error))
                continue
            pages[file.path] = data
            digest = file_hash(data, sidecar, self.fingerprint)
            if digest == file.stored_hash:
                outcomes[file.key] = FileOutcome(file, digest, None)
            else:
                changed.append((file, digest, data, sidecar))
        if changed:
            boilerplate = self.boilerplate(task, pages)
            keys = self._sample_keys
            for file, digest, data, sidecar in changed:
                parsed = self.parse(file, data, sidecar, boilerplate)
                outcomes[file.key] = FileOutcome(file, digest, parsed, keys.get(file.path))
        return [outcomes[file.key] for file in task.files]

    def parse(
        self, file: FileTask, data: bytes, sidecar: bytes | None, boilerplate: frozenset[str]
    ) -> ParseOutcome:
        """A bad file is an outcome with a reason, not an exception."""
        try:
            records = ingest.parse_file(
                Path(file.path),
                data,
                registry=self.registry,
                boilerplate=boilerplate,
                sidecar=sidecar,
            )
        except ingest.IngestError as exc:
            return ParseOutcome([], [], str(exc))
        return ParseOutcome.of(records)

    def boilerplate(self, task: FolderTask, pages: dict[str, bytes | None]) -> frozenset[str]:
        """Lines that recur across the folder's pages: a site's menus and footers."""
        known = self._boilerplate.get(task.folder)
        if known is None:
            self._sample_keys = {}
            known = ingest.boilerplate_of(self._sample(task, pages))
            self._boilerplate[task.folder] = known
        return known

    def _sample(
        self, task: FolderTask, pages: dict[str, bytes | None]
    ) -> Iterator[Collection[str]]:
        """The line keys of the folder's first readable pages, up to the sample size: of
        those read already, stored for those skipped as unchanged, and of the rest read
        now. A page that does not decode takes its place in the sample but adds nothing."""
        taken = 0
        for path in task.sample:
            if taken >= BOILERPLATE_SAMPLE:
                return
            stored = task.stored_keys.get(path)
            if stored is not None:
                taken += 1
                yield unpack_keys(stored)
                continue
            if path in pages:
                data = pages[path]
                if data is None:
                    continue
            else:
                try:
                    data = ingest.read_source(Path(path), max_bytes=self.max_file_bytes)
                except (ingest.IngestError, OSError):
                    continue  # reported when the file itself is loaded
            taken += 1
            try:
                keys = ingest.line_keys(ingest.decode_text(data))
            except ingest.IngestError:
                continue  # reported when the file itself is loaded
            self._sample_keys[path] = pack_keys(keys)
            yield keys
