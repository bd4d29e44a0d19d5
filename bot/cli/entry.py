"""The ``newsbot`` command line's shape: its subcommands, logging and exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.cli.discord_app import cmd_run, cmd_sync
from bot.cli.evaluation import cmd_eval
from bot.cli.exits import (
    EXIT_CONFIGURATION,
    EXIT_DATABASE_UNAVAILABLE,
    discord_refusal,
    missing_database_driver,
)
from bot.cli.loading import cmd_db_upgrade, cmd_fetch, cmd_load, cmd_watch
from bot.cli.offline import cmd_ask, cmd_console
from bot.cli.parsing import add_record_options, cmd_parse
from bot.config import ConfigError, Settings, load_settings

DESCRIPTION = "``newsbot``: load data, check files, ask questions offline, and run the bot."


def _configure_logging(settings: Settings, verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else getattr(logging, settings.log_level, logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # discord.py logs every gateway step at INFO; keep the console about newsbot.
    logging.getLogger("discord").setLevel(logging.WARNING)
    # ...and voice support, which newsbot never uses, is not worth a warning.
    logging.getLogger("discord.client").setLevel(logging.ERROR)
    # Alembic narrates each migration step; `newsbot db upgrade` prints the outcome itself.
    logging.getLogger("alembic").setLevel(logging.WARNING)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=DESCRIPTION)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="run the Discord bot (offline demo without a token)")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("load", help="load release files into the database")
    p.add_argument("paths", nargs="*", help="files or folders (default: DATA_DIR/releases)")
    p.set_defaults(handler=cmd_load)

    p = sub.add_parser(
        "parse", help="parse files or pages and print their records; the database is not touched"
    )
    p.add_argument("files", nargs="+", help="files, or http(s) addresses to fetch")
    add_record_options(p)
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser("fetch", help="fetch pages and print their records (or --load them)")
    p.add_argument("files", nargs="+", metavar="URL")
    p.add_argument("--load", action="store_true", help="load them into the database")
    add_record_options(p)
    p.set_defaults(handler=cmd_fetch)

    p = sub.add_parser("watch", help="poll the feeds and load new releases, without Discord")
    p.add_argument("--once", action="store_true", help="one poll of the due feeds, then exit")
    p.set_defaults(handler=cmd_watch)

    p = sub.add_parser("eval", help="score the parser against annotated pages")
    p.add_argument("pages", help="folder of scraped pages")
    p.add_argument("truth", help="annotations: a JSON list, one object per page")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--failures", action="store_true", help="list every miss")
    p.set_defaults(handler=cmd_eval)

    p = sub.add_parser("ask", help='answer one slash command offline, e.g. "/news 2021"')
    p.add_argument("command")
    p.add_argument("--json", action="store_true", help="print the exact payload sent to Discord")
    p.add_argument("--admin", action="store_true", help="ask as a server administrator")
    p.set_defaults(handler=cmd_ask)

    p = sub.add_parser("console", help="an interactive offline console")
    p.add_argument("--admin", action="store_true", help="act as a server administrator")
    p.set_defaults(handler=cmd_console)

    p = sub.add_parser("sync", help="register slash commands with Discord")
    p.add_argument("--guild", type=int, help="a server id to sync to instantly")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("db", help="database schema maintenance")
    db = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db.add_parser("upgrade", help="run pending schema migrations").set_defaults(
        handler=cmd_db_upgrade
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIGURATION
    _configure_logging(settings, args.verbose)
    try:
        return int(args.handler(settings, args))
    except Exception as exc:
        failure = _failure(exc, settings)
        if failure is None:
            raise
        code, line = failure
        print(line, file=sys.stderr)
        return code


def _failure(exc: Exception, settings: Settings) -> tuple[int, str] | None:
    """The exit code and line for a failure the user can act on; None: a bug, re-raised."""
    # Only commands that opened the store or talked to Discord meet their errors; the
    # others never import them.
    store = sys.modules.get("bot.store")
    if store is not None and isinstance(exc, store.StoreUnavailable):
        return EXIT_DATABASE_UNAVAILABLE, str(exc)
    driver = missing_database_driver(exc, settings.database_url)
    if driver:
        return EXIT_CONFIGURATION, driver
    return discord_refusal(exc)
