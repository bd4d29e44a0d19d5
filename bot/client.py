"""The Discord client: a ``commands.Bot`` that owns the store and the lookup service.

Features live in ``commands/`` (one extension each); a feature that fails to load is
logged and the rest still start. One error handler on the command tree turns every
failure into a friendly, ephemeral reply — never a traceback in Discord.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.config import Settings
from bot.lookup import BadQuery, Lookup, NotFound
from bot.store import Store

log = logging.getLogger(__name__)

FEATURES = (
    "commands.company",
    "commands.news",
    "commands.quotes",
    "commands.release",
    "commands.info",
    "commands.admin",
)

T = TypeVar("T")


class NewsTree(app_commands.CommandTree["NewsBot"]):
    """The command tree with one table from error type to a friendly reply."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        ephemeral = True
        if isinstance(original, NotFound):
            embed = render.problem_embed(str(original), original.suggestions)
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

    def __init__(self, settings: Settings, store: Store, lookup: Lookup | None = None) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=NewsTree,
            help_command=None,
        )
        self.settings = settings
        self.store = store
        self.lookup = lookup or Lookup(store)
        self.started_at = time.monotonic()
        self.failed_features: dict[str, str] = {}

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
        await self.load_features()
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
