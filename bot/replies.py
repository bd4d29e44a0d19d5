"""Answering interactions: one way to send an answer, and one table from error to reply."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.lookup import BadQuery, NotFound
from bot.store import StoreUnavailable

log = logging.getLogger(__name__)


class NewsTree(app_commands.CommandTree[commands.Bot]):
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
