"""The channel a follow command means, and who may change what that channel follows."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.enums import AppCommandOptionType, ChannelType

log = logging.getLogger(__name__)

# What the bot needs in a channel to post embeds there.
POSTING = discord.Permissions(view_channel=True, send_messages=True, embed_links=True)


class PostableChannel(app_commands.Transformer):
    """A text or announcement channel, as Discord resolved it in the interaction.

    The resolved form carries the member's permissions in that channel and needs no
    cache, which a bot that just started (or the offline runner) does not have yet.
    """

    @property
    def type(self) -> AppCommandOptionType:
        return AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[ChannelType]:
        return [ChannelType.text, ChannelType.news]

    async def transform(
        self, interaction: discord.Interaction[Any], value: Any, /
    ) -> app_commands.AppCommandChannel:
        if not isinstance(value, app_commands.AppCommandChannel):
            raise app_commands.TransformerError(value, self.type, self)
        return value


ChannelOption = app_commands.Transform[app_commands.AppCommandChannel, PostableChannel]


def guild_id_of(interaction: discord.Interaction[Any]) -> int:
    """The server asked in: subscriptions belong to a server's channels, a DM has none."""
    if interaction.guild_id is None:
        raise app_commands.CheckFailure("Following works in a server's channels, not here.")
    return interaction.guild_id


def target_channel(
    interaction: discord.Interaction[Any], channel: app_commands.AppCommandChannel | None
) -> tuple[int, discord.Permissions]:
    """The channel meant (the option, else this one) and the member's permissions there."""
    if channel is not None:
        return channel.id, channel.permissions
    assert interaction.channel_id is not None
    return interaction.channel_id, interaction.permissions


def require_manager(
    interaction: discord.Interaction[Any], channel_permissions: discord.Permissions
) -> None:
    """Manage Server anywhere, or Manage Channels in the channel concerned.

    Checked at run time because server admins can override the default permissions.
    """
    if interaction.permissions.manage_guild or channel_permissions.manage_channels:
        return
    log.warning(
        "refused a follow change from user %s in guild %s",
        interaction.user.id,
        interaction.guild_id,
    )
    raise app_commands.CheckFailure(
        "Changing what a channel follows needs Manage Server, or Manage Channels in that channel."
    )


def bot_permissions_in(
    interaction: discord.Interaction[Any], channel: app_commands.AppCommandChannel | None
) -> discord.Permissions | None:
    """The bot's permissions in the target channel, or None when they cannot be known yet."""
    if channel is None or channel.id == interaction.channel_id:
        return interaction.app_permissions
    resolved = channel.resolve()
    guild = interaction.guild
    if resolved is None or guild is None or guild.me is None:
        return None
    return resolved.permissions_for(guild.me)
