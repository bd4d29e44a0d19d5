"""File dispatch by suffix, sidecar naming, and markup pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import IngestError, is_sidecar, parse_file, sidecar_for
from bot.registry import Registry

PAGE = "Plant opens\n\nOrbitron Medical opened a plant in Suzhou that will make diagnostic kits.\n"


def test_sidecar_names() -> None:
    assert sidecar_for(Path("a/foo.txt")) == Path("a/foo.meta.json")
    assert is_sidecar(Path("a/foo.meta.json"))
    assert is_sidecar(Path("FOO.META.JSON"))
    assert not is_sidecar(Path("foo.json"))
    assert not is_sidecar(Path(".meta.json"))


@pytest.mark.parametrize("name", ["p.txt", "p.text", "p.md", "p.page", "noext"])
def test_text_like_suffixes_are_pages(name: str, registry: Registry) -> None:
    (record,) = parse_file(Path(name), PAGE.encode(), registry=registry)
    assert record.title == "Plant opens"
    assert record.source == name


def test_json_and_jsonl_dispatch(registry: Registry) -> None:
    body = b'{"body": "Orbitron Medical opened a plant in Suzhou today."}'
    assert len(parse_file(Path("r.json"), body, registry=registry)) == 1
    assert len(parse_file(Path("r.jsonl"), body + b"\n" + body, registry=registry)) == 2


def test_sidecar_is_not_a_release(registry: Registry) -> None:
    with pytest.raises(IngestError, match="sidecar"):
        parse_file(Path("x.meta.json"), b"{}", registry=registry)


def test_markdown_page(registry: Registry) -> None:
    text = "# Plant opens\n\nOrbitron **Medical** opened a [plant](https://e.com) in Suzhou for kits.\n"
    (record,) = parse_file(Path("p.md"), text.encode(), registry=registry)
    assert record.title == "Plant opens"
    assert record.body == "Orbitron Medical opened a plant in Suzhou for kits."


def test_html_page(registry: Registry) -> None:
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body><nav>Home</nav>"
        "<h1>Plant opens</h1><p>Orbitron Medical opened a plant in Suzhou &amp; Wuxi for kits.</p>"
        "<script>var a = 1;</script></body></html>"
    )
    (record,) = parse_file(Path("p.html"), html.encode(), registry=registry)
    assert record.title == "Plant opens"
    assert record.body == "Orbitron Medical opened a plant in Suzhou & Wuxi for kits."
