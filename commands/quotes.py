"""/quote: what people said, by company, speaker or words."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot
from bot.lookup import QuotePage, QuoteRequest
from commands._company import Company
from commands._paging import send_result_pages
from commands.company import SEARCH_COOLDOWN


class QuoteCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="quote", description="Find quotes by company, speaker or keyword")
    @app_commands.describe(
        company="Only quotes from this company's releases",
        speaker="Who said it (typos are fine)",
        keyword="Words in the quote",
    )
    @SEARCH_COOLDOWN
    async def quote(
        self,
        interaction: discord.Interaction[Any],
        company: Company | None = None,
        speaker: app_commands.Range[str, 1, 100] | None = None,
        keyword: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        request = QuoteRequest(company=company, speaker=speaker, keyword=keyword)

        async def search(page: int) -> QuotePage:
            return await self.bot.query(self.bot.lookup.quotes, request, page=page)

        await send_result_pages(interaction, search=search, show=render.quotes_embed)

    @quote.autocomplete("speaker")
    async def quote_speaker(
        self, _interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return render.choices(self.bot.lookup.speaker_choices(current))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(QuoteCog(bot))
