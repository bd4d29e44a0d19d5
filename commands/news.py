"""/news: search releases by words, dates and company."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot
from bot.lookup import NewsPage, NewsRequest
from commands._company import Company
from commands._paging import send_result_pages
from commands.company import SEARCH_COOLDOWN


class NewsCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="news",
        description='Search releases: words, "phrases", -exclusions, 2021, 2021-10, ranges',
    )
    @app_commands.describe(
        query='What to find, e.g. 2021, R&D center, "phase III" -trial, title:approval',
        company="Only this company",
        since="From this date: YYYY, YYYY-MM or YYYY-MM-DD",
        until="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD",
    )
    @SEARCH_COOLDOWN
    async def news(
        self,
        interaction: discord.Interaction[Any],
        query: app_commands.Range[str, 0, 300] = "",
        company: Company | None = None,
        since: app_commands.Range[str, 1, 10] | None = None,
        until: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        request = NewsRequest(query=query, company=company, since=since, until=until)

        async def search(page: int) -> NewsPage:
            return await self.bot.query(self.bot.lookup.news, request, page=page)

        await send_result_pages(interaction, search=search, show=render.news_embed)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(NewsCog(bot))
