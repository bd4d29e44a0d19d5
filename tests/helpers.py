"""Autospecced stand-ins for discord.py objects, for calling command callbacks directly.

Each mock is built from the real discord.py class with ``spec_set``, so a misspelt or
removed attribute raises ``AttributeError`` and a wrong keyword raises ``TypeError``
instead of passing silently; coroutine methods become ``AsyncMock`` on their own.
The factories are named like the classes they imitate. For the whole path (tree,
checks, views, real payloads) use ``bot.offline.OfflineRunner`` instead.
"""

from __future__ import annotations

import functools
import inspect
import itertools
from collections.abc import Callable
from typing import Any
from unittest.mock import create_autospec

import aiohttp
import discord
from discord.ext import commands
from discord.gateway import DiscordWebSocket, KeepAliveHandler

from bot.offline import APPLICATION_ID, MEMBER_PERMISSIONS

_ids = itertools.count(700_000_000_000_000_001)


class FakeTime:
    """A clock that only moves when someone sleeps: pass ``clock`` and ``sleep`` where the
    code under test takes them, then check what it waited for in ``sleeps``."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@functools.cache
def _bot_instance() -> commands.Bot:
    """A real, never-started Bot: instance attributes such as ``tree`` only exist on one."""
    return commands.Bot(command_prefix=commands.when_mentioned, intents=discord.Intents.default())


def _autospec(spec: Any, attrs: dict[str, Any]) -> Any:
    mock = create_autospec(spec, instance=isinstance(spec, type), spec_set=True)
    for name, value in attrs.items():
        setattr(mock, name, value)
    return mock


def MockUser(**attrs: Any) -> Any:
    """A ``discord.User`` (someone outside a guild, e.g. in DMs)."""
    user_id = attrs.pop("id", next(_ids))
    defaults = {"id": user_id, "name": "tester", "display_name": "tester", "bot": False}
    return _autospec(discord.User, defaults | {"mention": f"<@{user_id}>"} | attrs)


def MockMember(*, administrator: bool = False, **attrs: Any) -> Any:
    """A ``discord.Member`` whose ``guild_permissions`` are an admin's or an ordinary member's."""
    user_id = attrs.pop("id", next(_ids))
    permissions = discord.Permissions.all() if administrator else MEMBER_PERMISSIONS
    defaults = {
        "id": user_id,
        "name": "tester",
        "display_name": "tester",
        "mention": f"<@{user_id}>",
        "bot": False,
        "roles": [],
        "guild_permissions": permissions,
    }
    return _autospec(discord.Member, defaults | attrs)


def MockGuild(**attrs: Any) -> Any:
    return _autospec(discord.Guild, {"id": next(_ids), "name": "Test guild"} | attrs)


def MockTextChannel(**attrs: Any) -> Any:
    channel_id = attrs.pop("id", next(_ids))
    defaults = {"id": channel_id, "name": "general", "mention": f"<#{channel_id}>"}
    return _autospec(discord.TextChannel, defaults | attrs)


def MockBot(**attrs: Any) -> Any:
    """A ``commands.Bot``; ``bot.tree`` is an autospec of a real ``CommandTree``."""
    me = _autospec(discord.ClientUser, {"id": APPLICATION_ID, "name": "newsbot", "bot": True})
    return _autospec(_bot_instance(), {"user": me, "application_id": APPLICATION_ID} | attrs)


def _built_on_first_use(mock: Any, **factories: Callable[[], Any]) -> None:
    """Give ``mock`` attributes that ``factories`` build on first read (assigning one
    replaces it).

    Autospeccing a large discord.py class (``Guild``, ``Bot``, ``Webhook``) is most of what
    a mock costs, and most tests never read most of them. Every mock has a class of its
    own, so the properties set here belong to this one mock.
    """
    built: dict[str, Any] = {}

    def attribute(name: str, factory: Callable[[], Any]) -> property:
        def get(_: Any) -> Any:
            if name not in built:
                built[name] = factory()
            return built[name]

        def put(_: Any, value: Any) -> None:
            built[name] = value

        return property(get, put)

    for name, factory in factories.items():
        setattr(type(mock), name, attribute(name, factory))


def MockInteraction(**attrs: Any) -> Any:
    """A slash-command ``discord.Interaction`` from an ordinary member in a guild channel.

    ``response`` autospecs ``InteractionResponse`` (its ``is_done()`` turns true once a
    response method was awaited), ``followup`` autospecs ``Webhook``. The guild, channel,
    client and followup not given are built when first read.
    """
    user = attrs.pop("user", None) or MockMember()
    guild = attrs.pop("guild", None)
    channel = attrs.pop("channel", None)
    guild_id = guild.id if guild is not None else next(_ids)
    channel_id = channel.id if channel is not None else next(_ids)
    response = _autospec(discord.InteractionResponse, {"type": None})
    answered = (response.send_message, response.defer, response.edit_message, response.send_modal)
    response.is_done.side_effect = lambda: any(method.await_count for method in answered)
    defaults = {
        "id": next(_ids),
        "type": discord.InteractionType.application_command,
        "user": user,
        "guild_id": guild_id,
        "channel_id": channel_id,
        "response": response,
        "permissions": getattr(user, "guild_permissions", discord.Permissions.none()),
        "app_permissions": MEMBER_PERMISSIONS,
        "locale": discord.Locale.american_english,
        "extras": {},
        "command_failed": False,
    }
    given = {"guild": guild, "channel": channel} | attrs
    interaction = _autospec(
        discord.Interaction,
        defaults | {name: value for name, value in given.items() if value is not None},
    )
    lazy = {
        "guild": lambda: MockGuild(id=guild_id),
        "channel": lambda: MockTextChannel(id=channel_id, guild=interaction.guild),
        "client": MockBot,
        "followup": lambda: _autospec(discord.Webhook, {}),
    }
    _built_on_first_use(
        interaction, **{name: make for name, make in lazy.items() if given.get(name) is None}
    )
    return interaction


def MockResponse(status: int, *, reason: str = "", headers: dict[str, str] | None = None) -> Any:
    """An ``aiohttp.ClientResponse``: what discord.py's HTTP errors are built from."""
    return _autospec(
        aiohttp.ClientResponse, {"status": status, "reason": reason, "headers": headers or {}}
    )


def http_error(
    status: int, message: Any = "", *, reason: str = "", headers: dict[str, str] | None = None
) -> discord.HTTPException:
    """The error discord.py raises for an answer with ``status`` (``message`` as its body)."""
    kind = {403: discord.Forbidden, 404: discord.NotFound}.get(status, discord.HTTPException)
    if status >= 500:
        kind = discord.DiscordServerError
    return kind(MockResponse(status, reason=reason, headers=headers), message)


def MockGateway(
    *, interval: float | None = None, last_send: float = 0.0, last_ack: float = 0.0
) -> Any:
    """A connected ``DiscordWebSocket`` with discord.py's real heartbeat thread (not started),
    which last sent a heartbeat at ``last_send`` and saw it acknowledged at ``last_ack``."""
    gateway = create_autospec(DiscordWebSocket, instance=True)
    gateway.thread_id = 0
    gateway._max_heartbeat_timeout = 60.0
    keep_alive = KeepAliveHandler(ws=gateway, interval=interval)
    for name, value in (("_last_send", last_send), ("_last_ack", last_ack)):
        if not hasattr(keep_alive, name):  # discord.py renamed what the zombie check reads
            raise AttributeError(f"KeepAliveHandler has no {name}")
        setattr(keep_alive, name, value)
    gateway._keep_alive = keep_alive
    return gateway


def sent_kwargs(interaction: Any) -> dict[str, Any]:
    """Every argument of the one message sent via ``send_message`` or ``followup.send``.

    Positional ``content`` comes back by name; raises ``AssertionError`` unless exactly
    one message was sent.
    """
    sends = [
        (function, call)
        for function, mock in (
            (discord.InteractionResponse.send_message, interaction.response.send_message),
            (discord.Webhook.send, interaction.followup.send),
        )
        for call in mock.await_args_list
    ]
    if len(sends) != 1:
        raise AssertionError(f"expected exactly one message to be sent, got {len(sends)}")
    function, call = sends[0]
    bound = inspect.signature(function).bind(None, *call.args, **call.kwargs)
    return {name: value for name, value in bound.arguments.items() if name != "self"}


def sent_embed(interaction: Any) -> discord.Embed | None:
    """The first embed of the one message sent (see ``sent_kwargs``)."""
    kwargs = sent_kwargs(interaction)
    return kwargs.get("embed") or next(iter(kwargs.get("embeds") or ()), None)
