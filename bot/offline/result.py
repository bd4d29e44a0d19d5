"""What one interaction sent: each captured request and the message users would see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.offline.messages import EPHEMERAL, walk_components


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
        return [c["custom_id"] for c in walk_components(self.components) if "custom_id" in c]

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete suggestions (callback type 8), ``[]`` otherwise."""
        callback = self._callback()
        if callback is None or callback.get("type") != 8:
            return []
        return list((callback.get("data") or {}).get("choices", []))

    def _callback(self) -> dict[str, Any] | None:
        return next((c.payload for c in self.calls if c.path.endswith("/callback")), None)
