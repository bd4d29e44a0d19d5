"""Reading, hashing and parsing release files: in this process, or in worker processes.

Work is handed out in batches of folder tasks (a site's pages share the boilerplate
learned from them), so each file is read once — where it is hashed and, if its bytes
changed, parsed — and the process that writes to the database only stats files.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing.context import BaseContext, ForkServerContext
from pathlib import Path

from bot import ingest
from bot.file_stamps import FileStamp
from bot.loading.files import file_hash, read_sidecar
from bot.records import ReleaseRecord
from bot.registry import Registry

# Loads with fewer files to read than this are parsed in-process: starting workers (about
# 0.5 s of CPU and of waiting for the first result) would cost more than they save.
PARALLEL_MIN_FILES = 500
# Files per task sent to a worker: enough that a task's overhead is noise, few enough that
# workers share the work evenly and memory stays flat however large the load.
BATCH_FILES = 128
# A folder up to this size is sent to one worker whole, when the load is big enough that
# such a task cannot leave the other workers idle: a worker that gets part of a folder
# learns the folder's boilerplate first, and a folder split across workers is learned by
# each of them.
WHOLE_FOLDER_MAX = 512
# Tasks queued per worker, so that workers parse on while the writer stores their results.
TASKS_PER_WORKER = 3
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


def learn_boilerplate(pages: Iterable[bytes]) -> frozenset[str]:
    """Lines that recur across one folder's pages: a site's menus and footers."""
    texts = []
    for data in pages:
        try:
            texts.append(ingest.decode_text(data))
        except ingest.IngestError:
            continue  # reported when the file itself is loaded
    return ingest.learn_boilerplate(texts)


class PageReader:
    """Reads, hashes and parses folder tasks, remembering each folder's boilerplate for
    the rest of the load (a big folder comes in several tasks)."""

    def __init__(self, registry: Registry, max_file_bytes: int, fingerprint: bytes) -> None:
        self.registry = registry
        self.max_file_bytes = max_file_bytes
        self.fingerprint = fingerprint
        self._boilerplate: dict[str, frozenset[str]] = {}

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
            for file, digest, data, sidecar in changed:
                outcomes[file.key] = FileOutcome(
                    file, digest, self.parse(file, data, sidecar, boilerplate)
                )
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
        known = self._boilerplate.get(task.folder)
        if known is None:
            known = learn_boilerplate(self._sample(task.sample, pages))
            self._boilerplate[task.folder] = known
        return known

    def _sample(self, sample: Sequence[str], pages: dict[str, bytes | None]) -> Iterator[bytes]:
        """The folder's first readable pages, up to the sample size: those read already,
        and the rest (skipped as unchanged) read now."""
        taken = 0
        for path in sample:
            if taken >= BOILERPLATE_SAMPLE:
                return
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
            yield data


def batches(
    folders: Iterable[FolderTask], whole_up_to: int = BATCH_FILES
) -> Iterator[list[FolderTask]]:
    """Folder tasks grouped into batches of about ``BATCH_FILES`` files. A folder of up to
    ``whole_up_to`` files stays in one batch; a bigger one is split."""
    batch: list[FolderTask] = []
    size = 0
    for folder in folders:
        count = len(folder.files)
        step = count if count <= whole_up_to else BATCH_FILES
        for start in range(0, count, step):
            part = folder.files[start : start + step]
            batch.append(folder if len(part) == len(folder.files) else replace(folder, files=part))
            size += len(part)
            if size >= BATCH_FILES:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def read_files(
    folders: Sequence[FolderTask], reader: PageReader, workers: int
) -> Iterator[FileOutcome]:
    """Every file's outcome, in order: parsed here, or — for big loads — by worker processes.

    Parsing is pure CPU work, so on a machine with several cores it runs beside the
    database writes. Only a bounded number of files is in flight, which keeps memory
    flat.
    """
    total = sum(len(folder.files) for folder in folders)
    if workers <= 1 or total < PARALLEL_MIN_FILES:
        for batch in batches(folders):
            yield from reader.run(batch)
        return
    # A whole folder is never more than a share of the load, and the other workers have
    # their usual queue beside it: none waits idle while one works through a big folder.
    whole_up_to = min(WHOLE_FOLDER_MAX, max(BATCH_FILES, total // (workers * TASKS_PER_WORKER)))
    most_in_flight = workers * TASKS_PER_WORKER * BATCH_FILES + whole_up_to
    pool = worker_pool(reader, workers)
    try:
        in_flight: deque[tuple[Future[list[FileOutcome]], int]] = deque()
        files_in_flight = 0
        for batch in batches(folders, whole_up_to):
            size = sum(len(folder.files) for folder in batch)
            in_flight.append((pool.submit(_run_in_worker, batch), size))
            files_in_flight += size
            while files_in_flight >= most_in_flight:
                files_in_flight -= yield from _outcomes(in_flight.popleft())
        while in_flight:
            yield from _outcomes(in_flight.popleft())
    finally:
        pool.shutdown(cancel_futures=True)


def _outcomes(task: tuple[Future[list[FileOutcome]], int]) -> Generator[FileOutcome, None, int]:
    """A task's outcomes, once its worker has sent them; returns how many files it held."""
    future, size = task
    yield from future.result()
    return size


def worker_pool(reader: PageReader, workers: int) -> ProcessPoolExecutor:
    """Parse workers, each holding a reader like ``reader``.

    They are never forked from this process: ``/reload`` runs in a thread of the bot,
    and forking a threaded process is unsafe. Where the platform allows, they are
    forked from a small single-threaded server that imported this module once (cheap
    to start, and it stays for the next load); elsewhere each is spawned and imports it.
    Either way a worker imports the parser only, never the store or discord.py.
    """
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_worker_context(),
        initializer=_start_worker,
        initargs=(reader.registry, reader.max_file_bytes, reader.fingerprint),
    )


def start_workers_early(files_to_read: int, workers: int) -> None:
    """When a load will surely parse in workers (``files_to_read`` is the least it will
    read), start the server they are forked from now: it imports the parser while the
    load is still being planned, instead of while the first batch waits for it."""
    surely_parallel = workers > 1 and files_to_read >= PARALLEL_MIN_FILES
    if surely_parallel and isinstance(_worker_context(), ForkServerContext):
        multiprocessing.forkserver.ensure_running()


def _worker_context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


# Each worker process keeps the reader it was started with (registry, boilerplate learned).
_worker_reader: PageReader | None = None


def _start_worker(registry: Registry, max_file_bytes: int, fingerprint: bytes) -> None:
    global _worker_reader
    _worker_reader = PageReader(registry, max_file_bytes, fingerprint)


def _run_in_worker(batch: list[FolderTask]) -> list[FileOutcome]:
    assert _worker_reader is not None
    return _worker_reader.run(batch)
