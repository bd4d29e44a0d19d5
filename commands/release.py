"""/release: one release in full — summary, figures, quotes, source, body in pages."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot
from commands._paging import send_paged
from commands.company import SEARCH_COOLDOWN


class ReleaseCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="release", description="A release in full, by title or #id")
    @app_commands.describe(title_or_id="Start typing a title, or give the release id like #12")
    @SEARCH_COOLDOWN
    async def release(
        self, interaction: discord.Interaction[Any], title_or_id: app_commands.Range[str, 1, 300]
    ) -> None:
        detail = await self.bot.query(self.bot.lookup.release, title_or_id)
        page_count = len(render.body_pages(detail))

        async def fetch(page: int) -> discord.Embed:
            return render.release_embed(detail, page)

        await send_paged(
            interaction, first=render.release_embed(detail), page_count=page_count, fetch=fetch
        )

    @release.autocomplete("title_or_id")
    async def release_title(
        self, _interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return render.choices(self.bot.lookup.release_choices(current))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(ReleaseCog(bot))
