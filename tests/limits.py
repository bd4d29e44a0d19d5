"""What Discord would reject or regret: used on every captured payload in the tests."""

from __future__ import annotations

from typing import Any


def embed_length(embed: dict[str, Any]) -> int:
    total = len(embed.get("title", "")) + len(embed.get("description", ""))
    total += len(embed.get("footer", {}).get("text", "")) + len(
        embed.get("author", {}).get("name", "")
    )
    return total + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))


def assert_message_within_limits(message: dict[str, Any]) -> None:
    assert len(message.get("content") or "") <= 2000
    embeds = message.get("embeds") or []
    assert len(embeds) <= 10
    for embed in embeds:
        assert len(embed.get("title", "")) <= 256
        assert len(embed.get("description", "")) <= 4096
        assert len(embed.get("fields", [])) <= 25
        for field in embed.get("fields", []):
            assert 0 < len(field["name"]) <= 256 and 0 < len(field["value"]) <= 1024
        assert len(embed.get("footer", {}).get("text", "")) <= 2048
        assert len(embed.get("author", {}).get("name", "")) <= 256
        assert embed_length(embed) <= 6000
    for choice in message.get("choices") or []:
        assert 1 <= len(choice["name"]) <= 100 and 1 <= len(str(choice["value"])) <= 100
    assert len(message.get("choices") or []) <= 25


def assert_no_pings(message: dict[str, Any]) -> None:
    """Every message goes out with mentions disabled (autocomplete carries none at all)."""
    if "choices" in message:
        return
    assert message.get("allowed_mentions") == {"parse": []}, message.get("allowed_mentions")


def assert_sane(result: Any) -> None:
    """The interaction was answered, within limits, without pinging anyone."""
    assert result.calls, "the interaction was never answered"
    for call in result.calls:
        payload = call.payload or {}
        message = payload.get("data", payload) if call.path.endswith("/callback") else payload
        if message:
            assert_message_within_limits(message)
            if call.path.endswith("/callback") and payload.get("type") in (5, 6, 8):
                continue
            assert_no_pings(message)
