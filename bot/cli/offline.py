"""``ask`` and ``console``: the real slash-command handlers answering in the terminal.

Every offline answer goes through the same handlers the Discord bot uses (see
``bot.offline``), so what the terminal prints is what Discord would show.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from bot.cli.database import ensure_loaded, open_store
from bot.config import Settings


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
