"""``run`` and ``sync``: the commands that log in to Discord (``run`` demos offline without a token)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import shlex
import sys

from bot.cli.database import ensure_loaded, open_store
from bot.cli.offline import cmd_ask
from bot.config import Settings

log = logging.getLogger("newsbot")

DEMO_COMMANDS = ("/company Akeso", "/news 2021")


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
