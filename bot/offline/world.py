"""The offline world: the application, guild, channel and users an interaction comes
from, their permissions, and the snowflake ids Discord would give new objects."""

from __future__ import annotations

import itertools
from typing import Any

import discord

APPLICATION_ID = 400_000_000_000_000_004
DEFAULT_USER_ID = 100_000_000_000_000_001
DEFAULT_GUILD_ID = 200_000_000_000_000_002
DEFAULT_CHANNEL_ID = 300_000_000_000_000_003
ADMIN_ROLE_ID = 500_000_000_000_000_005
GUILD_OWNER_ID = 600_000_000_000_000_006

# What an ordinary member (and the bot) may do in the channel; admins get everything.
MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_external_emojis=True,
    use_application_commands=True,
)


_ids = itertools.count(1)


def snowflake() -> int:
    """Unique, time-ordered ids so messages and interactions sort like real ones."""
    return discord.utils.time_snowflake(discord.utils.utcnow()) | (next(_ids) % (1 << 22))


def user_json(user_id: int, *, name: str = "tester", bot: bool = False) -> dict[str, Any]:
    """A user object as Discord sends it (the bot itself included)."""
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
    }


def guild_json(guild_id: int) -> dict[str, Any]:
    """A guild with an @everyone role and an admin role, so ``guild_permissions`` resolve."""
    role = {"color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}
    return {
        "id": str(guild_id),
        "name": "Offline guild",
        "owner_id": str(GUILD_OWNER_ID),
        "roles": [
            role
            | {
                "id": str(guild_id),
                "name": "@everyone",
                "position": 0,
                "permissions": str(MEMBER_PERMISSIONS.value),
            },
            role | {"id": str(ADMIN_ROLE_ID), "name": "Admin", "position": 1, "permissions": "8"},
        ],
    }
