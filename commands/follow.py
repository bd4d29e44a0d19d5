"""/follow, /unfollow, /following: a company's new releases posted in a channel after each load.

The cog is the Discord side only: who may subscribe which channel, and turning a post
into a channel message. What to post is ``bot.delivery_plan``, how fast ``bot.delivery``;
the tables are ``bot.store.subscriptions`` and ``bot.store.deliveries``. Rounds run from
``NewsBot.after_load``.
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
from bot.delivery import ChannelGone, Deliverer, PostDeferred
from bot.delivery_plan import Post, plan
from bot.follow_keywords import describe_keywords, parse_keywords, wanted
from bot.lookup import BadQuery, Choice, NotFound, normalise_name
from bot.store import DeliveryStore, Subscription, SubscriptionStore
from bot.transient import transient_reason
from commands._company import Company
from commands._follow_channel import (
    POSTING,
    ChannelOption,
    bot_permissions_in,
    guild_id_of,
    require_manager,
    target_channel,
)

log = logging.getLogger(__name__)

BACKFILL_MAX = 10
# A backfill with keywords looks for matches among this many of the newest releases.
BACKFILL_SCAN = 200


class FollowCog(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.subscriptions = SubscriptionStore(bot.store)
        self.deliveries = DeliveryStore(bot.store)
        self.deliverer = Deliverer(bot.store, self._post)

    async def cog_load(self) -> None:
        self.bot.data_hooks.append(self.deliverer.deliver_if_due)

    async def cog_unload(self) -> None:
        self.bot.data_hooks.remove(self.deliverer.deliver_if_due)
        self.deliverer.close()

    async def _post(self, post: Post) -> None:
        """One release as one channel message, with its post's nonce (discord.py then asks
        Discord to enforce it). A channel gone for good and a passing failure say so."""
        channel = self.bot.get_partial_messageable(post.channel_id, guild_id=post.guild_id)
        try:
            await channel.send(
                embed=render.followed_release_embed(post.release),
                allowed_mentions=render.NO_MENTIONS,
                nonce=post.nonce,
            )
        except discord.NotFound as exc:
            raise ChannelGone("the channel no longer exists") from exc
        except discord.Forbidden as exc:
            raise ChannelGone(
                "the bot may not post there (it needs View Channel, Send Messages and Embed Links)"
            ) from exc
        except Exception as exc:
            reason = transient_reason(exc)
            if reason is None:
                raise
            raise PostDeferred(reason) from exc

    # /follow ---------------------------------------------------------------------------
    @app_commands.command(
        name="follow", description="Post a company's new releases in a channel after each load"
    )
    @app_commands.describe(
        company="The company to follow",
        channel="Where to post (default: this channel)",
        keywords='Only releases mentioning all of these, e.g. "phase III" approval',
        backfill=f"Also post its latest releases now (up to {BACKFILL_MAX})",
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def follow(
        self,
        interaction: discord.Interaction[Any],
        company: Company,
        channel: ChannelOption | None = None,
        keywords: app_commands.Range[str, 1, 200] | None = None,
        backfill: app_commands.Range[int, 0, BACKFILL_MAX] = 0,
    ) -> None:
        guild_id = guild_id_of(interaction)
        channel_id, member_permissions = target_channel(interaction, channel)
        require_manager(interaction, member_permissions)
        bot_permissions = bot_permissions_in(interaction, channel)
        if bot_permissions is not None and not bot_permissions >= POSTING:
            raise BadQuery(
                f"I cannot post in <#{channel_id}>: give me View Channel, Send Messages and "
                "Embed Links there, then try again."
            )
        keywords_text = describe_keywords(parse_keywords(keywords)) if keywords else ""
        subscription, created = await asyncio.to_thread(
            self.subscriptions.follow,
            guild_id=guild_id,
            channel_id=channel_id,
            company=company,
            keywords=keywords_text,
            user_id=interaction.user.id,
        )
        posts = await asyncio.to_thread(self._backfill, subscription, backfill) if backfill else []
        log.info(
            "user %s follows %s in channel %s (backfill %d)",
            interaction.user.id,
            company,
            channel_id,
            len(posts),
        )
        await send(
            interaction,
            embed=render.followed_embed(subscription, renewed=not created, backfill=len(posts)),
            ephemeral=True,
        )
        if posts:
            await self.deliverer.deliver(posts)

    def _backfill(self, subscription: Subscription, count: int) -> list[Post]:
        """The latest ``count`` releases the subscription would have wanted, oldest first."""
        latest = self.deliveries.latest(subscription.company_name, BACKFILL_SCAN)
        return plan(wanted(self.bot.store, [(subscription, release) for release in latest])[:count])

    # /unfollow -------------------------------------------------------------------------
    @app_commands.command(name="unfollow", description="Stop posting a company's releases")
    @app_commands.describe(
        company="The company to stop following",
        channel="Which channel (default: this one, or the only one following it)",
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def unfollow(
        self,
        interaction: discord.Interaction[Any],
        company: app_commands.Range[str, 1, 100],
        channel: ChannelOption | None = None,
    ) -> None:
        guild_id = guild_id_of(interaction)
        channel_id, member_permissions = target_channel(interaction, channel)
        require_manager(interaction, member_permissions)
        followed = await asyncio.to_thread(self.subscriptions.for_guild, guild_id)
        subscription = await self._pick(followed, company, channel_id, named=channel is not None)
        if subscription.channel_id != channel_id:
            # Only Manage Server reaches a channel other than the one permissions were checked in.
            require_manager(interaction, discord.Permissions.none())
        await asyncio.to_thread(self.subscriptions.remove, subscription.id)
        log.info(
            "user %s unfollowed %s in channel %s",
            interaction.user.id,
            subscription.company_name,
            subscription.channel_id,
        )
        await send(interaction, embed=render.unfollowed_embed(subscription), ephemeral=True)

    async def _pick(
        self, followed: list[Subscription], company: str, channel_id: int, *, named: bool
    ) -> Subscription:
        """The subscription meant: by the company's stored name first (it may no longer be
        in the data), then by the usual fuzzy match; in the given channel, else this one,
        else the only channel following it (a deleted channel cannot be picked)."""
        key = normalise_name(company)
        name = next((s.company_name for s in followed if normalise_name(s.company_name) == key), "")
        if not name:
            name = (await self.bot.query(self.bot.lookup.resolve_company, company)).name
        candidates = [s for s in followed if s.company_name == name]
        chosen = [s for s in candidates if s.channel_id == channel_id]
        if not chosen and not named:
            chosen = candidates
        if not chosen:
            where = f"<#{channel_id}>" if named else "this server"
            raise NotFound(
                f"{name} is not followed in {where}.", sorted({s.company_name for s in followed})
            )
        if len(chosen) > 1:
            places = ", ".join(f"<#{s.channel_id}>" for s in chosen)
            raise BadQuery(f"{name} is followed in {places}: pick one with the channel option.")
        return chosen[0]

    @unfollow.autocomplete("company")
    async def unfollow_company(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """The companies this server follows, not every company."""
        if interaction.guild_id is None:
            return []
        followed = await asyncio.to_thread(self.subscriptions.for_guild, interaction.guild_id)
        typed = normalise_name(current)
        names = sorted({s.company_name for s in followed})
        return render.choices([Choice(n, n) for n in names if typed in normalise_name(n)])

    # /following ------------------------------------------------------------------------
    @app_commands.command(name="following", description="What this server follows, and where")
    @app_commands.guild_only()
    async def following(self, interaction: discord.Interaction[Any]) -> None:
        guild_id = guild_id_of(interaction)
        followed = await asyncio.to_thread(self.subscriptions.for_guild, guild_id)
        undelivered = await asyncio.to_thread(self.deliveries.undelivered, guild_id)
        await send(interaction, embed=render.following_embed(followed, undelivered), ephemeral=True)

    # Server and channel lifecycle -----------------------------------------------------
    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        removed = await asyncio.to_thread(self.subscriptions.remove_guild, guild.id)
        log.info("left guild %s: removed %d subscriptions", guild.id, removed)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await asyncio.to_thread(
            self.subscriptions.mark_broken, channel.id, "the channel was deleted"
        )


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(FollowCog(bot))
