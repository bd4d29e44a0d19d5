"""The Discord client: a ``commands.Bot`` that owns the store and the lookup service.

Features live in ``commands/`` (one extension each); a feature that fails to load is
logged and the rest still start. One error handler on the command tree turns every
failure into a friendly, ephemeral reply — never a traceback in Discord.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import signal
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands, tasks
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot import render
from bot.backoff import backoff_delay
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
# Start-up steps that fail for a passing reason wait 1, 2, 4, 8 s … at most 15 s between tries.
STARTUP_RETRY_BASE_S = 1.0
STARTUP_RETRY_CAP_S = 15.0
# Command registration gives up after this long and the bot runs with what Discord has.
SYNC_PATIENCE_S = 60.0
# Discord: a heartbeat still unacknowledged when the next is due means a dead ("zombie")
# connection, to be closed and resumed. Half an interval more allows for a slow answer;
# checking every second then notices one within about two heartbeat intervals.
ZOMBIE_AFTER_INTERVALS = 1.5
HEARTBEAT_CHECK_SECONDS = 1.0

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


def transient_reason(exc: BaseException) -> str | None:
    """Why ``exc`` is worth trying again later, in a few words for logs and ``/following``;
    None when it is not: a rate limit of any shape (Cloudflare's HTML 429 has neither JSON
    nor headers), a Discord server error, a timeout or a dropped connection."""
    if isinstance(exc, discord.RateLimited):
        return f"rate limited for {exc.retry_after:.0f} s"
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:
            return "rate limited (429)"
        if exc.status >= 500:
            return f"Discord server error {exc.status}"
        return None
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, aiohttp.ClientError | OSError):
        return f"connection failed ({type(exc).__name__})"
    return None


def retry_after(exc: BaseException) -> float:
    """Seconds Discord asked us to wait before trying again (0 when it did not say)."""
    if isinstance(exc, discord.RateLimited):
        return exc.retry_after
    if isinstance(exc, discord.HTTPException) and exc.status == 429:
        try:
            return max(float(exc.response.headers.get("Retry-After", 0)), 0.0)
        except ValueError:
            return 0.0
    return 0.0


def unacknowledged_for(ws: DiscordWebSocket | None, now: float) -> float | None:
    """Seconds since the gateway last acknowledged a heartbeat, when a heartbeat is waiting
    for its acknowledgement longer than ``ZOMBIE_AFTER_INTERVALS`` intervals; else None.

    discord.py itself reconnects only after 60 s in which nothing at all arrived, which a
    half-dead connection still delivering some events never reaches. Its heartbeat thread
    (``_keep_alive``, timed by ``time.perf_counter``) has no public view of this.
    """
    keep_alive = getattr(ws, "_keep_alive", None)  # None between connections
    if keep_alive is None or not keep_alive.interval:
        return None
    if keep_alive._last_send <= keep_alive._last_ack:
        return None  # no heartbeat waiting (or the thread itself is stuck: not the gateway)
    silence = now - keep_alive._last_ack
    return silence if silence > ZOMBIE_AFTER_INTERVALS * keep_alive.interval else None


class StillFailing(Exception):
    """A start-up step kept failing for passing reasons until its patience ran out."""


async def ride_out(
    step: Callable[[], Awaitable[T]],
    *,
    what: str,
    patience: float | None,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: Callable[[], float] = random.random,
) -> T:
    """Run ``step`` until it succeeds, waiting out passing failures (``transient_reason``)
    with backoff and any ``Retry-After``; other errors are raised at once.

    A passing failure is one warning, however many tries it takes: when ``step`` finally
    succeeds, or as ``StillFailing`` once ``patience`` seconds would be exceeded (None:
    never give up). Each try in between is logged at INFO.
    """
    started = clock()
    failures = 0
    first_reason = ""
    while True:
        try:
            result = await step()
        except Exception as exc:
            reason = transient_reason(exc)
            if reason is None:
                raise
            failures += 1
            first_reason = first_reason or reason
            delay = max(
                backoff_delay(
                    failures, base=STARTUP_RETRY_BASE_S, cap=STARTUP_RETRY_CAP_S, rng=rng
                ),
                retry_after(exc),
            )
            elapsed = clock() - started
            if patience is not None and elapsed + delay > patience:
                tally = render.plural(failures, "time")
                raise StillFailing(f"{what} failed {tally} in {elapsed:.0f} s ({reason})") from exc
            log.info("%s failed (%s); trying again in %.1f s", what, reason, delay)
            await sleep(delay)
            continue
        if failures:
            log.warning(
                "%s succeeded on try %d (first failure: %s)", what, failures + 1, first_reason
            )
        return result


class NewsTree(app_commands.CommandTree["NewsBot"]):
    """The command tree with one table from error type to a friendly reply."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        original: BaseException = (
            error.original if isinstance(error, app_commands.CommandInvokeError) else error
        )
        if isinstance(original, app_commands.TransformerError) and original.__cause__:
            # An option's own lookup failed (the company option's "did you mean"): answer
            # for that failure, as if the command had raised it.
            original = original.__cause__
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
    """Answer an interaction, whether or not it was already answered or deferred.

    A deferred answer replaces the "thinking…" message rather than following it up: an
    edit Discord stored before answering 5xx is the same edit when retried, where a
    retried follow-up would show the answer twice. The deferral chose ephemerality.
    """
    kwargs: dict[str, Any] = {"embed": embed, "allowed_mentions": render.NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    deferred = discord.InteractionResponseType.deferred_channel_message
    if interaction.response.type is deferred:
        await interaction.edit_original_response(**kwargs)
    elif interaction.response.is_done():
        await interaction.followup.send(**kwargs, ephemeral=ephemeral)
    else:
        await interaction.response.send_message(**kwargs, ephemeral=ephemeral)


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
        await asyncio.to_thread(self.lookup.refresh_if_stale)

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
