"""Curated input: .json/.jsonl release records and .meta.json sidecars, validated strictly."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.ingest.companies import canonical_company
from bot.ingest.dates import parse_date, publication_date
from bot.ingest.errors import IngestError
from bot.ingest.evidence import PageParts
from bot.ingest.figures import key_figures
from bot.ingest.page import resolve_company
from bot.ingest.quotes import extract_quotes
from bot.ingest.summary import derive_title, lead_paragraph, summarize
from bot.ingest.text import decode_text, normalise
from bot.records import RECORD_KEYS, Quote, ReleaseRecord
from bot.registry import Registry

SIDECAR_KEYS = ("url", "date", "company", "title")
_TEXT_KEYS = ("company", "title", "date", "summary", "body", "url", "source")
_FLAG_KEYS = ("company_inferred", "title_derived")
_PRECISIONS = {"day": 10, "month": 7, "year": 4}


def parse_sidecar(data: bytes) -> dict[str, str]:
    """Curated metadata for one page; unknown keys are refused so typos do not pass silently."""
    document = _load_json(decode_text(data), what="sidecar")
    if not isinstance(document, dict):
        raise IngestError("sidecar: expected a JSON object")
    metadata: dict[str, str] = {}
    for key, value in document.items():
        if key not in SIDECAR_KEYS:
            raise IngestError(f"sidecar: unknown key {key!r} (allowed: {', '.join(SIDECAR_KEYS)})")
        if value is None:
            continue
        if not isinstance(value, str):
            raise IngestError(f"sidecar: {key!r} must be text")
        if value.strip():
            metadata[key] = value.strip()
    return metadata


def parse_structured(
    data: bytes, *, source: str, registry: Registry, json_lines: bool
) -> list[ReleaseRecord]:
    """Records from a .json (object or list) or .jsonl file.

    One bad record fails the whole file with "record N: …": loading the rest would
    quietly drop a release the user meant to add.
    """
    text = decode_text(data)
    if json_lines:
        raw = [
            _load_json(line, what="JSON", line_offset=number)
            for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()
        ]
    else:
        document = _load_json(text, what="JSON")
        raw = document if isinstance(document, list) else [document]
    if not raw:
        raise IngestError("no records in file")
    return [_record(item, n, source, registry) for n, item in enumerate(raw, start=1)]


def _load_json(text: str, *, what: str, line_offset: int = 0) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = line_offset or exc.lineno
        raise IngestError(f"malformed {what}: line {line}: {exc.msg}") from None
    except RecursionError:
        raise IngestError(f"malformed {what}: nested too deeply") from None


def _record(item: object, number: int, source: str, registry: Registry) -> ReleaseRecord:
    """Curated fields are kept as given; missing ones are derived exactly as for pages."""
    if not isinstance(item, dict):
        raise IngestError(f"record {number}: expected a JSON object")
    try:
        return _build(item, source, registry)
    except IngestError as exc:
        raise IngestError(f"record {number}: {exc}") from None


def _build(item: Mapping[str, Any], source: str, registry: Registry) -> ReleaseRecord:
    unknown = sorted(set(item) - set(RECORD_KEYS))
    if unknown:
        raise IngestError(f"unknown key {unknown[0]!r}")
    fields = {key: _text(item, key) for key in _TEXT_KEYS}
    flags = {key: _flag(item, key) for key in _FLAG_KEYS}
    body = _body(fields["body"])
    paragraphs = body.split("\n\n")
    lead = lead_paragraph(paragraphs) or paragraphs[0]
    title = fields["title"] or derive_title(lead)
    date_text, precision = fields["date"], item.get("date_precision")
    if date_text is not None:
        date = parse_date(date_text, allow_year=True)
        if date is None:
            raise IngestError(f"unrecognised date {date_text!r}")
    else:
        parts = PageParts(lines=(), meta=(), date_lines=(), title=title, lead=lead, body=body)
        date = publication_date(parts)
    if precision is not None and (date is None or _PRECISIONS.get(precision) != len(date.iso)):
        raise IngestError(f"'date_precision' {precision!r} does not match the date")
    if fields["company"]:
        company = canonical_company(registry, fields["company"]) or fields["company"]
        inferred = bool(flags["company_inferred"])
    else:
        parts = PageParts(lines=(), meta=(), date_lines=(), title=title, lead=lead, body=body)
        company, inferred = resolve_company(registry, None, parts)
    return ReleaseRecord(
        company=company,
        company_inferred=inferred,
        company_aliases=_texts(item, "company_aliases"),
        title=title,
        title_derived=flags["title_derived"] if fields["title"] else True,
        date=date.iso if date else None,
        date_precision=date.precision if date else None,
        summary=fields["summary"] or summarize(paragraphs, fields["title"] or ""),
        body=body,
        quotes=_quotes(item) if "quotes" in item else extract_quotes(body),
        figures=_texts(item, "figures") if "figures" in item else key_figures(body),
        source=source,
        url=fields["url"],
    )


def _text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(f"{key!r} must be text")
    return normalise(value).strip() or None


def _flag(item: Mapping[str, Any], key: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise IngestError(f"{key!r} must be true or false")
    return value


def _body(body: str | None) -> str:
    """The body's paragraphs, re-spaced the way pages are: one blank line between them."""
    if body is None:
        raise IngestError("missing 'body'")
    paragraphs = [" ".join(p.split()) for p in body.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _quotes(item: Mapping[str, Any]) -> list[Quote]:
    raw = item["quotes"]
    if not isinstance(raw, list):
        raise IngestError("'quotes' must be a list")
    quotes = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise IngestError("each quote needs a 'text'")
        speaker, role = entry.get("speaker"), entry.get("role")
        if not all(v is None or isinstance(v, str) for v in (speaker, role)):
            raise IngestError("quote 'speaker' and 'role' must be text")
        quotes.append(Quote(speaker=speaker, role=role, text=entry["text"]))
    return quotes


def _texts(item: Mapping[str, Any], key: str) -> list[str]:
    raw = item.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        raise IngestError(f"{key!r} must be a list of text")
    return list(raw)
