"""File-level dispatch: which parser a file needs, and where its metadata sidecar lives."""

from __future__ import annotations

import os
from pathlib import Path

from bot.ingest.errors import IngestError
from bot.ingest.evidence import Explanation
from bot.ingest.page import parse_normalised
from bot.ingest.structured import parse_sidecar, parse_structured
from bot.ingest.text import decode_text, markdown_to_text
from bot.records import ReleaseRecord
from bot.registry import Registry

SIDECAR_SUFFIX = ".meta.json"
_JSON_LINES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN = frozenset({".md", ".markdown"})


def is_sidecar(path: Path) -> bool:
    """``foo.meta.json`` describes ``foo.txt``; it is never a release itself."""
    return is_sidecar_name(path.name)


def is_sidecar_name(name: str) -> bool:
    """``is_sidecar`` of a bare file name: a walk over a folder has no ``Path`` to ask."""
    return name.casefold().endswith(SIDECAR_SUFFIX) and len(name) > len(SIDECAR_SUFFIX)


def sidecar_for(path: Path) -> Path:
    """Where a page's curated metadata would be: ``foo.txt`` → ``foo.meta.json``."""
    return Path(sidecar_location(os.fspath(path)))


def sidecar_location(path: str) -> str:
    """``sidecar_for`` as text: a reload stats the sidecar of every file, and building a
    ``Path`` costs more than the ``stat`` itself. The stem is cut as ``Path.stem`` cuts it."""
    folder, separator, name = path.rpartition(os.sep)
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name
    return f"{folder}{separator}{stem}{SIDECAR_SUFFIX}"


def parse_file(
    path: Path,
    data: bytes,
    *,
    registry: Registry,
    boilerplate: frozenset[str] = frozenset(),
    sidecar: bytes | None = None,
    explain: Explanation | None = None,
) -> list[ReleaseRecord]:
    """Parse by suffix: JSON and JSON Lines are records, HTML goes through main-text
    extraction, anything else is a text page.

    A sidecar applies to pages only; structured records carry their own metadata.
    """
    if is_sidecar(path):
        raise IngestError("metadata sidecar, not a release")
    suffix = path.suffix.casefold()
    source = str(path)
    if suffix == ".json" or suffix in _JSON_LINES:
        return parse_structured(
            data, source=source, registry=registry, json_lines=suffix in _JSON_LINES
        )
    metadata = parse_sidecar(sidecar) if sidecar is not None else None
    if suffix in HTML_SUFFIXES:
        from bot.ingest.html import WebPage, parse_html  # lxml only for pages that need it

        page = WebPage(data)
        return [
            parse_html(page, source=source, registry=registry, metadata=metadata, explain=explain)
        ]
    text = decode_text(data)
    if suffix in _MARKDOWN:
        text = markdown_to_text(text)
    record = parse_normalised(
        text,
        source=source,
        registry=registry,
        boilerplate=boilerplate,
        metadata=metadata,
        explain=explain,
    )
    return [record]
