"""/help and /status: how to use the bot, and what it knows."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot, send


class InfoCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="Commands, search syntax and examples")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await send(interaction, embed=render.help_embed(), ephemeral=True)

    @app_commands.command(name="status", description="Records, companies, last load and uptime")
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        status = await self.bot.query(self.bot.lookup.status)
        await send(interaction, embed=render.status_embed(status))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(InfoCog(bot))
