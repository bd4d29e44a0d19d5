"""Feeding interactions to a bot that never logs in, and capturing what it sends back."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.http import Route
from discord.webhook.async_ import async_context

from bot.offline.capture import Capture, OfflineError, json_part
from bot.offline.messages import find_component
from bot.offline.payloads import component_payload
from bot.offline.result import OfflineResult
from bot.offline.world import (
    APPLICATION_ID,
    DEFAULT_USER_ID,
    guild_json,
    user_json,
)


class OfflineRunner:
    """Feeds interactions to a bot that never logs in and captures what it sends back."""

    def __init__(self, bot: discord.Client) -> None:
        """Give the connection state what READY would have filled in, and cut the network."""
        self.bot = bot
        self._state = bot._connection
        tree = self._state._command_tree
        if tree is None:
            raise ValueError("the bot has no app_commands.CommandTree to dispatch to")
        self._tree: app_commands.CommandTree = tree
        if self._state.application_id is None:
            self._state.application_id = APPLICATION_ID
        if self._state.user is None:
            data = user_json(self._state.application_id, name="newsbot", bot=True)
            self._state.user = discord.ClientUser(state=self._state, data=data)  # type: ignore[arg-type]
        self.author = user_json(self._state.user.id, name=self._state.user.name, bot=True)
        # Messages the fake Discord holds, by id, so edits and button presses see current state.
        self.messages: dict[int, dict[str, Any]] = {}
        bot.http.request = self._http_request  # type: ignore[method-assign]

    async def run(self, payload: Mapping[str, Any], *, timeout: float = 10.0) -> OfflineResult:
        """Dispatch like the gateway would and wait for the handler tasks to finish.

        Raises ``TimeoutError`` (after cancelling them) if they outlive ``timeout`` seconds,
        e.g. a command that awaits ``view.wait()``.
        """
        if self.bot.loop is not asyncio.get_running_loop():
            await self.bot._async_setup_hook()
        payload = self._prepare(payload)
        capture = Capture(self, payload)
        token = async_context.set(capture)
        try:
            before = asyncio.all_tasks()
            self._state.parse_interaction_create(payload)  # type: ignore[arg-type]
            handlers = asyncio.all_tasks() - before
        finally:
            async_context.reset(token)
        if handlers:
            done, pending = await asyncio.wait(handlers, timeout=timeout)
            for task in pending:
                task.cancel()
            if pending:
                raise TimeoutError(f"interaction handler still running after {timeout}s")
            errors = [e for t in done if not t.cancelled() and (e := t.exception()) is not None]
            if errors:
                raise errors[0]
        return OfflineResult(capture.calls)

    async def press(
        self,
        result: OfflineResult,
        custom_id: str,
        *,
        user_id: int = DEFAULT_USER_ID,
        administrator: bool = False,
        values: Sequence[str] | None = None,
    ) -> OfflineResult:
        """Press the component ``custom_id`` on the newest message of ``result`` that has it.

        Raises ``LookupError`` if no such component exists (any more), or if nothing
        answered the press: no live stored view for that message, or its checks refused.
        """
        message_id = next(
            (
                int(call.message["id"])
                for call in reversed(result.calls)
                if call.message and find_component(call.message, custom_id) is not None
            ),
            None,
        )
        message = self.messages.get(message_id) if message_id is not None else None
        component = None if message is None else find_component(message, custom_id)
        if message_id is None or message is None or component is None:
            raise LookupError(
                f"no message from this result currently has a component {custom_id!r}"
            )
        payload = component_payload(
            custom_id,
            message_id=message_id,
            message=message,
            component_type=component["type"],
            values=values,
            user_id=user_id,
            administrator=administrator,
            guild_id=int(message["guild_id"]) if "guild_id" in message else None,
            channel_id=int(message["channel_id"]),
        )
        pressed = await self.run(payload)
        if not pressed.calls:
            raise LookupError(
                f"nothing answered {custom_id!r} on message {message_id}: no live view is stored "
                "for it (not sent with a view, stopped or timed out) or its checks refused"
            )
        return pressed

    async def background(self, work: Callable[[], Awaitable[object]]) -> OfflineResult:
        """Run ``work`` outside any interaction, as the bot's own tasks do (``/follow``
        deliveries), capturing what it sends instead of refusing it."""
        if self.bot.loop is not asyncio.get_running_loop():
            await self.bot._async_setup_hook()
        capture = Capture(self, {})
        token = async_context.set(capture)
        try:
            await work()
        finally:
            async_context.reset(token)
        return OfflineResult(capture.calls)

    def _prepare(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Copy the payload and fill in what the real gateway knows and builders cannot."""
        prepared = copy.deepcopy(dict(payload))
        prepared["application_id"] = str(self._state.application_id)
        guild_id = prepared.get("guild_id")
        if guild_id is None:
            return prepared
        if self.bot.get_guild(int(guild_id)) is None:
            self._state._add_guild(discord.Guild(data=guild_json(int(guild_id)), state=self._state))  # type: ignore[arg-type]
        data = prepared.get("data") or {}
        if prepared["type"] in (2, 4) and "guild_id" not in data:
            name, scope = data["name"], discord.Object(int(guild_id))
            if self._tree.get_command(name) is None and self._tree.get_command(name, guild=scope):
                data["guild_id"] = str(guild_id)  # Discord marks guild-scoped commands this way
        return prepared

    async def _http_request(
        self,
        route: Route,
        *,
        files: Sequence[discord.File] | None = None,
        form: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Replaces ``bot.http.request``: answer from the current capture, never the network."""
        capture = async_context.get()
        if not isinstance(capture, Capture):
            raise OfflineError(f"network access outside an offline run: {route.method} {route.url}")
        body = kwargs.get("json")
        return capture.answer(route, body if body is not None else json_part(form))
