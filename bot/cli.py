"""``newsbot``: load data, check files, ask questions offline, and run the bot.

Every offline answer goes through the same slash-command handlers the Discord bot
uses (see ``bot.offline``), so what the terminal prints is what Discord would show.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import ingest
from bot.config import ConfigError, Settings, load_settings
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry

if TYPE_CHECKING:
    from bot.loader import LoadReport
    from bot.store import Store

# Commands import the store, the loader and Discord's code only when they need them:
# `parse` and `eval` start in a fraction of the time.

log = logging.getLogger("newsbot")

DEMO_COMMANDS = ("/company Akeso", "/news 2021")
# Exit codes beside 2 (usage or configuration) and 3 (database unavailable): Discord
# refused the bot for good, so restarting it unchanged cannot help.
EXIT_TOKEN_REJECTED = 4
EXIT_NOT_PERMITTED = 5
_EXPLAIN_LIMIT = 6  # candidates shown per field
_EXPLAIN_EVIDENCE = 90  # characters of supporting text shown per candidate


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


def open_store(settings: Settings) -> Store:
    from bot.store import Store

    store = Store(settings.database_url)
    store.create_schema()
    return store


def print_report(report: LoadReport, file: TextIO | None = None) -> None:
    tally = report.tally
    print(
        f"{report.files_seen} files: {tally.added} added, {tally.updated} updated, "
        f"{tally.unchanged} unchanged, {tally.merged} merged (same release, another source), "
        f"{tally.removed} removed, {tally.failed} failed — {report.seconds:.2f} s",
        file=file,
    )
    if not tally.changed and not tally.failures:
        print("No changes.", file=file)
    for path, reason in tally.failures:
        print(f"  failed: {path}: {reason}", file=file)


def ensure_loaded(settings: Settings, store: Store) -> None:
    """First use on a new machine: load the bundled data so there is something to ask."""
    if store.load_history(1):
        return
    from bot.loader import load_paths

    print(f"First run: loading {settings.releases_dir} …", file=sys.stderr)
    report = load_paths(
        store,
        data_dir=settings.data_dir,
        max_file_bytes=settings.max_file_bytes,
        actor="first run",
        workers=settings.load_workers,
    )
    # stderr, so that `ask --json` prints nothing but JSON on stdout.
    print_report(report, file=sys.stderr)


# --- Subcommands -----------------------------------------------------------------------


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


def cmd_parse(settings: Settings, args: argparse.Namespace) -> int:
    """Parse files or fetched pages and print their records, without touching the database."""
    registry = load_registry(settings.registry_path)
    answers = _fetch_urls(settings, args.files)
    records: list[dict[str, Any]] = []
    failures = 0
    for name in args.files:
        explanation = ingest.Explanation() if args.explain else None
        try:
            if name in answers:
                parsed = _parse_answer(answers[name], registry, explanation)
            else:
                parsed = _parse_path(settings, registry, Path(name), explanation)
        except ingest.IngestError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            failures += 1
            continue
        records.extend(record.to_json() for record in parsed)
        if explanation is not None:
            _print_explanation(name, explanation)
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for record in records:
            _print_record(record)
    return 1 if failures else 0


def _parse_path(
    settings: Settings, registry: Registry, path: Path, explanation: ingest.Explanation | None
) -> list[ReleaseRecord]:
    data = ingest.read_source(path, max_bytes=settings.max_file_bytes)
    sidecar_path = ingest.sidecar_for(path)
    sidecar = (
        ingest.read_source(sidecar_path, max_bytes=settings.max_file_bytes)
        if sidecar_path.exists()
        else None
    )
    return ingest.parse_file(path, data, registry=registry, sidecar=sidecar, explain=explanation)


def _fetch_urls(settings: Settings, names: Sequence[str]) -> dict[str, Any]:
    """Each http(s) address among ``names`` with its answer (or fetch error); HTTP code is
    imported only when there is an address."""
    urls = [name for name in names if name.startswith(("http://", "https://"))]
    if not urls:
        return {}
    from bot.sources.pages import fetch_pages

    answers = fetch_pages(urls, settings.data_dir, settings.max_file_bytes)
    return dict(zip(urls, answers, strict=True))


def _parse_answer(
    answer: Any, registry: Registry, explanation: ingest.Explanation | None
) -> list[ReleaseRecord]:
    from bot.sources.http import FetchError
    from bot.sources.pages import parse_response

    if isinstance(answer, FetchError):
        raise ingest.IngestError(f"cannot fetch: {answer}")
    return parse_response(answer, registry=registry, explain=explanation)


def cmd_fetch(settings: Settings, args: argparse.Namespace) -> int:
    """Fetch pages and print their records; with ``--load``, load them instead."""
    if not args.load:
        return cmd_parse(settings, args)
    from bot.loader import load_sources
    from bot.sources.poller import parsed_source
    from bot.store import StoreBusyError

    registry = load_registry(settings.registry_path)
    answers = _fetch_urls(settings, args.files)
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


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Score the parser on annotated pages: per-field shares and, on request, each miss."""
    from bot.evaluation import evaluate, load_truth

    registry = load_registry(settings.registry_path)
    pages = Path(args.pages)
    try:
        truth = load_truth(Path(args.truth))
    except (OSError, ValueError) as exc:
        print(f"cannot read annotations: {exc}", file=sys.stderr)
        return 2
    if not pages.is_dir():
        print(f"{pages}: not a folder of pages", file=sys.stderr)
        return 2

    def parse(path: Path) -> list[Any]:
        data = ingest.read_source(path, max_bytes=settings.max_file_bytes)
        return ingest.parse_file(path, data, registry=registry)

    report = evaluate(pages, truth, parse)
    if args.json:
        payload = report.to_json()
        if not args.failures:
            del payload["misses"]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{report.pages} pages")
    for name, tally in report.tallies.items():
        label = "no crash" if name == "crashes" else name.replace("_", " ")
        print(f"  {label:<18} {tally.share:7.1%}  ({tally.hits}/{tally.total})")
    if args.failures:
        for miss in report.misses:
            print(f"{miss.file}\t{miss.field}\tgot {miss.got!r}\twanted {miss.wanted!r}")
    return 0


def _print_explanation(name: str, explanation: ingest.Explanation) -> None:
    """Per field, each candidate with the rule that found it; the first one won."""
    print(f"{name}: why these values", file=sys.stderr)
    for field, candidates in explanation.fields.items():
        print(f"  {field}:" + ("" if candidates else " no candidate"), file=sys.stderr)
        for rank, candidate in enumerate(candidates[:_EXPLAIN_LIMIT]):
            mark = "✓" if rank == 0 else " "
            evidence = " ".join(candidate.evidence.split())[:_EXPLAIN_EVIDENCE]
            print(
                f"    {mark} {candidate.value!s:<30.60} {candidate.rule}  «{evidence}»",
                file=sys.stderr,
            )


def _print_record(record: dict[str, Any]) -> None:
    title = record["title"] + ("  (derived)" if record["title_derived"] else "")
    company = record["company"] + ("  (inferred)" if record["company_inferred"] else "")
    print(f"{record['source']}\n  title:   {title}\n  company: {company}")
    print(f"  date:    {record['date'] or 'unknown'} ({record['date_precision'] or '-'})")
    print(f"  summary: {record['summary']}")
    for quote in record["quotes"]:
        role = f", {quote['role']}" if quote["role"] else ""
        print(f"  quote:   “{quote['text'][:120]}” — {quote['speaker'] or '?'}{role}")
    if record["figures"]:
        print(f"  figures: {'; '.join(record['figures'])}")
    print()


async def _offline_session(settings: Settings) -> Any:
    """A bot that never logs in, with every feature loaded, and a runner to talk to it."""
    from bot.client import NewsBot
    from bot.offline import OfflineRunner

    store = open_store(settings)
    ensure_loaded(settings, store)
    bot = NewsBot(settings, store)
    await bot.load_features()
    return OfflineRunner(bot)


async def _ask(runner: Any, line: str, *, admin: bool) -> Any:
    from bot.offline import autocomplete_payload, command_payload, parse_command_line

    text = line.strip()
    if text.startswith("?"):
        # "?/company aks" shows what autocomplete would offer for the last option typed.
        name, options = parse_command_line(text[1:], runner.bot.tree)
        if not options:
            raise ValueError("type an option value to autocomplete, e.g. ?/company aks")
        option, value = list(options.items())[-1]
        others = {k: v for k, v in options.items() if k != option}
        return await runner.run(
            autocomplete_payload(name, option, str(value), others, administrator=admin)
        )
    name, options = parse_command_line(text, runner.bot.tree)
    return await runner.run(command_payload(name, options, administrator=admin))


def _show(result: Any, *, as_json: bool) -> None:
    from bot import render

    if as_json:
        print(json.dumps([call.payload for call in result.calls], ensure_ascii=False, indent=2))
        return
    if result.choices:
        print(render.payload_text({"choices": result.choices}))
    for response in result.responses:
        print(render.payload_text(response))
        print()


async def _show_posts(runner: Any) -> None:
    """Run the bot's after-load step as its timer would, and print what it posts on its own:
    ``/follow`` deliveries of releases a ``newsbot load`` elsewhere just added."""
    from bot import render

    posted = await runner.background(runner.bot.after_load)
    for call in posted.calls:
        print(f"── posted in channel {call.path.split('/')[2]} ──")
        print(render.payload_text(call.payload or {}))
        print()


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    async def main() -> int:
        runner = await _offline_session(settings)
        try:
            result = await _ask(runner, args.command, admin=args.admin)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        _show(result, as_json=args.json)
        if not args.json:
            await _show_posts(runner)
        return 0

    return asyncio.run(main())


CONSOLE_HELP = """Type a slash command as you would in Discord, e.g.
  /company akeso        /news 2021 company:Laekna        /quote speaker:"Li Jia"
  ?/company aks         (what autocomplete would offer)
  next / previous       (turn the page of the last answer)
  quit"""


def cmd_console(settings: Settings, args: argparse.Namespace) -> int:
    async def main() -> int:
        runner = await _offline_session(settings)
        print(CONSOLE_HELP)
        last = None
        loop = asyncio.get_running_loop()
        while True:
            try:
                line = await loop.run_in_executor(None, input, "newsbot> ")
            except EOFError:
                print()
                return 0
            line = line.strip()
            if not line:
                continue
            if line in {"quit", "exit"}:
                return 0
            try:
                if line in {"next", "previous"}:
                    if last is None:
                        print("Nothing to page yet.")
                        continue
                    result = await runner.press(last, f"page:{line}")
                else:
                    result = await _ask(runner, line, admin=args.admin)
            except (ValueError, LookupError) as exc:
                print(exc)
                continue
            last = result
            _show(result, as_json=False)
            await _show_posts(runner)

    return asyncio.run(main())


def _use_configured_api(settings: Settings) -> bool:
    """Point discord.py at ``DISCORD_API_BASE`` when it is set; False (and why) when that
    API gives no gateway."""
    if not settings.discord_api_base:
        return True
    from bot.client import use_api_base

    try:
        gateway = use_api_base(settings.discord_api_base)
    except (OSError, ValueError, KeyError) as exc:
        print(
            f"DISCORD_API_BASE: no gateway from {settings.discord_api_base}: {exc}", file=sys.stderr
        )
        return False
    log.info("using the Discord API at %s, gateway %s", settings.discord_api_base, gateway)
    return True


def _discord_refusal(exc: Exception) -> tuple[int, str] | None:
    """The exit code and the one line to print when Discord refused the bot for good: a
    rejected token, or a privilege the bot was not given; None for anything else."""
    discord = sys.modules.get("discord")
    if discord is None:
        return None
    if isinstance(exc, discord.LoginFailure):
        return EXIT_TOKEN_REJECTED, (
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot's token again "
            "from the developer portal."
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return EXIT_NOT_PERMITTED, (
            "Discord refused the gateway connection: the bot asks for an intent the "
            "developer portal does not grant it."
        )
    if isinstance(exc, discord.Forbidden):
        return EXIT_NOT_PERMITTED, (
            f"Discord refused: {exc.status} {exc.text or 'Forbidden'} — invite the bot with the "
            "`bot` and `applications.commands` scopes (and check DEV_GUILD_ID)."
        )
    return None


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.discord_token:
        print(
            "DISCORD_TOKEN is not set, so newsbot cannot connect to Discord.\n"
            "Set it in the environment or in a .env file (see .env.example), then run "
            "`newsbot run` again.\nMeanwhile, here is the bot answering offline on the bundled "
            'data — try `newsbot console` or `newsbot ask "/news 2021"` for more.\n'
        )
        for command in DEMO_COMMANDS:
            print(f"$ newsbot ask {shlex.quote(command)}\n")
            cmd_ask(settings, argparse.Namespace(command=command, json=False, admin=False))
        return 0
    from bot.client import make_bot

    if not _use_configured_api(settings):
        return 2
    store = open_store(settings)
    ensure_loaded(settings, store)
    bot = make_bot(settings, store)
    bot.run(settings.discord_token, log_handler=None)
    return 0


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


def cmd_sync(settings: Settings, args: argparse.Namespace) -> int:
    """Register the slash commands with Discord: globally (up to an hour) or to one server."""
    if not settings.discord_token:
        print(
            "DISCORD_TOKEN is not set: syncing needs the bot's token (see .env.example).",
            file=sys.stderr,
        )
        return 2
    import discord

    from bot.client import NewsBot, StillFailing

    if not _use_configured_api(settings):
        return 2

    async def main() -> int:
        # Logging in runs the bot's start-up, which syncs DEV_GUILD_ID; here that is --guild's job.
        bot = NewsBot(dataclasses.replace(settings, dev_guild_id=None), open_store(settings))
        async with bot:
            await bot.login(settings.discord_token or "")
            await bot.load_features()
            guild_id = args.guild or None
            try:
                synced = await bot.sync_commands(discord.Object(id=guild_id) if guild_id else None)
            except StillFailing as exc:
                print(f"{exc}: try again later.", file=sys.stderr)
                return 1
            if guild_id:
                print(f"Synced {len(synced)} commands to server {guild_id}.")
            else:
                print(f"Synced {len(synced)} commands globally (Discord may take up to an hour).")
        return 0

    return asyncio.run(main())


def _add_record_options(command: argparse.ArgumentParser) -> None:
    """How ``parse`` and ``fetch`` print the records they make."""
    command.add_argument("--json", action="store_true", help="print a JSON list of records")
    command.add_argument(
        "--explain", action="store_true", help="show each field's candidates and rules (stderr)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__.splitlines()[0])
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
    _add_record_options(p)
    p.set_defaults(handler=cmd_parse)

    p = sub.add_parser("fetch", help="fetch pages and print their records (or --load them)")
    p.add_argument("files", nargs="+", metavar="URL")
    p.add_argument("--load", action="store_true", help="load them into the database")
    _add_record_options(p)
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
        return 2
    _configure_logging(settings, args.verbose)
    try:
        return int(args.handler(settings, args))
    except Exception as exc:
        # Only commands that opened the store or talked to Discord meet their errors; the
        # others never import them.
        store = sys.modules.get("bot.store")
        if store is not None and isinstance(exc, store.StoreUnavailable):
            print(exc, file=sys.stderr)
            return 3
        refusal = _discord_refusal(exc)
        if refusal is None:
            raise
        code, line = refusal
        print(line, file=sys.stderr)
        return code


if __name__ == "__main__":
    raise SystemExit(main())
