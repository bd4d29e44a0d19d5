"""/reload: admins load new or changed data while everyone else keeps being answered."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot, send
from bot.loader import LoadError
from bot.reloading import Reloader, ReloadRefused, resolve_data_path
from bot.store import StoreBusyError

log = logging.getLogger(__name__)


async def is_admin(interaction: discord.Interaction[Any]) -> bool:
    """Server administrators, the application's owner, and ``ADMIN_USER_IDS``.

    Checked at run time as well as hinted with default permissions, because server
    admins can override the hint.
    """
    bot = interaction.client
    assert isinstance(bot, NewsBot)
    user = interaction.user
    if user.id in bot.settings.admin_user_ids:
        return True
    if isinstance(user, discord.Member) and user.guild_permissions.administrator:
        return True
    if bot.owner_id is not None or bot.owner_ids:
        return await bot.is_owner(user)
    return False


async def admin_only(interaction: discord.Interaction[Any]) -> bool:
    if await is_admin(interaction):
        return True
    log.warning(
        "refused admin command from user %s in guild %s", interaction.user.id, interaction.guild_id
    )
    raise app_commands.CheckFailure("This command is for server administrators.")


class AdminCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.reloader = Reloader(bot.settings, bot.lookup)

    @app_commands.command(name="reload", description="Admins: load new or changed release files")
    @app_commands.describe(path="A file or folder inside the data folder (default: all releases)")
    @app_commands.default_permissions(administrator=True)
    @app_commands.check(admin_only)
    async def reload(
        self,
        interaction: discord.Interaction[Any],
        path: app_commands.Range[str, 1, 300] | None = None,
    ) -> None:
        try:
            target = resolve_data_path(self.bot.settings, path)
        except ReloadRefused as exc:
            await send(
                interaction,
                embed=render.problem_embed(str(exc), title="Reload refused"),
                ephemeral=True,
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        actor = f"{interaction.user} ({interaction.user.id})"
        try:
            report = await asyncio.to_thread(self.reloader.reload, actor=actor, path=target)
        except (ReloadRefused, StoreBusyError, LoadError) as exc:
            await send(
                interaction,
                embed=render.problem_embed(str(exc), title="Reload not run"),
                ephemeral=True,
            )
            return
        log.info("reload by %s: %s", actor, report.tally)
        await send(
            interaction,
            embed=render.load_embed(report.tally, seconds=report.seconds),
            ephemeral=True,
        )
        await self.bot.after_load()  # /follow posts the new releases now, not at the next check


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(AdminCog(bot))
