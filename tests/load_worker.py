"""A load in its own process that says how far it got, so a test can SIGKILL it at a known point.

Usage: ``python tests/load_worker.py DATA_DIR DATABASE_URL [--stop-at MARKER] [--flush-every N]``

Loads ``DATA_DIR/releases`` like ``newsbot load`` and prints one line per milestone:

- ``parsed N`` after the 1st, 100th, 200th … file parsed (the load transaction is open);
- ``flushed N`` when buffered releases were written into the still-open transaction,
  N being how many of them the writer now sees (nobody else does until the commit);
- ``committing`` when every row is written and only COMMIT is left;
- ``done N`` after the commit, N being the number of releases added.

With ``--stop-at`` the worker halts at the first line starting with MARKER and waits
for stdin to close, so the kill lands exactly there instead of wherever a timer says.
``--flush-every`` shrinks the write batch, so uncommitted rows reach the database early.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot import ingest
from bot.loader import load_paths
from bot.store import LoadTransaction, Store, loading
from bot.store.models import Release


def _announcer(stop_at: str | None) -> Callable[[str], None]:
    def announce(line: str) -> None:
        print(line, flush=True)
        if stop_at is not None and line.startswith(stop_at):
            sys.stdin.read()  # blocks until the test kills us (or closes the pipe)

    return announce


def _instrument(announce: Callable[[str], None], committed: int, flush_every: int | None) -> None:
    """Wrap the loader's steps with announcements; behaviour is otherwise unchanged.

    ``committed`` is how many releases other connections see, so ``flushed N`` can count
    only the rows this load wrote and has not committed yet.
    """
    if flush_every is not None:
        loading.FLUSH_EVERY = flush_every
    parse_file = ingest.parse_file
    flush, finish_run = LoadTransaction.flush, LoadTransaction.finish_run
    parsed = itertools.count(1)
    written = 0

    def counting_parse(*args: Any, **kwargs: Any) -> Any:
        records = parse_file(*args, **kwargs)
        done = next(parsed)
        if done == 1 or done % 100 == 0:
            announce(f"parsed {done}")
        return records

    def announcing_flush(tx: LoadTransaction) -> None:
        nonlocal written
        flush(tx)
        visible = tx.conn.execute(select(func.count(Release.id))).scalar_one() - committed
        if visible > written:
            written = visible
            announce(f"flushed {written}")

    def announcing_finish(tx: LoadTransaction) -> None:
        finish_run(tx)
        announce("committing")

    ingest.parse_file = counting_parse  # type: ignore[assignment]
    LoadTransaction.flush = announcing_flush  # type: ignore[method-assign]
    LoadTransaction.finish_run = announcing_finish  # type: ignore[method-assign]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("database_url")
    parser.add_argument("--stop-at", help="halt at the first milestone starting with this")
    parser.add_argument("--flush-every", type=int, help="write batch size (default: the store's)")
    args = parser.parse_args(argv)
    announce = _announcer(args.stop_at)
    store = Store(args.database_url)
    store.create_schema()
    _instrument(announce, store.stats().releases, args.flush_every)
    # In-process parsing, so that the announcing wrapper above sees every file.
    report = load_paths(
        store, data_dir=args.data_dir, max_file_bytes=200_000, actor="load_worker", workers=1
    )
    announce(f"done {report.tally.added}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
