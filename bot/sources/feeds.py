"""What a feed lists: item links from RSS/Atom (feedparser), or from a newsroom listing page.

feedparser reads every RSS and Atom dialect and survives most broken XML (it flags the
document as "bozo" and keeps what it could read); only a broken feed that yields no
item link is an error. A listing page is HTML: its release links are the same-site links
in the page body whose text reads like a headline.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from bot.sources.http import Response
from bot.sources.pages import HTML_TYPES

MAX_ITEMS = 50  # links taken from one feed per poll, newest first as feeds list them
_HEADLINE_WORDS = 4  # a listing link with fewer words is navigation ("More", "Next page")
_FURNITURE = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"


class FeedError(ValueError):
    """Nothing could be read from the feed; the message says why."""


def item_links(response: Response) -> list[str]:
    """The item pages a feed or listing page links to, absolute, without repeats."""
    if response.content_type in HTML_TYPES:
        links = listing_links(response.data, response.url)
    else:
        links = feed_links(response.data, response.url)
    return list(dict.fromkeys(links))[:MAX_ITEMS]


def feed_links(data: bytes, base: str) -> list[str]:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    links = [urljoin(base, entry.link) for entry in parsed.entries if entry.get("link")]
    if parsed.bozo and not links:
        problem = getattr(parsed, "bozo_exception", None) or "not a feed"
        raise FeedError(f"malformed feed: {str(problem)[:120]}")
    return links


def listing_links(data: bytes, base: str) -> list[str]:
    from lxml import html

    from bot.ingest.html_charset import decode_html

    try:
        tree = html.fromstring(decode_html(data))
    except (ValueError, html.etree.ParserError) as exc:
        raise FeedError(f"unreadable listing page: {exc}") from None
    site = urlsplit(base).netloc
    links = []
    for anchor in tree.xpath(f"//a[@href][not({_FURNITURE})]"):
        url = urljoin(base, anchor.get("href")).split("#")[0]
        words = anchor.text_content().split()
        if urlsplit(url).netloc == site and url != base and len(words) >= _HEADLINE_WORDS:
            links.append(url)
    return links
