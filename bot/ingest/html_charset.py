"""HTML bytes → text: the charset the server or the page declares, checked against the bytes.

Labels are often wrong (a server that says ISO-8859-1 for every page, a template that
still declares windows-1252 after a move to UTF-8), so the bytes have the last word:
bytes that decode as UTF-8 are UTF-8, a label is tried only where they do not, and a
page with no usable label is detected.
"""

from __future__ import annotations

import codecs
import re

from bot.ingest.errors import IngestError
from bot.ingest.text import decode_text, normalise

# Where a page's <meta charset> must sit, per the HTML standard (the first 1024 bytes);
# a little more, for pages with long comments before it.
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Labels browsers read as windows-1252, which is a superset of what they name.
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares about itself, in ``<meta charset>`` or ``http-equiv``."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").strip() if match else None


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode a page: BOM, then UTF-8, then the HTTP header's label, the page's own
    label, and finally detection; the text comes out normalised like any page's."""
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(_BOMS) or b"\x00" in data[:_SNIFF_BYTES]:
        return decode_text(data)  # a BOM wins; NULs mean UTF-16 or binary
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for label in (header_charset, meta_charset(data)):
        codec = _codec(label)
        if codec is not None:
            try:
                return normalise(data.decode(codec))
            except UnicodeDecodeError:
                continue
    return _detected(data)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").casefold()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("undecodable text: no usable charset declared or detected")
    return normalise(str(best))
