"""The Discord client: a ``commands.Bot`` that owns the store and the lookup service.

Features live in ``commands/`` (one extension each); a feature that fails to load is
logged and the rest still start. One error handler on the command tree turns every
failure into a friendly, ephemeral reply — never a traceback in Discord.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import discord
import yarl
from discord import app_commands
from discord.ext import commands, tasks
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot import render
from bot.config import Settings
from bot.lookup import BadQuery, Lookup, NotFound
from bot.sources.poller import start_polling
from bot.store import Store, StoreUnavailable

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

T = TypeVar("T")


def use_api_base(api_base: str) -> str:
    """Talk to another Discord API (a test double, a self-hosted proxy); returns its gateway.

    Every REST call discord.py makes is built on ``Route.BASE``. An unsharded client, though,
    dials Discord's fixed gateway address without asking the API, so the address is asked
    for here, once, with the API's unauthenticated ``GET /gateway``, before the bot starts.
    """
    request = urllib.request.Request(
        f"{api_base}/gateway",
        headers={"User-Agent": f"DiscordBot (newsbot, {discord.__version__})"},
    )
    # Like discord.py's own HTTP session, ignore HTTP(S)_PROXY variables.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        gateway = str(json.load(response)["url"])
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    return gateway


class NewsTree(app_commands.CommandTree["NewsBot"]):
    """The command tree with one table from error type to a friendly reply."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        ephemeral = True
        if isinstance(original, NotFound):
            embed = render.problem_embed(str(original), original.suggestions)
        elif isinstance(original, StoreUnavailable):
            embed = render.problem_embed(
                "The database is unavailable right now — try again in a moment.",
                title="Database unavailable",
            )
        elif isinstance(original, BadQuery):
            embed = render.problem_embed(str(original), title="Let's try that again")
        elif isinstance(original, app_commands.CommandOnCooldown):
            embed = render.problem_embed(
                f"You're going a bit fast — try again in {original.retry_after:.0f} s.",
                title="Slow down",
            )
        elif isinstance(original, app_commands.MissingPermissions | app_commands.CheckFailure):
            message = str(original) if str(original) else "You can't use this command here."
            embed = render.problem_embed(message, title="Not allowed")
        elif isinstance(original, app_commands.TransformerError):
            embed = render.problem_embed(
                f"“{str(original.value)[:80]}” is not a valid value for that option.",
                title="Let's try that again",
            )
        else:
            error_id = uuid.uuid4().hex[:8]
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error(
                "error %s in /%s",
                error_id,
                command,
                exc_info=(type(original), original, original.__traceback__),
            )
            embed = render.error_embed(error_id)
        await send(interaction, embed=embed, ephemeral=ephemeral)


async def send(
    interaction: discord.Interaction[Any],
    *,
    embed: discord.Embed,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Answer an interaction, whether or not it was already answered or deferred."""
    kwargs: dict[str, Any] = {
        "embed": embed,
        "ephemeral": ephemeral,
        "allowed_mentions": render.NO_MENTIONS,
    }
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


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
        start_polling(self)  # feeds.toml and /feed: new releases arrive by themselves
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to development guild %s", len(synced), guild.id)

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
        await asyncio.to_thread(self.lookup.refresh_if_stale)

    @tasks.loop(seconds=DATA_CHECK_SECONDS)
    async def watch_data(self) -> None:
        """Notice a load by another process without waiting for someone to ask something."""
        await self.after_load()

    @watch_data.before_loop
    async def _before_watch_data(self) -> None:
        await self.wait_until_ready()


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """NewsBot over several gateway connections, for bots in very many servers."""


def make_bot(settings: Settings, store: Store) -> NewsBot:
    """A ``NewsBot``, or a ``ShardedNewsBot`` when ``SHARD_COUNT`` is set (``auto``: Discord's advice)."""
    if settings.shard_count is None:
        return NewsBot(settings, store)
    count = None if settings.shard_count == "auto" else settings.shard_count
    return ShardedNewsBot(settings, store, shard_count=count)
