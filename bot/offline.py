"""Run real slash commands without Discord.

A gateway-shaped INTERACTION_CREATE payload goes through discord.py's own
``ConnectionState.parse_interaction_create``, so the command tree (checks, cooldowns,
autocomplete, ``on_error``) and the view store (button callbacks) behave exactly as in
production. Everything discord.py would send over HTTP is captured instead of sent and
answered with plausible Discord JSON, so ``InteractionResponse.send_message``,
``followup.send`` and friends serialise their real payloads. This powers
``newsbot ask`` and the full-path tests.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import discord
from discord import app_commands
from discord.enums import AppCommandOptionType
from discord.http import Route
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

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

EPHEMERAL = 1 << 6
LOADING = 1 << 7
_CHAT_INPUT_REPLY = 20  # message type of an interaction response
_DEFAULT_MESSAGE = 0  # message type of a plain channel message
_OPTION_TYPES: tuple[tuple[type, int], ...] = ((bool, 5), (int, 4), (float, 10), (str, 3))
_TRUE = frozenset({"true", "yes", "y", "on", "1"})
_FALSE = frozenset({"false", "no", "n", "off", "0"})
_TOKEN = re.compile(
    r"""\s*(?:(?P<name>[A-Za-z_][\w-]*):)?(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']\S*))"""
)
_MESSAGE_PATH = re.compile(r"/(?:webhooks/\d+/[^/]+|channels/\d+)/messages/(@original|\d+)")
_ids = itertools.count(1)


class OfflineError(RuntimeError):
    """The handler asked for something the offline runner cannot fake (or tried the network)."""


@dataclass
class CapturedCall:
    """One request discord.py tried to send; ``message`` is the message as Discord would
    hold it after the call (``None`` when the call does not touch a message)."""

    method: str
    path: str
    payload: dict[str, Any] | None
    message: dict[str, Any] | None = None


@dataclass
class OfflineResult:
    """Everything one interaction sent, in order."""

    calls: list[CapturedCall] = field(default_factory=list)

    @property
    def responses(self) -> list[dict[str, Any]]:
        """Message-shaped payloads in order: callback data (reply or update), follow-ups, edits."""
        found = []
        for call in self.calls:
            body = call.payload
            if body is None or call.method not in ("POST", "PATCH"):
                continue
            if call.method == "PATCH" and call.message is not None:
                # An edit keeps its message's flags: an ephemeral answer stays one.
                found.append(body | {"flags": call.message.get("flags", 0)})
            elif not call.path.endswith("/callback"):
                found.append(body)  # follow-up or channel message
            elif body.get("type") in (4, 7):
                found.append(body.get("data") or {})
        return found

    @property
    def callback_type(self) -> int | None:
        """The interaction callback type (4 reply, 5 defer, 7 update, 8 autocomplete...)."""
        callback = self._callback()
        return None if callback is None else callback.get("type")

    @property
    def message(self) -> dict[str, Any] | None:
        """The last message this interaction created or changed, as users would now see it."""
        return next((c.message for c in reversed(self.calls) if c.message is not None), None)

    @property
    def content(self) -> str | None:
        return None if self.message is None else self.message.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [] if self.message is None else list(self.message.get("embeds", []))

    @property
    def embed(self) -> dict[str, Any] | None:
        return next(iter(self.embeds), None)

    @property
    def ephemeral(self) -> bool:
        return self.message is not None and bool(self.message.get("flags", 0) & EPHEMERAL)

    @property
    def components(self) -> list[dict[str, Any]]:
        return [] if self.message is None else list(self.message.get("components", []))

    @property
    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in _walk_components(self.components) if "custom_id" in c]

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete suggestions (callback type 8), ``[]`` otherwise."""
        callback = self._callback()
        if callback is None or callback.get("type") != 8:
            return []
        return list((callback.get("data") or {}).get("choices", []))

    def _callback(self) -> dict[str, Any] | None:
        return next((c.payload for c in self.calls if c.path.endswith("/callback")), None)


# -- payload builders ---------------------------------------------------------------


def _snowflake() -> int:
    """Unique, time-ordered ids so messages and interactions sort like real ones."""
    return discord.utils.time_snowflake(discord.utils.utcnow()) | (next(_ids) % (1 << 22))


def _user(user_id: int, *, name: str = "tester", bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
    }


def _option(name: str, value: Any, *, focused: bool = False) -> dict[str, Any]:
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
    interaction_id = _snowflake()
    user = _user(user_id)
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
    data = {"id": str(_snowflake()), "name": name, "type": 1, "options": _nest(opts, subcommand)}
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
        author = _user(APPLICATION_ID, name="newsbot", bot=True)
        message = _new_message(author, channel_id, guild_id, _CHAT_INPUT_REPLY)
    payload["message"] = {**copy.deepcopy(dict(message)), "id": str(message_id)}
    return payload


# -- command-line parsing -----------------------------------------------------------


def _tokens(text: str) -> Iterator[tuple[str | None, str, bool]]:
    """``(option name or None, value, quoted)``; quotes group words, ``name: value`` is allowed."""
    pos = 0
    pending: str | None = None
    while text[pos:].strip():
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"unclosed quote in {text[pos:].strip()!r}")
        pos = match.end()
        name = match["name"]
        value = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
        if name is None and re.fullmatch(r"[A-Za-z_][\w-]*:", value):
            if pending is not None:
                raise ValueError(f"option {pending!r} needs a value")
            pending = value[:-1]
            continue
        if pending is not None:
            name, pending = pending, None
            if match["name"] is not None:
                raise ValueError(f"option {name!r} needs a value")
        yield name, value, match["bare"] is None
    if pending is not None:
        raise ValueError(f"option {pending!r} needs a value")


def _convert(param: app_commands.Parameter, text: str) -> Any:
    """Turn typed text into what Discord would send for this option."""
    label = param.display_name
    if param.choices:
        for choice in param.choices:
            if text.casefold() in (choice.name.casefold(), str(choice.value).casefold()):
                return choice.value
        names = ", ".join(choice.name for choice in param.choices)
        raise ValueError(f"{label} must be one of: {names}")
    kind = param.type
    if kind is AppCommandOptionType.string:
        return text
    if kind is AppCommandOptionType.integer:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{label} must be a whole number, got {text!r}") from None
    if kind is AppCommandOptionType.number:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{label} must be a number, got {text!r}") from None
    if kind is AppCommandOptionType.boolean and text.casefold() in _TRUE | _FALSE:
        return text.casefold() in _TRUE
    if kind is AppCommandOptionType.boolean:
        raise ValueError(f"{label} must be true or false, got {text!r}")
    raise ValueError(f"{label} is a {kind.name} option, which cannot be typed offline")


def parse_command_line(line: str, tree: app_commands.CommandTree) -> tuple[str, dict[str, Any]]:
    """``'/news query:2021 company:Laekna'`` → ``("news", {"query": "2021", "company": "Laekna"})``.

    Text without ``name:`` fills the first required option (else the first option); values
    are converted to the option's declared type. Raises ``ValueError`` with a message fit
    to show a user.
    """
    head, _, rest = line.strip().partition(" ")
    name = head.removeprefix("/").lower()
    command = tree.get_command(name) if name else None
    if isinstance(command, app_commands.Group):
        subs = ", ".join(sorted(sub.name for sub in command.commands))
        raise ValueError(
            f"/{name} needs a subcommand ({subs}), which the line parser does not read"
        )
    if command is None or not isinstance(command, app_commands.Command):
        available = ", ".join(sorted(f"/{c.name}" for c in tree.get_commands())) or "none"
        raise ValueError(f"unknown command {head or '(empty)'!r}; available commands: {available}")

    params = {param.display_name: param for param in command.parameters}
    default = next((p for p in command.parameters if p.required), next(iter(params.values()), None))
    named: dict[str, str] = {}
    free: list[str] = []
    open_value: str | None = None
    for option, text, quoted in _tokens(rest):
        if option is None and open_value is not None and not quoted:
            # As in Discord's input box, an unquoted value runs until the next ``name:``.
            named[open_value] = f"{named[open_value]} {text}"
        elif option is None:
            free.append(text)
        elif option not in params:
            known = ", ".join(params) or "none"
            raise ValueError(f"/{name} has no option {option!r}; its options are: {known}")
        elif option in named:
            raise ValueError(f"option {option!r} given twice")
        else:
            named[option] = text
            open_value = None if quoted else option
    if free:
        if default is None:
            raise ValueError(f"/{name} takes no options, got {' '.join(free)!r}")
        if default.display_name in named:
            raise ValueError(f"option {default.display_name!r} given twice")
        named[default.display_name] = " ".join(free)
    missing = [
        p.display_name for p in command.parameters if p.required and p.display_name not in named
    ]
    if missing:
        raise ValueError(f"/{name} needs {', '.join(missing)}")
    ordered = (p.display_name for p in command.parameters if p.display_name in named)
    return command.name, {key: _convert(params[key], named[key]) for key in ordered}


# -- the fake Discord ---------------------------------------------------------------


def _walk_components(components: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """Every component, including those nested in rows, sections and containers."""
    for component in components:
        yield component
        yield from _walk_components(component.get("components", []))
        if "accessory" in component:
            yield from _walk_components([component["accessory"]])


def _find_component(message: Mapping[str, Any], custom_id: str) -> Mapping[str, Any] | None:
    components = message.get("components", [])
    return next((c for c in _walk_components(components) if c.get("custom_id") == custom_id), None)


def _json_part(parts: Sequence[Mapping[str, Any]] | None) -> dict[str, Any] | None:
    """The JSON body of a multipart upload (messages with files)."""
    for part in parts or ():
        if part.get("name") == "payload_json":
            payload: dict[str, Any] = json.loads(part["value"])
            return payload
    return None


def _new_message(
    author: dict[str, Any], channel_id: int | str, guild_id: int | str | None, kind: int
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "id": str(_snowflake()),
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
    if kind == _CHAT_INPUT_REPLY:
        message["webhook_id"] = message["application_id"] = author["id"]
    if guild_id is not None:
        message["guild_id"] = str(guild_id)
    return message


def _attachment(item: Mapping[str, Any]) -> dict[str, Any]:
    """Discord's view of a sent attachment: new uploads (ids are upload indexes) get an id."""
    url = f"https://offline.invalid/{item.get('filename', 'file')}"
    is_upload = int(item["id"]) < 1 << 22
    new_id = _snowflake() if is_upload else item["id"]
    return {"size": 0, "url": url, "proxy_url": url, "filename": "file", **item, "id": str(new_id)}


def _apply(message: dict[str, Any], body: Mapping[str, Any] | None) -> None:
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


class _Capture(AsyncWebhookAdapter):
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
        body = payload if payload is not None else _json_part(multipart)
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
            plain = _new_message(self._runner.author, channel[1], guild_id, _DEFAULT_MESSAGE)
            message = reply = self._store(plain, body)
        else:
            raise OfflineError(f"the offline runner cannot answer {route.method} {path}")
        call.message = copy.deepcopy(message)
        return reply

    def _reply(self) -> dict[str, Any]:
        """A new interaction-response message in the interaction's channel."""
        interaction = self._interaction
        return _new_message(
            self._runner.author,
            interaction["channel_id"],
            interaction.get("guild_id"),
            _CHAT_INPUT_REPLY,
        )

    def _store(self, message: dict[str, Any], body: Mapping[str, Any] | None) -> dict[str, Any]:
        _apply(message, body)
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
            data = _user(self._state.application_id, name="newsbot", bot=True)
            self._state.user = discord.ClientUser(state=self._state, data=data)  # type: ignore[arg-type]
        self.author = _user(self._state.user.id, name=self._state.user.name, bot=True)
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
        capture = _Capture(self, payload)
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
                if call.message and _find_component(call.message, custom_id) is not None
            ),
            None,
        )
        message = self.messages.get(message_id) if message_id is not None else None
        component = None if message is None else _find_component(message, custom_id)
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
        capture = _Capture(self, {})
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
            self._state._add_guild(discord.Guild(data=_guild(int(guild_id)), state=self._state))  # type: ignore[arg-type]
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
        if not isinstance(capture, _Capture):
            raise OfflineError(f"network access outside an offline run: {route.method} {route.url}")
        body = kwargs.get("json")
        return capture.answer(route, body if body is not None else _json_part(form))


def _guild(guild_id: int) -> dict[str, Any]:
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
