"""Gateway-shaped INTERACTION_CREATE payloads: slash commands, autocomplete and component
presses, built as Discord would send them."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import discord

from bot.offline.messages import CHAT_INPUT_REPLY, new_message
from bot.offline.world import (
    ADMIN_ROLE_ID,
    APPLICATION_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_USER_ID,
    MEMBER_PERMISSIONS,
    snowflake,
    user_json,
)

_OPTION_TYPES: tuple[tuple[type, int], ...] = ((bool, 5), (int, 4), (float, 10), (str, 3))


def _option(name: str, value: Any, *, focused: bool = False) -> dict[str, Any]:
    """One filled option; Discord's option type follows from the Python value's type."""
    kind = next((code for py_type, code in _OPTION_TYPES if isinstance(value, py_type)), None)
    if kind is None:
        raise TypeError(f"option {name!r}: use str, int, float or bool, not {type(value).__name__}")
    return {"name": name, "type": kind, "value": value} | ({"focused": True} if focused else {})


def _nest(options: list[dict[str, Any]], subcommand: str | None) -> list[dict[str, Any]]:
    """Wrap options the way Discord nests them under ``group sub`` / ``sub``."""
    if subcommand is None:
        return options
    *groups, leaf = subcommand.split()
    nested = [{"type": 1, "name": leaf, "options": options}]
    for group in reversed(groups):
        nested = [{"type": 2, "name": group, "options": nested}]
    return nested


def _interaction(
    kind: int,
    data: dict[str, Any],
    *,
    user_id: int,
    administrator: bool,
    guild_id: int | None,
    channel_id: int,
    locale: str,
) -> dict[str, Any]:
    """The INTERACTION_CREATE fields every interaction type shares."""
    interaction_id = snowflake()
    user = user_json(user_id)
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "data": data,
        "token": f"offline{interaction_id}",
        "version": 1,
        "channel_id": str(channel_id),
        "locale": locale,
        "app_permissions": str(MEMBER_PERMISSIONS.value),
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if guild_id is None:
        return payload | {
            "user": user,
            "context": 1,
            "authorizing_integration_owners": {"0": "0"},
            "channel": {"id": str(channel_id), "type": 1, "recipients": [user]},
        }
    permissions = discord.Permissions.all() if administrator else MEMBER_PERMISSIONS
    return payload | {
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "guild_locale": "en-US",
        "context": 0,
        "authorizing_integration_owners": {"0": str(guild_id)},
        "channel": {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
            "name": "general",
            "position": 0,
            "nsfw": False,
            "parent_id": None,
            "permission_overwrites": [],
        },
        "member": {
            "user": user,
            "roles": [str(ADMIN_ROLE_ID)] if administrator else [],
            "permissions": str(permissions.value),
            "joined_at": "2024-01-01T00:00:00+00:00",
            "nick": None,
            "avatar": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "premium_since": None,
            "communication_disabled_until": None,
        },
    }


def command_payload(
    name: str,
    options: Mapping[str, Any] | None = None,
    *,
    user_id: int = DEFAULT_USER_ID,
    administrator: bool = False,
    guild_id: int | None = DEFAULT_GUILD_ID,
    channel_id: int = DEFAULT_CHANNEL_ID,
    locale: str = "en-US",
    subcommand: str | None = None,
) -> dict[str, Any]:
    """A slash command invocation (type 2); option types follow the Python value types.

    ``guild_id=None`` builds a DM invocation; ``subcommand`` may be ``"sub"`` or ``"group sub"``.
    """
    opts = [_option(key, value) for key, value in (options or {}).items()]
    data = {"id": str(snowflake()), "name": name, "type": 1, "options": _nest(opts, subcommand)}
    return _interaction(
        2,
        data,
        user_id=user_id,
        administrator=administrator,
        guild_id=guild_id,
        channel_id=channel_id,
        locale=locale,
    )


def autocomplete_payload(
    name: str,
    option: str,
    value: str,
    other_options: Mapping[str, Any] | None = None,
    *,
    user_id: int = DEFAULT_USER_ID,
    administrator: bool = False,
    guild_id: int | None = DEFAULT_GUILD_ID,
    channel_id: int = DEFAULT_CHANNEL_ID,
    locale: str = "en-US",
    subcommand: str | None = None,
) -> dict[str, Any]:
    """The user is typing ``value`` into ``option`` (type 4); other options are already filled."""
    payload = command_payload(
        name,
        other_options,
        user_id=user_id,
        administrator=administrator,
        guild_id=guild_id,
        channel_id=channel_id,
        locale=locale,
    )
    opts = [*payload["data"]["options"], _option(option, value, focused=True)]
    payload["data"]["options"] = _nest(opts, subcommand)
    payload["type"] = 4
    return payload


def component_payload(
    custom_id: str,
    *,
    message_id: int,
    message: Mapping[str, Any] | None = None,
    component_type: int = 2,
    values: Sequence[str] | None = None,
    user_id: int = DEFAULT_USER_ID,
    administrator: bool = False,
    guild_id: int | None = DEFAULT_GUILD_ID,
    channel_id: int = DEFAULT_CHANNEL_ID,
    locale: str = "en-US",
) -> dict[str, Any]:
    """A button press (type 3) on ``message_id``; pass ``values`` for a select menu.

    ``message`` is the message object the component sits on; a bare stub is used if omitted.
    """
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = list(values)
    payload = _interaction(
        3,
        data,
        user_id=user_id,
        administrator=administrator,
        guild_id=guild_id,
        channel_id=channel_id,
        locale=locale,
    )
    if message is None:
        author = user_json(APPLICATION_ID, name="newsbot", bot=True)
        message = new_message(author, channel_id, guild_id, CHAT_INPUT_REPLY)
    payload["message"] = {**copy.deepcopy(dict(message)), "id": str(message_id)}
    return payload
