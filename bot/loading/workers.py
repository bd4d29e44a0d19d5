"""Parse workers: big loads are read and parsed in worker processes, in batches of folder
tasks, beside the process that writes to the database; small loads in this process."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from multiprocessing.context import BaseContext, ForkServerContext

from bot.loading.parsing import FileOutcome, FolderTask, PageReader
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
