"""/feed add|remove|list: admins choose the feeds newsbot polls; the poller does the rest.

The cog is the Discord side only. Feeds and their state are ``bot.store.feeds``; how
a feed is doing, in words, is ``bot.sources.health``; polling is ``bot.sources.poller``.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NewsBot, send
from bot.lookup import BadQuery, NotFound
from bot.sources.config import is_feed_url
from bot.sources.health import feed_line
from bot.store import FEED_URL_LENGTH, FeedExists, FeedStore, utc_now
from commands._company import KnownOrNewCompany
from commands.admin import admin_only

log = logging.getLogger(__name__)

AUTOCOMPLETE_SHOWN = 25


@app_commands.default_permissions(administrator=True)
class FeedCog(commands.GroupCog, group_name="feed", group_description="Admins: feeds to poll"):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.feeds = FeedStore(bot.store)
        # Addresses for /feed remove's autocomplete: kept here, not queried per keystroke.
        self.known_urls: list[str] = []

    async def cog_load(self) -> None:
        await self._refresh_urls()

    async def _refresh_urls(self) -> None:
        self.known_urls = [feed.url for feed in await asyncio.to_thread(self.feeds.feeds)]

    @app_commands.command(name="add", description="Admins: poll an RSS/Atom feed or newsroom page")
    @app_commands.describe(
        url="The feed's or newsroom listing page's address (http or https)",
        company="The company its releases are about (default: read from each page)",
    )
    @app_commands.check(admin_only)
    async def add(
        self,
        interaction: discord.Interaction[Any],
        url: app_commands.Range[str, 1, FEED_URL_LENGTH],
        company: KnownOrNewCompany | None = None,
    ) -> None:
        url = url.strip()
        if not is_feed_url(url):
            raise BadQuery("Give the feed's full address, starting with http:// or https://.")
        try:
            feed = await asyncio.to_thread(
                self.feeds.add, url, company, user_id=interaction.user.id
            )
        except FeedExists:
            raise BadQuery("That feed is polled already: see /feed list.") from None
        log.info("user %s added feed %s (%s)", interaction.user.id, url, company)
        await self._refresh_urls()
        note = "It is polled within a minute; new releases then arrive by themselves."
        embed = render.feed_changed_embed("Feed added", feed_line(feed, utc_now()), note)
        await send(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="remove", description="Admins: stop polling a feed")
    @app_commands.describe(url="The feed's address, as /feed list shows it")
    @app_commands.check(admin_only)
    async def remove(
        self,
        interaction: discord.Interaction[Any],
        url: app_commands.Range[str, 1, FEED_URL_LENGTH],
    ) -> None:
        listed = {feed.url: feed for feed in await asyncio.to_thread(self.feeds.feeds)}
        feed = listed.get(url.strip())
        if feed is None:
            raise NotFound("No feed has that address.", suggestions=self._matching(url)[:5])
        if feed.from_file:
            raise BadQuery("That feed is listed in feeds.toml: remove it there.")
        await asyncio.to_thread(self.feeds.remove, feed.url)
        log.info("user %s removed feed %s", interaction.user.id, feed.url)
        await self._refresh_urls()
        note = "Its releases stay; no new ones will come from it."
        embed = render.feed_changed_embed("Feed removed", feed_line(feed, utc_now()), note)
        await send(interaction, embed=embed, ephemeral=True)

    @remove.autocomplete("url")
    async def _url_choices(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=url[:100], value=url)
            for url in self._matching(current)[:AUTOCOMPLETE_SHOWN]
            if len(url) <= 100  # Discord's limit for a choice's value
        ]

    @app_commands.command(name="list", description="Admins: the feeds polled and how each is doing")
    @app_commands.check(admin_only)
    async def list_feeds(self, interaction: discord.Interaction[Any]) -> None:
        feeds = await asyncio.to_thread(self.feeds.feeds)
        now = utc_now()
        embed = render.feeds_embed([feed_line(feed, now) for feed in feeds])
        await send(interaction, embed=embed, ephemeral=True)

    def _matching(self, text: str) -> list[str]:
        folded = text.strip().casefold()
        return [url for url in self.known_urls if folded in url.casefold()]


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(FeedCog(bot))
