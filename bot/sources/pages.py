"""Fetched pages → release records, and the store's view of them (``ParsedSource``).

A page's source key is the address it was fetched from, so fetching it again later is
recognised as the same source (unchanged, updated) like a file reloaded from disk.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from pathlib import Path

from bot import ingest
from bot.loader import ParsedSource
from bot.records import ReleaseRecord
from bot.registry import Registry
from bot.sources.http import Fetcher, FetchError, FetchLimits, Response

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def parse_response(
    response: Response, *, registry: Registry, explain: ingest.Explanation | None = None
) -> list[ReleaseRecord]:
    """Records of one fetched page: HTML through main-text extraction, plain text as a page."""
    if response.content_type in HTML_TYPES:
        page = ingest.WebPage(response.data, url=response.url, charset=response.charset)
        return [ingest.parse_html(page, source=response.url, registry=registry, explain=explain)]
    if response.content_type in TEXT_TYPES:
        records = ingest.parse_file(
            Path("page.txt"), response.data, registry=registry, explain=explain
        )
        for record in records:
            record.source, record.url = response.url, record.url or response.url
        return records
    raise ingest.IngestError(f"not a page: {response.content_type or 'no content type'}")


def parsed_source(key: str, response: Response, registry: Registry) -> ParsedSource:
    """A fetched page ready for the load transaction; a page that does not parse is a
    failure with its reason, like a bad file."""
    digest = hashlib.sha256(response.data).hexdigest()
    try:
        records = parse_response(response, registry=registry)
    except ingest.IngestError as exc:
        return ParsedSource(key, digest, [], str(exc))
    return ParsedSource(key, digest, records)


async def fetch_all(
    urls: Sequence[str], limits: FetchLimits | None = None
) -> list[Response | FetchError]:
    """Each address's answer or the reason there is none, in order; hosts are asked in turn."""
    async with Fetcher(limits) as fetcher:
        return list(
            await asyncio.gather(*(_answer(fetcher, url) for url in urls), return_exceptions=False)
        )


async def _answer(fetcher: Fetcher, url: str) -> Response | FetchError:
    try:
        return await fetcher.get(url)
    except FetchError as exc:
        return exc


def fetch_pages(urls: Sequence[str], max_bytes: int) -> list[Response | FetchError]:
    """``fetch_all`` for the command line (blocking)."""
    return asyncio.run(fetch_all(urls, FetchLimits(max_bytes=max_bytes)))
