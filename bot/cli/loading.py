"""``load``, ``fetch --load``, ``watch`` and ``db upgrade``: the commands that write the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.database import open_store, print_report
from bot.cli.parsing import cmd_parse, fetch_urls
from bot.config import Settings
from bot.registry import load_registry


def cmd_load(settings: Settings, args: argparse.Namespace) -> int:
    from bot.loader import LoadError, load_paths
    from bot.store import StoreBusyError

    store = open_store(settings)
    roots = [Path(p) for p in args.paths] or None
    try:
        report = load_paths(
            store,
            data_dir=settings.data_dir,
            roots=roots,
            max_file_bytes=settings.max_file_bytes,
            workers=settings.load_workers,
            actor="cli",
        )
    except (LoadError, StoreBusyError) as exc:
        print(f"load not run: {exc}", file=sys.stderr)
        return 2
    print_report(report)
    return 0


def cmd_fetch(settings: Settings, args: argparse.Namespace) -> int:
    """Fetch pages and print their records; with ``--load``, load them instead."""
    if not args.load:
        return cmd_parse(settings, args)
    from bot.loader import load_sources
    from bot.sources.poller import parsed_source
    from bot.store import StoreBusyError

    registry = load_registry(settings.registry_path)
    answers = fetch_urls(settings, args.files)
    sources = [
        parsed_source(url, answer, registry)
        for url, answer in answers.items()
        if not isinstance(answer, Exception)
    ]
    failed = {url: answer for url, answer in answers.items() if isinstance(answer, Exception)}
    for url, error in failed.items():
        print(f"  failed: {url}: cannot fetch: {error}")
    if not sources:
        return 1
    store = open_store(settings)
    try:
        report = load_sources(store, sources, registry=registry, actor="cli fetch", label="fetch")
    except StoreBusyError as exc:
        print(f"load not run: {exc}", file=sys.stderr)
        return 2
    print_report(report)
    return 1 if failed else 0


def cmd_watch(settings: Settings, args: argparse.Namespace) -> int:
    from bot.sources.watch import watch

    return watch(settings, once=args.once)


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    """Run pending schema migrations now (every start also does), e.g. before a rollout."""
    from bot.store import Store, StoreUnavailable

    store = Store(settings.database_url)
    try:
        revision = store.create_schema()
    except StoreUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"Database schema is at revision {revision}, the newest.")
    return 0
