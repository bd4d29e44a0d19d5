"""Fetched pages → release records; fetching a list of addresses for the command line.

Nothing here touches the store, so ``newsbot parse URL`` stays as light as ``parse FILE``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from bot import ingest
from bot.records import ReleaseRecord
from bot.registry import Registry
from bot.sources.config import feeds_file_path, load_feeds_file
from bot.sources.http import Fetcher, FetchError, FetchLimits, Response

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def parse_response(
    response: Response,
    *,
    registry: Registry,
    company: str | None = None,
    explain: ingest.Explanation | None = None,
) -> list[ReleaseRecord]:
    """Records of one fetched page: HTML through main-text extraction, plain text as a page.
    ``company`` is the one a feed is listed for: as good as a curated sidecar value."""
    curated = {"company": company} if company else {}
    if response.content_type in HTML_TYPES:
        page = ingest.WebPage(response.data, url=response.url, charset=response.charset)
        return [
            ingest.parse_html(
                page, source=response.url, registry=registry, metadata=curated, explain=explain
            )
        ]
    if response.content_type in TEXT_TYPES:
        text = ingest.decode_text(response.data)
        curated["url"] = response.url
        return [ingest.parse_page(text, source=response.url, registry=registry, metadata=curated)]
    raise ingest.IngestError(f"not a page: {response.content_type or 'no content type'}")


async def fetch_all(
    urls: Sequence[str], limits: FetchLimits | None = None
) -> list[Response | FetchError]:
    """Each address's answer or the reason there is none, in order; hosts are asked in turn."""
    async with Fetcher(limits) as fetcher:
        return list(await asyncio.gather(*(_answer(fetcher, url) for url in urls)))


async def _answer(fetcher: Fetcher, url: str) -> Response | FetchError:
    try:
        return await fetcher.get(url)
    except FetchError as exc:
        return exc


def fetch_pages(urls: Sequence[str], data_dir: Path, max_bytes: int) -> list[Response | FetchError]:
    """``fetch_all`` for the command line (blocking), as politely as ``feeds.toml`` says."""
    limits = load_feeds_file(feeds_file_path(data_dir)).limits(max_bytes)
    return asyncio.run(fetch_all(urls, limits))
