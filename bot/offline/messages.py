"""Messages as the fake Discord holds them: created, edited by a request body the way
Discord applies it, and searched for their components."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import discord

from bot.offline.world import snowflake

EPHEMERAL = 1 << 6
LOADING = 1 << 7
CHAT_INPUT_REPLY = 20  # message type of an interaction response
DEFAULT_MESSAGE = 0  # message type of a plain channel message


def walk_components(components: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """Every component, including those nested in rows, sections and containers."""
    for component in components:
        yield component
        yield from walk_components(component.get("components", []))
        if "accessory" in component:
            yield from walk_components([component["accessory"]])


def find_component(message: Mapping[str, Any], custom_id: str) -> Mapping[str, Any] | None:
    """The component a press of ``custom_id`` would reach on ``message``, if it is still there."""
    components = message.get("components", [])
    return next((c for c in walk_components(components) if c.get("custom_id") == custom_id), None)


def new_message(
    author: dict[str, Any], channel_id: int | str, guild_id: int | str | None, kind: int
) -> dict[str, Any]:
    """An empty message of type ``kind`` with every field discord.py reads when parsing it."""
    message: dict[str, Any] = {
        "id": str(snowflake()),
        "channel_id": str(channel_id),
        "author": author,
        "content": "",
        "embeds": [],
        "components": [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "type": kind,
        "flags": 0,
        "timestamp": discord.utils.utcnow().isoformat(),
        "edited_timestamp": None,
    }
    if kind == CHAT_INPUT_REPLY:
        message["webhook_id"] = message["application_id"] = author["id"]
    if guild_id is not None:
        message["guild_id"] = str(guild_id)
    return message


def _attachment(item: Mapping[str, Any]) -> dict[str, Any]:
    """Discord's view of a sent attachment: new uploads (ids are upload indexes) get an id."""
    url = f"https://offline.invalid/{item.get('filename', 'file')}"
    is_upload = int(item["id"]) < 1 << 22
    new_id = snowflake() if is_upload else item["id"]
    return {"size": 0, "url": url, "proxy_url": url, "filename": "file", **item, "id": str(new_id)}


def apply_body(message: dict[str, Any], body: Mapping[str, Any] | None) -> None:
    """Apply a create/edit body the way Discord does: sent fields replace, ``null`` clears.

    Any write also ends a deferred reply's "thinking..." state; ephemerality never changes.
    """
    body = body or {}
    kept = message["flags"] & ~LOADING
    message["flags"] = (kept & EPHEMERAL) | (body["flags"] or 0) if "flags" in body else kept
    for key, empty in (("content", ""), ("embeds", []), ("components", []), ("tts", False)):
        if key in body:
            message[key] = empty if body[key] is None else body[key]
    if "attachments" in body:
        message["attachments"] = [_attachment(item) for item in body["attachments"] or []]
