"""/company and /companies: who is in the data, and what they have announced."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot, send
from commands._company import Company
from commands._paging import send_paged

SEARCH_COOLDOWN = app_commands.checks.cooldown(5, 10.0, key=lambda i: i.user.id)


class CompanyCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="company", description="A company's profile: releases, latest news, a notable quote"
    )
    @app_commands.describe(name="Company name, alias or ticker (typos are fine)")
    @SEARCH_COOLDOWN
    async def company(self, interaction: discord.Interaction[Any], name: Company) -> None:
        profile = await self.bot.query(self.bot.lookup.company_profile, name)
        await send(interaction, embed=render.company_embed(profile))

    @app_commands.command(
        name="companies", description="Every company in the data, with its number of releases"
    )
    async def companies(self, interaction: discord.Interaction[Any]) -> None:
        listings = await self.bot.query(self.bot.lookup.companies)
        pages = render.companies_embeds(listings)

        async def fetch(page: int) -> discord.Embed:
            return pages[page]

        await send_paged(interaction, first=pages[0], page_count=len(pages), fetch=fetch)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(CompanyCog(bot))
