"""The mocks are strict enough to catch typos and wrong calls."""

from __future__ import annotations

import asyncio
import inspect

import discord
import pytest
from discord import app_commands
from discord.gateway import KeepAliveHandler

from tests.helpers import (
    MockBot,
    MockGateway,
    MockGuild,
    MockInteraction,
    MockMember,
    MockResponse,
    MockTextChannel,
    MockUser,
    http_error,
    sent_embed,
    sent_kwargs,
)


@app_commands.command(description="Admins see more")
async def whoami(interaction: discord.Interaction) -> None:
    """A callback written against the real API, called directly with mocks."""
    admin = interaction.user.guild_permissions.administrator  # type: ignore[union-attr]
    embed = discord.Embed(title="admin" if admin else "member")
    await interaction.response.send_message(f"hi {interaction.user.mention}", embed=embed)


def test_misspelt_attributes_raise() -> None:
    interaction = MockInteraction()

    with pytest.raises(AttributeError):
        _ = interaction.respons
    with pytest.raises(AttributeError):
        _ = interaction.response.send_mesage
    with pytest.raises(AttributeError):
        interaction.usr = MockUser()
    with pytest.raises(AttributeError):
        _ = MockMember().guild_permission
    with pytest.raises(AttributeError):
        _ = MockBot().tree.add_comand


def test_responses_are_awaitable_and_signature_checked() -> None:
    interaction = MockInteraction()

    assert inspect.iscoroutinefunction(interaction.response.send_message)
    assert not interaction.response.is_done()
    asyncio.run(interaction.response.send_message("hi", ephemeral=True))
    assert interaction.response.is_done()
    interaction.response.send_message.assert_awaited_once_with("hi", ephemeral=True)
    with pytest.raises(TypeError):
        asyncio.run(interaction.response.send_message("hi", ephemral=True))
    asyncio.run(interaction.edit_original_response(content="edited"))
    asyncio.run(interaction.followup.send("more"))
    interaction.edit_original_response.assert_awaited_once_with(content="edited")


def test_calling_a_command_callback_directly() -> None:
    member, admin = MockInteraction(), MockInteraction(user=MockMember(administrator=True, id=7))

    asyncio.run(whoami.callback(member))
    asyncio.run(whoami.callback(admin))

    assert sent_kwargs(admin)["content"] == "hi <@7>"
    assert [sent_embed(i).title for i in (member, admin)] == ["member", "admin"]  # type: ignore[union-attr]


def test_sent_kwargs_needs_exactly_one_message() -> None:
    interaction = MockInteraction()
    with pytest.raises(AssertionError, match="got 0"):
        sent_kwargs(interaction)

    asyncio.run(interaction.response.defer())
    asyncio.run(interaction.followup.send(embeds=[discord.Embed(title="x")], ephemeral=True))

    assert sent_kwargs(interaction) == {"embeds": [discord.Embed(title="x")], "ephemeral": True}


def test_defaults_hang_together() -> None:
    guild = MockGuild(name="Pharma news")
    interaction = MockInteraction(guild=guild, channel=MockTextChannel(guild=guild))

    assert interaction.guild_id == guild.id and interaction.channel.guild is guild
    assert interaction.channel_id == interaction.channel.id
    assert not interaction.permissions.administrator
    assert isinstance(interaction.client.user.id, int) and interaction.client.user.bot
    assert inspect.iscoroutinefunction(interaction.channel.send)
    assert MockInteraction(user=MockUser()).permissions == discord.Permissions.none()


def test_parts_built_on_first_use_hang_together_and_can_be_replaced() -> None:
    interaction = MockInteraction()

    assert interaction.guild.id == interaction.guild_id
    assert interaction.channel.id == interaction.channel_id
    assert interaction.channel.guild is interaction.guild
    assert interaction.client is interaction.client
    with pytest.raises(AttributeError):
        _ = interaction.guild.nam
    other = MockTextChannel()
    interaction.channel = other
    assert interaction.channel is other


def test_http_errors_are_discord_pys_own_built_on_a_strict_response() -> None:
    error = http_error(429, "slow down", headers={"Retry-After": "3"})
    assert type(error) is discord.HTTPException and error.status == 429
    assert error.response.headers["Retry-After"] == "3"
    assert isinstance(http_error(403), discord.Forbidden)
    assert isinstance(http_error(503), discord.DiscordServerError)
    with pytest.raises(AttributeError):
        _ = MockResponse(200).statuss


def test_the_gateway_carries_discord_pys_real_heartbeat_thread() -> None:
    gateway = MockGateway(interval=41.25, last_send=2.0, last_ack=1.0)
    assert isinstance(gateway._keep_alive, KeepAliveHandler)
    assert not gateway._keep_alive.is_alive()
    assert (gateway._keep_alive._last_send, gateway._keep_alive._last_ack) == (2.0, 1.0)
