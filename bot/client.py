"""The Discord client: a ``commands.Bot`` that owns the store and the lookup service.

Features live in ``commands/`` (one extension each); a feature that fails to load is
logged and the rest still start. One error handler on the command tree
(``bot.replies``) turns every failure into a friendly, ephemeral reply — never a
traceback in Discord. Start-up rides out Discord's passing failures (``bot.transient``);
a dead gateway connection is noticed and resumed (``bot.gateway``).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands, tasks
from discord.gateway import DiscordWebSocket

from bot.config import Settings
from bot.gateway import ZOMBIE_AFTER_INTERVALS, unacknowledged_for, use_api_base
from bot.lookup import Lookup
from bot.replies import NewsTree, send
from bot.sources.poller import start_polling
from bot.store import Store
from bot.transient import StillFailing, ride_out

# Besides the client, what its callers take from here: the CLI starts the bot with
# ``use_api_base`` and ``StillFailing``, every command answers with ``send``.
__all__ = [
    "DATA_CHECK_SECONDS",
    "FEATURES",
    "HEARTBEAT_CHECK_SECONDS",
    "SYNC_PATIENCE_S",
    "ZOMBIE_AFTER_INTERVALS",
    "NewsBot",
    "ShardedNewsBot",
    "StillFailing",
    "make_bot",
    "send",
    "unacknowledged_for",
    "use_api_base",
]

log = logging.getLogger(__name__)

FEATURES = (
    "commands.company",
    "commands.news",
    "commands.quotes",
    "commands.release",
    "commands.info",
    "commands.admin",
    "commands.follow",
    "commands.feed",
)
# How often the running bot looks for data loaded by another process (``newsbot load``).
DATA_CHECK_SECONDS = 30.0
# Command registration gives up after this long and the bot runs with what Discord has.
SYNC_PATIENCE_S = 60.0
# How often the gateway connections are checked for unacknowledged heartbeats.
HEARTBEAT_CHECK_SECONDS = 1.0

T = TypeVar("T")


class NewsBot(commands.Bot):
    """newsbot's client. Needs no privileged intents: it only answers slash commands."""

    def __init__(
        self, settings: Settings, store: Store, lookup: Lookup | None = None, **options: Any
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=NewsTree,
            help_command=None,
            **options,
        )
        self.settings = settings
        self.store = store
        self.lookup = lookup or Lookup(store)
        self.started_at = time.monotonic()
        self.failed_features: dict[str, str] = {}
        # What features do after data changed (``/follow`` posts new releases): see ``after_load``.
        self.data_hooks: list[Callable[[], Awaitable[object]]] = []

    async def load_features(self) -> None:
        """Load every feature; one that fails is logged and skipped, the rest still work."""
        for name in FEATURES:
            if name in self.extensions:
                continue
            try:
                await self.load_extension(name)
            except commands.ExtensionError as exc:
                self.failed_features[name] = str(exc)
                log.exception("feature %s failed to load", name)

    async def login(self, token: str) -> None:
        """Log in and fetch the application, riding out Discord's passing errors for as long
        as they last; a rejected token (``discord.LoginFailure``) is raised at once."""
        log_in = super().login

        async def attempt() -> None:
            await self.http.close()  # a failed try leaves its HTTP session open
            await log_in(token)

        await ride_out(attempt, what="logging in to Discord", patience=None)

    async def sync_commands(
        self, guild: discord.abc.Snowflake | None = None
    ) -> list[app_commands.AppCommand]:
        """Register the slash commands (globally, or in one server at once), riding out
        passing errors for ``SYNC_PATIENCE_S``; then ``StillFailing``."""
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        return await ride_out(
            lambda: self.tree.sync(guild=guild),
            what="registering commands",
            patience=SYNC_PATIENCE_S,
        )

    async def setup_hook(self) -> None:
        # Service managers and containers stop the bot with SIGTERM: treat it as Ctrl-C, which
        # ``run`` turns into cancelling the bot, closing the gateway with 1000 (a clean logout)
        # and returning. Calling ``close()`` from here instead would race the gateway reader,
        # which then closes with 4000 and leaves the session open on Discord's side.
        asyncio.get_running_loop().add_signal_handler(
            signal.SIGTERM, signal.raise_signal, signal.SIGINT
        )
        await self.load_features()
        self.watch_data.start()
        self.watch_heartbeats.start()
        start_polling(self)  # feeds.toml and /feed: new releases arrive by themselves
        if self.settings.dev_guild_id:
            await self._sync_development_guild(self.settings.dev_guild_id)

    async def _sync_development_guild(self, guild_id: int) -> None:
        """Commands appear in the development server at once. While Discord cannot take
        them, the bot still starts, with the commands registered before."""
        try:
            synced = await self.sync_commands(discord.Object(id=guild_id))
        except StillFailing as exc:
            # Nothing passing may escape to ``login``, which would run the whole hook again.
            log.warning("%s: running with the commands Discord already has", exc)
        else:
            log.info("synced %d commands to development guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        log.info("ready as %s in %d servers", self.user, len(self.guilds))

    async def query(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a lookup off the event loop, after picking up data another process loaded."""

        def run() -> T:
            self.lookup.refresh_if_stale()
            return function(*args, **kwargs)

        return await asyncio.to_thread(run)

    async def after_load(self) -> None:
        """Refresh the lookup and run the features' data hooks, right after a ``/reload``
        and every ``DATA_CHECK_SECONDS``; hooks decide themselves whether there is work.

        A failing step is logged, never raised: the check must keep running.
        """
        for step in (self._refresh_lookup, *self.data_hooks):
            try:
                await step()
            except Exception:
                log.exception("after-load step %s failed", getattr(step, "__qualname__", step))

    async def _refresh_lookup(self) -> None:
        """Pick up new data, then build what the first questions about it would wait for."""

        def refresh_and_warm() -> None:
            self.lookup.refresh_if_stale()
            self.lookup.warm()

        await asyncio.to_thread(refresh_and_warm)

    @tasks.loop(seconds=DATA_CHECK_SECONDS)
    async def watch_data(self) -> None:
        """Notice a load by another process without waiting for someone to ask something."""
        await self.after_load()

    @watch_data.before_loop
    async def _before_watch_data(self) -> None:
        await self.wait_until_ready()

    def gateway_connections(self) -> list[DiscordWebSocket]:
        """The open gateway connections: one, unless sharded."""
        return [self.ws] if self.ws is not None else []

    @tasks.loop(seconds=HEARTBEAT_CHECK_SECONDS)
    async def watch_heartbeats(self) -> None:
        """Close a connection whose heartbeat goes unacknowledged; discord.py resumes it."""
        for ws in self.gateway_connections():
            silence = unacknowledged_for(ws, time.perf_counter())
            if silence is not None:
                log.warning(
                    "gateway shard %s acknowledged no heartbeat for %.1f s: reconnecting",
                    ws.shard_id or 0,
                    silence,
                )
                await ws.close(4000)  # not 1000: the session stays resumable


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """NewsBot over several gateway connections, for bots in very many servers."""

    def gateway_connections(self) -> list[DiscordWebSocket]:
        # ``ShardInfo`` keeps its connection on the shard it wraps.
        return [info._parent.ws for info in self.shards.values() if info._parent.ws is not None]


def make_bot(settings: Settings, store: Store) -> NewsBot:
    """A ``NewsBot``, or a ``ShardedNewsBot`` when ``SHARD_COUNT`` is set (``auto``: Discord's advice)."""
    if settings.shard_count is None:
        return NewsBot(settings, store)
    count = None if settings.shard_count == "auto" else settings.shard_count
    return ShardedNewsBot(settings, store, shard_count=count)
