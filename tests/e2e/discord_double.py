"""A small Discord, on 127.0.0.1, for running the real bot process against.

REST (below ``/api/v10``) and the gateway websocket share one random port. The double
answers what discord.py 2.7 asks for while starting and answering interactions, records
every request, and logs and answers 404 to anything else so a missing route shows up as
a failure instead of a hang. It runs its own event loop in a thread, so tests stay plain
synchronous functions while the bot runs in another process.

Only the shapes discord.py reads are modelled: no rate limits, one guild. Discord's bad
days are injected per route (``fail``): 5xx, Cloudflare's HTML 429, and answers lost
after the request took effect; and on the gateway (``stop_acknowledging``): a connection
that goes on receiving heartbeats without acknowledging them, until the bot resumes.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import logging
import re
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import discord
from aiohttp import WSMsgType, web

from bot.offline import (
    ADMIN_ROLE_ID,
    APPLICATION_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    EPHEMERAL,
    GUILD_OWNER_ID,
    LOADING,
    MEMBER_PERMISSIONS,
)

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
HEARTBEAT_INTERVAL_MS = 41_250
CHAT_INPUT_REPLY = 20  # message type of an interaction response
DEFAULT_MESSAGE = 0  # message type of a plain channel message

T = TypeVar("T")
Handler = Callable[[web.Request, Any, re.Match[str]], Awaitable[web.Response]]

_serial = itertools.count(1)


def snowflake() -> str:
    """Time-ordered and unique, like Discord's ids."""
    return str(discord.utils.time_snowflake(discord.utils.utcnow()) | (next(_serial) % (1 << 22)))


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body only when Content-Type is exactly "application/json";
    # aiohttp's json_response would add "; charset=utf-8".
    return web.Response(
        body=json.dumps(data).encode(), status=status, content_type="application/json"
    )


def _error(status: int, message: str, code: int = 0) -> web.Response:
    return _json({"message": message, "code": code}, status)


def _html(status: int, title: str) -> web.Response:
    # What Cloudflare's edge answers when it throttles an IP: a page, no JSON, no headers.
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
    return web.Response(text=page, status=status, content_type="text/html")


@dataclass(frozen=True)
class Fault:
    """One way for Discord to fail a request."""

    status: int
    message: str
    html: bool = False  # Cloudflare's page instead of Discord's JSON
    after_store: bool = False  # the request takes effect; only its answer is lost

    def response(self) -> web.Response:
        if self.html:
            return _html(self.status, self.message)
        return _error(self.status, f"{self.status}: {self.message}")


SERVICE_UNAVAILABLE = Fault(503, "Service Unavailable")
CLOUDFLARE_429 = Fault(429, "Error 1015: You are being rate limited", html=True)
BAD_GATEWAY_AFTER_STORE = Fault(502, "Bad Gateway", after_store=True)
GATEWAY_TIMEOUT_AFTER_STORE = Fault(504, "Gateway Timeout", after_store=True)


@dataclass(frozen=True)
class Recorded:
    """One REST request as the double received it; ``path`` is below ``/api/v10``."""

    method: str
    path: str
    query: Mapping[str, str]
    body: Any
    status: int
    at: float  # time.monotonic() when it arrived


@dataclass
class GatewaySession:
    """One websocket connection from the bot, and what was said on it."""

    query: Mapping[str, str]
    identify: dict[str, Any] | None = None
    heartbeats: int = 0
    acknowledges: bool = True  # False: a zombie connection, heartbeats go unanswered
    session_id: str | None = None  # given in READY, or asked for in RESUME
    resumed_at: float | None = None  # monotonic time RESUMED was sent
    ready_at: float | None = None  # monotonic time READY and GUILD_CREATE were sent
    close_code: int | None = None
    closed_at: float | None = None
    other_ops: list[dict[str, Any]] = field(default_factory=list)
    sequence: int = 0


@dataclass(frozen=True)
class Injected:
    """An interaction the double sent, as sent, and when."""

    payload: dict[str, Any]
    at: float

    @property
    def id(self) -> str:
        return str(self.payload["id"])

    @property
    def token(self) -> str:
        return str(self.payload["token"])

    @property
    def callback_path(self) -> str:
        return f"/interactions/{self.id}/{self.token}/callback"


class _Socket:
    """The server side of one gateway connection, speaking the compression the bot asked for.

    discord.py asks for ``zlib-stream``, or ``zstd-stream`` when ``zstandard`` is installed.
    Either way one compression stream spans the connection, and every frame is flushed so
    that it ends a whole message.
    """

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self._compress: Callable[[bytes], bytes] | None = None
        if compress == "zlib-stream":
            stream = zlib.compressobj()
            # A sync flush ends the frame in 00 00 ff ff, the client's "message complete" mark.
            self._compress = lambda data: stream.compress(data) + stream.flush(zlib.Z_SYNC_FLUSH)
        elif compress == "zstd-stream":
            import zstandard

            zstd = zstandard.ZstdCompressor().compressobj()
            self._compress = lambda data: (
                zstd.compress(data) + zstd.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
            )
        elif compress is not None:
            raise ValueError(f"the double does not speak compress={compress}")
        self._lock = asyncio.Lock()

    async def send(self, payload: Mapping[str, Any]) -> None:
        text = json.dumps(payload)
        async with self._lock:  # one compression stream: frames must go out in order
            if self._compress is None:
                await self.ws.send_str(text)
            else:
                await self.ws.send_bytes(self._compress(text.encode()))


class DiscordDouble:
    """Discord's REST API and gateway for one bot, one guild and one channel."""

    def __init__(
        self,
        *,
        token: str,
        application_id: int = APPLICATION_ID,
        guild_id: int = DEFAULT_GUILD_ID,
        channel_id: int = DEFAULT_CHANNEL_ID,
    ) -> None:
        self.token = token
        self.application_id = application_id
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.heartbeat_interval_ms = HEARTBEAT_INTERVAL_MS  # read when a connection opens
        self.bot_user: dict[str, Any] = {
            "id": str(application_id),
            "username": "newsbot",
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": True,
            "flags": 0,
        }
        # Everything below is written on the double's loop and read from tests: guard it.
        self._cond = threading.Condition()
        self.requests: list[Recorded] = []
        self.unknown: list[str] = []
        self.sessions: list[GatewaySession] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # by guild id, None: global
        self.messages: dict[str, dict[str, Any]] = {}
        self._interactions: dict[str, Injected] = {}  # by token
        self._acknowledged: set[str] = set()
        self._originals: dict[str, str] = {}  # token -> original response message id
        self._nonces: dict[tuple[str, str], str] = {}  # (channel id, nonce) -> message id
        self._sockets: dict[int, _Socket] = {}  # by id() of the session
        self._faults: list[tuple[str, re.Pattern[str], list[Fault]]] = []

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], bool, Handler]] = [
            ("GET", re.compile(r"/gateway"), False, self._get_gateway),
            ("GET", re.compile(r"/users/@me"), True, self._get_me),
            ("GET", re.compile(r"/oauth2/applications/@me"), True, self._get_application),
            (
                "PUT",
                re.compile(r"/applications/(?P<app>\d+)(?:/guilds/(?P<guild>\d+))?/commands"),
                True,
                self._put_commands,
            ),
            (
                "POST",
                re.compile(r"/channels/(?P<channel>\d+)/messages"),
                True,
                self._post_channel_message,
            ),
            (
                "POST",
                re.compile(r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback"),
                False,
                self._post_callback,
            ),
            (
                "POST",
                re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"),
                False,
                self._post_followup,
            ),
            *(
                (
                    method,
                    re.compile(
                        r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<id>@original|\d+)"
                    ),
                    False,
                    self._on_message,
                )
                for method in ("GET", "PATCH")
            ),
        ]

    # -- lifecycle (called from tests) -------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._gateway)
        app.router.add_route("*", "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    # -- waiting and looking (called from tests) -----------------------------------------

    def wait_for(self, found: Callable[[], T | None], *, timeout: float, what: str) -> T:
        """Block until ``found()`` returns something truthy, and return that."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (result := found()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {what} within {timeout} s")
                self._cond.wait(left)
            return result

    def find(self, method: str, path: str | re.Pattern[str]) -> list[Recorded]:
        pattern = re.compile(re.escape(path)) if isinstance(path, str) else path
        with self._cond:
            return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    def live_session(self) -> GatewaySession | None:
        with self._cond:
            return next((s for s in reversed(self.sessions) if s.closed_at is None), None)

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """What a channel shows: the messages posted to it (not interaction replies)."""
        with self._cond:
            return [
                copy.deepcopy(m)
                for m in self.messages.values()
                if m["channel_id"] == str(channel_id) and m["type"] == DEFAULT_MESSAGE
            ]

    def stop_acknowledging(self) -> GatewaySession:
        """Make the live connection a zombie: it takes heartbeats and answers none."""
        with self._cond:
            session = self.live_session()
            if session is None:
                raise RuntimeError("no gateway connection to stop acknowledging on")
            session.acknowledges = False
            return session

    def original_message(self, interaction: Injected) -> dict[str, Any]:
        with self._cond:
            return copy.deepcopy(self.messages[self._originals[interaction.token]])

    # -- faults (called from tests) -------------------------------------------------------

    def fail(self, method: str, path: re.Pattern[str], *faults: Fault) -> None:
        """Answer the next requests to ``path`` (matching all of it, below ``/api/v10``)
        with these faults, one request each, in order; later requests are served."""
        with self._cond:
            self._faults.append((method, path, list(faults)))

    def _next_fault(self, method: str, path: str) -> Fault | None:
        with self._cond:
            for fault_method, pattern, faults in self._faults:
                if faults and fault_method == method and pattern.fullmatch(path):
                    return faults.pop(0)
        return None

    # -- interactions (called from tests) ----------------------------------------------

    def inject(self, payload: Mapping[str, Any]) -> Injected:
        """Send an INTERACTION_CREATE as Discord would for this payload.

        Command and autocomplete payloads get the id the bot's registration was given, and
        ``data.guild_id`` when the command is registered to the guild, as Discord does.
        """
        prepared = copy.deepcopy(dict(payload))
        prepared["application_id"] = str(self.application_id)
        if prepared["type"] in (2, 4):
            data = prepared["data"]
            guild_id = int(prepared["guild_id"]) if "guild_id" in prepared else None
            registered = self._registered(data["name"], guild_id)
            data["id"] = registered["id"]
            if "guild_id" in registered:
                data["guild_id"] = registered["guild_id"]
        injected = Injected(prepared, time.monotonic())
        with self._cond:
            self._interactions[injected.token] = injected
        future = asyncio.run_coroutine_threadsafe(
            self._dispatch("INTERACTION_CREATE", prepared), self._loop
        )
        future.result(timeout=5)
        return injected

    def callback(self, interaction: Injected, *, timeout: float = 3.0) -> Recorded:
        """The bot's answer to ``interaction``, waiting up to ``timeout`` s after injection."""
        left = interaction.at + timeout - time.monotonic()
        calls = self.wait_for(
            lambda: self.find("POST", interaction.callback_path),
            timeout=max(left, 0.0),
            what=f"callback for interaction {interaction.id}",
        )
        return calls[0]

    def _registered(self, name: str, guild_id: int | None) -> dict[str, Any]:
        with self._cond:
            scopes = [guild_id, None] if guild_id is not None else [None]
            for scope in scopes:
                for command in self.commands.get(scope, []):
                    if command["name"] == name:
                        return command
        raise LookupError(f"/{name} is not registered, so Discord would never send it")

    # -- gateway -----------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        socket = _Socket(ws, request.query.get("compress"))  # refuses what it cannot speak
        await ws.prepare(request)
        session = GatewaySession(query=dict(request.query))
        with self._cond:
            self.sessions.append(session)
            self._sockets[id(session)] = socket
            self._cond.notify_all()
        await socket.send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
        async for message in ws:
            if message.type is not WSMsgType.TEXT:
                log.warning("gateway: unexpected %s frame from the bot", message.type.name)
                continue
            await self._on_gateway_message(session, socket, json.loads(message.data))
        with self._cond:
            session.close_code = ws.close_code
            session.closed_at = time.monotonic()
            del self._sockets[id(session)]
            self._cond.notify_all()
        return ws

    async def _on_gateway_message(
        self, session: GatewaySession, socket: _Socket, message: dict[str, Any]
    ) -> None:
        op = message.get("op")
        if op == 1:
            with self._cond:
                session.heartbeats += 1
                acknowledges = session.acknowledges
            if acknowledges:
                await socket.send({"op": 11})
        elif op == 2:
            if message["d"].get("token") != self.token:
                await socket.ws.close(code=4004, message=b"Authentication failed.")
                return
            with self._cond:
                session.identify = message["d"]
            await self._send_ready(session, socket)
        elif op == 6:
            await self._resume(session, socket, message["d"])
        else:
            log.warning("gateway: op %s is not modelled by the double: %s", op, message)
            with self._cond:
                session.other_ops.append(message)
                self._cond.notify_all()

    async def _resume(
        self, session: GatewaySession, socket: _Socket, resume: dict[str, Any]
    ) -> None:
        """RESUME of a session this double started: nothing was missed, so RESUMED at once."""
        with self._cond:
            known = {s.session_id for s in self.sessions if s.identify is not None}
        if resume.get("token") != self.token or resume.get("session_id") not in known:
            await socket.send({"op": 9, "d": False})  # invalid session: identify afresh
            return
        with self._cond:
            session.session_id = resume["session_id"]
        await self._dispatch("RESUMED", {}, session)
        with self._cond:
            session.resumed_at = time.monotonic()
            self._cond.notify_all()

    async def _send_ready(self, session: GatewaySession, socket: _Socket) -> None:
        with self._cond:
            session.session_id = snowflake()
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(self.guild_id), "unavailable": True}],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
        }
        await self._dispatch("READY", ready, session)
        await self._dispatch("GUILD_CREATE", self._guild(), session)
        with self._cond:
            session.ready_at = time.monotonic()
            self._cond.notify_all()

    async def _dispatch(
        self, event: str, data: Mapping[str, Any], session: GatewaySession | None = None
    ) -> None:
        with self._cond:
            session = session or self.live_session()
            if session is None or id(session) not in self._sockets:
                raise RuntimeError(f"no gateway connection to send {event} on")
            session.sequence += 1
            sequence, socket = session.sequence, self._sockets[id(session)]
        await socket.send({"op": 0, "t": event, "s": sequence, "d": data})

    def _guild(self) -> dict[str, Any]:
        """GUILD_CREATE: roles and the channel interactions come from, so permissions resolve."""
        role = {"color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}
        return {
            "id": str(self.guild_id),
            "name": "Double guild",
            "icon": None,
            "owner_id": str(GUILD_OWNER_ID),
            "unavailable": False,
            "large": False,
            "member_count": 2,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "preferred_locale": "en-US",
            "features": [],
            "roles": [
                role
                | {
                    "id": str(self.guild_id),
                    "name": "@everyone",
                    "position": 0,
                    "permissions": str(MEMBER_PERMISSIONS.value),
                },
                role
                | {"id": str(ADMIN_ROLE_ID), "name": "Admin", "position": 1, "permissions": "8"},
            ],
            "channels": [
                {
                    "id": str(self.channel_id),
                    "type": 0,
                    "name": "general",
                    "position": 0,
                    "nsfw": False,
                    "parent_id": None,
                    "permission_overwrites": [],
                }
            ],
            "members": [
                {
                    "user": self.bot_user,
                    "roles": [],
                    "joined_at": "2024-01-01T00:00:00+00:00",
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                }
            ],
            "emojis": [],
            "stickers": [],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    # -- REST ----------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix(API_PREFIX)
        body = await request.text() or None
        response: web.Response | None = None
        if request.path.startswith(API_PREFIX + "/"):
            try:
                body = None if body is None else json.loads(body)
                fault = self._next_fault(request.method, path)
                if fault is None or fault.after_store:
                    response = await self._route(request, path, body)
                if fault is not None:
                    response = fault.response()
            except Exception:
                # The bot sent something the double cannot read: make it loud.
                log.exception("the double failed on %s %s", request.method, path)
                response = _error(500, "500: the double failed")
        with self._cond:
            if response is None:
                log.error("UNKNOWN ROUTE %s %s — the double answers 404", request.method, path)
                self.unknown.append(f"{request.method} {request.path_qs}")
                response = _error(404, "404: Not Found")
            self.requests.append(
                Recorded(
                    request.method,
                    path,
                    dict(request.query),
                    body,
                    response.status,
                    time.monotonic(),
                )
            )
            self._cond.notify_all()
        return response

    async def _route(self, request: web.Request, path: str, body: Any) -> web.Response | None:
        for method, pattern, needs_auth, handler in self._routes:
            match = pattern.fullmatch(path)
            if method != request.method or match is None:
                continue
            if needs_auth and request.headers.get("Authorization") != f"Bot {self.token}":
                return _error(401, "401: Unauthorized")
            return await handler(request, body, match)
        return None

    async def _get_gateway(
        self, _request: web.Request, _body: Any, _m: re.Match[str]
    ) -> web.Response:
        return _json({"url": self.gateway_url})

    async def _get_me(self, _request: web.Request, _body: Any, _m: re.Match[str]) -> web.Response:
        return _json(self.bot_user)

    async def _get_application(
        self, _request: web.Request, _body: Any, _m: re.Match[str]
    ) -> web.Response:
        owner = {
            "id": str(GUILD_OWNER_ID),
            "username": "owner",
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
        }
        return _json(
            {
                "id": str(self.application_id),
                "name": "newsbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": self.bot_user,
            }
        )

    async def _put_commands(
        self, _request: web.Request, body: Any, m: re.Match[str]
    ) -> web.Response:
        if int(m["app"]) != self.application_id:
            return _error(404, "Unknown Application", 10002)
        guild_id = int(m["guild"]) if m["guild"] else None
        if guild_id not in (None, self.guild_id):
            return _error(404, "Unknown Guild", 10004)
        with self._cond:
            known = {c["name"]: c["id"] for c in self.commands.get(guild_id, [])}
            stored = []
            for command in body:
                entry = {
                    "type": 1,
                    "description": "",
                    "default_member_permissions": None,
                    "nsfw": False,
                    **command,
                    "id": known.get(command["name"]) or snowflake(),
                    "application_id": str(self.application_id),
                    "version": snowflake(),
                }
                if entry["default_member_permissions"] is not None:
                    # Sent as a number or a string; Discord always answers with a string.
                    entry["default_member_permissions"] = str(entry["default_member_permissions"])
                if guild_id is not None:
                    entry["guild_id"] = str(guild_id)
                stored.append(entry)
            self.commands[guild_id] = stored
        return _json(stored)

    async def _post_callback(
        self, request: web.Request, body: Any, m: re.Match[str]
    ) -> web.Response:
        with self._cond:
            interaction = self._interactions.get(m["token"])
            if interaction is None or interaction.id != m["id"]:
                return _error(404, "Unknown interaction", 10062)
            if interaction.token in self._acknowledged:
                return _error(400, "Interaction has already been acknowledged.", 40060)
            self._acknowledged.add(interaction.token)
            message = self._callback_message(interaction, body)
        if request.query.get("with_response") not in ("1", "true"):
            return web.Response(status=204)
        meta: dict[str, Any] = {"id": interaction.id, "type": interaction.payload["type"]}
        if message is None:
            return _json({"interaction": meta})
        meta |= {
            "response_message_id": message["id"],
            "response_message_loading": bool(message["flags"] & LOADING),
            "response_message_ephemeral": bool(message["flags"] & EPHEMERAL),
        }
        return _json({"interaction": meta, "resource": {"type": body["type"], "message": message}})

    def _callback_message(self, interaction: Injected, body: Any) -> dict[str, Any] | None:
        """The message a callback creates or changes (4 reply, 5 "thinking", 7 update)."""
        kind, data = body["type"], body.get("data") or {}
        if kind in (4, 5):
            message = self._new_message()
            flags = (data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            _apply(message, data | {"flags": flags})
            self.messages[message["id"]] = message
            self._originals[interaction.token] = message["id"]
            return copy.deepcopy(message)
        if kind == 7:
            message = self.messages[interaction.payload["message"]["id"]]
            _apply(message, data)
            message["edited_timestamp"] = discord.utils.utcnow().isoformat()
            return copy.deepcopy(message)
        return None

    async def _post_followup(
        self, request: web.Request, body: Any, m: re.Match[str]
    ) -> web.Response:
        with self._cond:
            if m["token"] not in self._interactions:
                return _error(404, "Unknown Webhook", 10015)
            original = self.messages.get(self._originals.get(m["token"], ""))
            if original is not None and original["flags"] & LOADING:
                message = original  # the first follow-up fills in the "thinking..." message
                message["flags"] &= ~LOADING
                _apply(message, body or {})
            else:
                message = self._new_message()
                _apply(message, body or {})
                self.messages[message["id"]] = message
            answer = copy.deepcopy(message)
        if request.query.get("wait") in ("1", "true"):
            return _json(answer)
        return web.Response(status=204)

    async def _on_message(self, request: web.Request, body: Any, m: re.Match[str]) -> web.Response:
        with self._cond:
            message_id = self._originals.get(m["token"]) if m["id"] == "@original" else m["id"]
            message = self.messages.get(message_id or "")
            if m["token"] not in self._interactions or message is None:
                return _error(404, "Unknown Message", 10008)
            if request.method == "PATCH":
                message["flags"] &= ~LOADING  # any edit ends "thinking..."
                _apply(message, body or {})
                message["edited_timestamp"] = discord.utils.utcnow().isoformat()
            return _json(copy.deepcopy(message))

    async def _post_channel_message(
        self, _request: web.Request, body: Any, m: re.Match[str]
    ) -> web.Response:
        """A bot's message; with ``enforce_nonce``, a nonce seen before returns the message
        it created instead of a new one, as Discord does for a few minutes."""
        channel_id = m["channel"]
        if channel_id != str(self.channel_id):
            return _error(404, "Unknown Channel", 10003)
        nonce = str(body["nonce"]) if body.get("nonce") is not None else None
        with self._cond:
            seen = (
                self._nonces.get((channel_id, nonce or "")) if body.get("enforce_nonce") else None
            )
            if seen is not None:
                return _json(copy.deepcopy(self.messages[seen]))
            message = self._new_message(kind=DEFAULT_MESSAGE) | {"nonce": nonce}
            _apply(message, body)
            self.messages[message["id"]] = message
            if nonce is not None:
                self._nonces[(channel_id, nonce)] = message["id"]
            return _json(copy.deepcopy(message))

    def _new_message(self, *, kind: int = CHAT_INPUT_REPLY) -> dict[str, Any]:
        interaction_reply = (
            {"webhook_id": str(self.application_id), "application_id": str(self.application_id)}
            if kind == CHAT_INPUT_REPLY
            else {}
        )
        return interaction_reply | {
            "id": snowflake(),
            "channel_id": str(self.channel_id),
            "guild_id": str(self.guild_id),
            "author": self.bot_user,
            "type": kind,
            "content": "",
            "embeds": [],
            "components": [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "flags": 0,
            "timestamp": discord.utils.utcnow().isoformat(),
            "edited_timestamp": None,
        }


def _apply(message: dict[str, Any], body: Mapping[str, Any]) -> None:
    """Sent fields replace the message's, ``null`` empties them; an ephemeral stays one."""
    for key, empty in (("content", ""), ("embeds", []), ("components", []), ("tts", False)):
        if key in body:
            message[key] = empty if body[key] is None else body[key]
    if "flags" in body:
        message["flags"] = (body["flags"] or 0) | (message["flags"] & EPHEMERAL)


def walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every component of a message, rows included."""
    for component in components:
        yield component
        yield from walk_components(component.get("components", []))
