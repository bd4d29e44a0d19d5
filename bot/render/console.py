"""Embeds as terminal text, for ``newsbot ask`` and the console."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_CONSOLE_MARKUP = re.compile(r"\\([^\w]|_)|\*\*|\u200b")


def _unescape(text: str) -> str:
    """Console text reads better without Discord's escapes and our bold markers."""
    return _CONSOLE_MARKUP.sub(lambda m: m.group(1) or "", text)


def embed_text(embed: Mapping[str, Any]) -> str:
    """An embed (as sent to Discord) as readable terminal text."""
    lines: list[str] = []
    if author := embed.get("author", {}).get("name"):
        lines.append(_unescape(author))
    if title := embed.get("title"):
        lines.append(_unescape(title))
        lines.append("=" * min(len(title), 72))
    if url := embed.get("url"):
        lines.append(url)
    if description := embed.get("description"):
        lines.append(_unescape(description))
    for field in embed.get("fields", []):
        lines.append("")
        lines.append(f"▸ {_unescape(field['name'])}")
        lines.extend("  " + line for line in _unescape(field["value"]).splitlines())
    if footer := embed.get("footer", {}).get("text"):
        lines.append("")
        lines.append(f"({_unescape(footer)})")
    return "\n".join(lines)


def payload_text(payload: Mapping[str, Any]) -> str:
    """A message payload (content, embeds, buttons, autocomplete choices) as terminal text."""
    parts: list[str] = []
    data = payload.get("data", payload)
    if data.get("choices") is not None:
        return (
            "\n".join(f"{c['name']}  →  {c['value']}" for c in data["choices"])
            or "(no suggestions)"
        )
    if data.get("content"):
        parts.append(_unescape(data["content"]))
    parts.extend(embed_text(embed) for embed in data.get("embeds", []) or [])
    buttons = [
        component.get("label") or component.get("custom_id", "")
        for row in data.get("components", []) or []
        for component in row.get("components", [])
        if not component.get("disabled")
    ]
    if buttons:
        parts.append("[" + "] [".join(buttons) + "]")
    if data.get("flags", 0) & 64:
        parts.append("(only you can see this)")
    return "\n\n".join(p for p in parts if p)
