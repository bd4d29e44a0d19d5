"""Ingest: raw, noisy scraped press-release files → clean ReleaseRecords; read_source is its only I/O.

The HTML reader (and lxml under it) is imported on first use: parsing text pages,
the common case, does not pay for it.
"""

from typing import TYPE_CHECKING, Any

from bot.ingest.clean import boilerplate_key, boilerplate_of, line_keys
from bot.ingest.dedupe import anchor_keys, resemblance
from bot.ingest.errors import IngestError, NotARelease
from bot.ingest.evidence import Explanation
from bot.ingest.files import (
    HTML_SUFFIXES,
    is_sidecar,
    is_sidecar_name,
    parse_file,
    sidecar_for,
    sidecar_location,
)
from bot.ingest.page import parse_page
from bot.ingest.structured import parse_sidecar, parse_structured
from bot.ingest.text import decode_text, read_source

__all__ = [
    "HTML_SUFFIXES",
    "Explanation",
    "IngestError",
    "NotARelease",
    "WebPage",
    "anchor_keys",
    "boilerplate_key",
    "boilerplate_of",
    "decode_text",
    "is_sidecar",
    "is_sidecar_name",
    "line_keys",
    "parse_file",
    "parse_html",
    "parse_page",
    "parse_sidecar",
    "parse_structured",
    "read_source",
    "resemblance",
    "sidecar_for",
    "sidecar_location",
]

if TYPE_CHECKING:
    from bot.ingest.html import WebPage, parse_html


def __getattr__(name: str) -> Any:
    if name in ("WebPage", "parse_html"):
        from bot.ingest import html

        return getattr(html, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
