"""/help and /status: how to use the bot, and what it knows."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot, send
from bot.sources.health import feeds_summary
from bot.store import FeedStore, utc_now


class InfoCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="Commands, search syntax and examples")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await send(interaction, embed=render.help_embed(), ephemeral=True)

    @app_commands.command(name="status", description="Records, companies, last load and uptime")
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        status = await self.bot.query(self.bot.lookup.status)
        feeds = await asyncio.to_thread(FeedStore(self.bot.store).feeds)
        summary = feeds_summary(feeds, utc_now())
        await send(interaction, embed=render.status_embed(status, feeds=summary))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(InfoCog(bot))
