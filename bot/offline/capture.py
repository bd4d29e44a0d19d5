"""The stand-in for discord.com during one interaction: records each request discord.py
tries to send and answers it with plausible Discord JSON."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import discord
from discord.http import Route
from discord.webhook.async_ import AsyncWebhookAdapter

from bot.offline.messages import (
    CHAT_INPUT_REPLY,
    DEFAULT_MESSAGE,
    EPHEMERAL,
    LOADING,
    apply_body,
    new_message,
)
from bot.offline.result import CapturedCall

if TYPE_CHECKING:
    from bot.offline.runner import OfflineRunner

_MESSAGE_PATH = re.compile(r"/(?:webhooks/\d+/[^/]+|channels/\d+)/messages/(@original|\d+)")


class OfflineError(RuntimeError):
    """The handler asked for something the offline runner cannot fake (or tried the network)."""


def json_part(parts: Sequence[Mapping[str, Any]] | None) -> dict[str, Any] | None:
    """The JSON body of a multipart upload (messages with files)."""
    for part in parts or ():
        if part.get("name") == "payload_json":
            payload: dict[str, Any] = json.loads(part["value"])
            return payload
    return None


class Capture(AsyncWebhookAdapter):
    """Stands in for discord.com for one interaction: records each request, answers it."""

    def __init__(self, runner: OfflineRunner, interaction: Mapping[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # discord.py leaves it unannotated
        self.calls: list[CapturedCall] = []
        self._runner = runner
        self._interaction = interaction
        self._loading = False  # a deferred reply the first follow-up will fill in
        self._original: int | None = None
        if "message" in interaction:
            source = dict(interaction["message"])
            self._original = int(source["id"])
            runner.messages.setdefault(self._original, copy.deepcopy(source))

    async def request(
        self,
        route: Route,
        session: Any,
        *,
        payload: dict[str, Any] | None = None,
        multipart: list[dict[str, Any]] | None = None,
        proxy: str | None = None,
        proxy_auth: Any = None,
        files: Sequence[discord.File] | None = None,
        reason: str | None = None,
        auth_token: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        body = payload if payload is not None else json_part(multipart)
        return self.answer(route, body)

    def answer(self, route: Route, body: dict[str, Any] | None) -> Any:
        """Record the request and reply as Discord would (raise for what we cannot fake)."""
        path = route.url.removeprefix(Route.BASE)
        call = CapturedCall(route.method, path, copy.deepcopy(body))
        self.calls.append(call)
        target = _MESSAGE_PATH.fullmatch(path)
        reply: dict[str, Any] | None
        message: dict[str, Any] | None
        if route.method == "POST" and path.endswith("/callback"):
            reply, message = self._callback(body or {})
        elif target is not None:
            reply, message = self._on_message(route.method, target[1], body)
        elif route.method == "POST" and re.fullmatch(r"/webhooks/\d+/[^/]+", path):
            message = reply = self._followup(body)
        elif route.method == "POST" and (
            channel := re.fullmatch(r"/channels/(\d+)/messages", path)
        ):
            guild_id = self._interaction.get("guild_id")
            plain = new_message(self._runner.author, channel[1], guild_id, DEFAULT_MESSAGE)
            message = reply = self._store(plain, body)
        else:
            raise OfflineError(f"the offline runner cannot answer {route.method} {path}")
        call.message = copy.deepcopy(message)
        return reply

    def _reply(self) -> dict[str, Any]:
        """A new interaction-response message in the interaction's channel."""
        interaction = self._interaction
        return new_message(
            self._runner.author,
            interaction["channel_id"],
            interaction.get("guild_id"),
            CHAT_INPUT_REPLY,
        )

    def _store(self, message: dict[str, Any], body: Mapping[str, Any] | None) -> dict[str, Any]:
        apply_body(message, body)
        self._runner.messages[int(message["id"])] = message
        return copy.deepcopy(message)

    def _callback(self, body: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        kind = body.get("type")
        data = body.get("data") or {}
        meta: dict[str, Any] = {"id": self._interaction["id"], "type": self._interaction["type"]}
        message: dict[str, Any] | None = None
        if kind in (4, 5):
            if kind == 5:  # "thinking...": a placeholder message until the first follow-up
                data = {**data, "flags": (data.get("flags") or 0) | LOADING}
            message = self._store(self._reply(), data)
            self._original, self._loading = int(message["id"]), kind == 5
        elif kind in (6, 7) and self._original in self._runner.messages:
            stored = self._runner.messages[self._original]
            message = self._store(stored, data) if kind == 7 else copy.deepcopy(stored)
        if message is None:
            return {"interaction": meta}, None
        meta |= {
            "response_message_id": message["id"],
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(message["flags"] & EPHEMERAL),
        }
        return {"interaction": meta, "resource": {"type": kind, "message": message}}, message

    def _followup(self, body: Mapping[str, Any] | None) -> dict[str, Any]:
        if self._loading and self._original in self._runner.messages:
            self._loading = False  # Discord turns the "thinking..." message into this one
            return self._store(self._runner.messages[self._original], body)
        return self._store(self._reply(), body)

    def _on_message(
        self, method: str, which: str, body: Mapping[str, Any] | None
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        message_id = self._original if which == "@original" else int(which)
        stored = self._runner.messages.get(message_id) if message_id is not None else None
        if stored is None:
            raise OfflineError(f"unknown message {which} (Discord would answer 404)")
        if method == "GET":
            return copy.deepcopy(stored), None
        if method == "DELETE":
            del self._runner.messages[int(stored["id"])]
            return None, None
        stored["edited_timestamp"] = discord.utils.utcnow().isoformat()
        self._loading = self._loading and message_id != self._original
        message = self._store(stored, body)
        return message, message
