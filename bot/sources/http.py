"""Polite HTTP: one request at a time per host, robots.txt, conditional GET, bounded everything.

Company newsrooms are small sites run by people who did not ask to be polled. So every
request says who we are, waits its turn behind the host's previous request, asks
robots.txt first, sends the validators of the last answer (a feed that did not change
costs a 304 and no body), and gives up early: bodies over a size limit, answers slower
than a time limit, and redirect chains longer than a few hops or going round in circles
are errors, not waits. A host that answers 429 or 503 with ``Retry-After`` is not asked
again before that time.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import aiohttp

USER_AGENT = "newsbot/0.1 (company-news Discord bot; fetches press releases and feeds)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_LATER = frozenset({429, 503})
GONE = frozenset({404, 410})
# Longest wait a server may ask for; a larger Retry-After is capped, not obeyed.
MAX_RETRY_AFTER = 6 * 3600.0
ROBOTS_TTL = 24 * 3600.0
ROBOTS_RETRY = 15 * 60.0  # an unreadable robots.txt is asked for again this soon
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 20.0  # seconds for one request, connection to last byte
    max_redirects: int = 5
    host_interval: float = 1.0  # seconds between the starts of two requests to one host


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last answer said about its version: sent back to get a 304 if unchanged."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int
    data: bytes
    content_type: str
    charset: str | None
    validators: Validators
    location: str | None = None  # where a redirect points
    retry_after: float | None = None  # seconds, when a 429/503 said how long to wait

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A fetch that gave no usable answer; ``retry_after`` when the server said when to return,
    ``permanent`` when asking again will not help (gone, refused by robots.txt, too large)."""

    def __init__(
        self, reason: str, *, retry_after: float | None = None, permanent: bool = False
    ) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent


@dataclass(slots=True)
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    blocked_until: float = 0.0
    interval: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_until: float = 0.0
    robots_unreadable: str | None = None  # why robots.txt could not be read, while it cannot


class Fetcher:
    """One HTTP session and what it knows about each host; use ``async with``."""

    def __init__(self, limits: FetchLimits | None = None, user_agent: str = USER_AGENT) -> None:
        self.limits = limits or FetchLimits()
        self.user_agent = user_agent
        self.requests = 0
        self.bytes_received = 0
        self._hosts: dict[str, _Host] = {}
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        self._session = aiohttp.ClientSession(
            headers={"User-Agent": self.user_agent},
            timeout=aiohttp.ClientTimeout(total=None),
            auto_decompress=True,
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def get(self, url: str, validators: Validators | None = None) -> Response:
        """The answer at ``url`` after redirects; a 304 when ``validators`` still match."""
        seen = {url}
        for _ in range(self.limits.max_redirects + 1):
            await self._check_robots(url)
            response = await self._request(url, validators)
            if response.status not in REDIRECTS:
                return _checked(response)
            if not response.location:
                raise FetchError(f"HTTP {response.status} without a Location", permanent=True)
            url = urljoin(url, response.location)
            if url in seen:
                raise FetchError(f"redirect loop at {url}", permanent=True)
            seen.add(url)
            validators = None  # they described the old address
        raise FetchError(f"more than {self.limits.max_redirects} redirects", permanent=True)

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url}", permanent=True)
        return self._hosts.setdefault(f"{parts.scheme}://{parts.netloc}", _Host())

    async def _request(self, url: str, validators: Validators | None) -> Response:
        host = self._host(url)
        async with host.lock:
            now = time.monotonic()
            if host.blocked_until > now:
                raise FetchError("the site asked us to wait", retry_after=host.blocked_until - now)
            if host.next_start > now:
                await asyncio.sleep(host.next_start - now)
            host.next_start = time.monotonic() + max(self.limits.host_interval, host.interval)
            response = await self._send(url, validators)
            if response.status in RETRY_LATER:
                host.blocked_until = time.monotonic() + (response.retry_after or 0.0)
                raise FetchError(f"HTTP {response.status}", retry_after=response.retry_after)
            return response

    async def _send(self, url: str, validators: Validators | None) -> Response:
        assert self._session is not None, "use the Fetcher in `async with`"
        headers = {}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        self.requests += 1
        try:
            async with asyncio.timeout(self.limits.timeout):
                async with self._session.get(url, headers=headers, allow_redirects=False) as reply:
                    data = await self._body(reply)
                    return _response(url, reply, data)
        except TimeoutError:
            raise FetchError(f"no complete answer within {self.limits.timeout:g} s") from None
        except aiohttp.ClientPayloadError:
            raise FetchError("the answer was cut off before its end") from None
        except aiohttp.ClientError as exc:
            raise FetchError(f"connection failed: {exc.__class__.__name__}") from None

    async def _body(self, reply: aiohttp.ClientResponse) -> bytes:
        limit = self.limits.max_bytes
        if reply.content_length is not None and reply.content_length > limit:
            raise FetchError(_too_large(reply.content_length, limit), permanent=True)
        chunks: list[bytes] = []
        size = 0
        async for chunk in reply.content.iter_chunked(_CHUNK):
            size += len(chunk)
            self.bytes_received += len(chunk)
            if size > limit:
                raise FetchError(_too_large(size, limit), permanent=True)
            chunks.append(chunk)
        return b"".join(chunks)

    async def _check_robots(self, url: str) -> None:
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is None or host.robots_until < time.monotonic():
                host.robots, host.robots_unreadable = await self._robots(url)
                ttl = ROBOTS_RETRY if host.robots_unreadable else ROBOTS_TTL
                host.robots_until = time.monotonic() + ttl
                delay = host.robots.crawl_delay(self.user_agent)
                host.interval = float(delay) if delay else 0.0
        if host.robots_unreadable:
            # RFC 9309: while a site cannot say what it allows, nothing is fetched.
            raise FetchError(f"robots.txt unreadable ({host.robots_unreadable}): waiting")
        if not host.robots.can_fetch(self.user_agent, url):
            raise FetchError("refused by the site's robots.txt", permanent=True)

    async def _robots(self, url: str) -> tuple[urllib.robotparser.RobotFileParser, str | None]:
        """The site's rules (no robots.txt, a 4xx: no rules), or why they cannot be read."""
        parser = urllib.robotparser.RobotFileParser()
        parts = urlsplit(url)
        try:
            response = await self._request(f"{parts.scheme}://{parts.netloc}/robots.txt", None)
        except FetchError as exc:
            return parser, str(exc)
        if response.status >= 500:
            return parser, f"HTTP {response.status}"
        # No robots.txt (4xx) means everything may be fetched: an empty rule set says so.
        lines = response.data.decode("utf-8", "replace").splitlines()
        parser.parse(lines if response.status == 200 else [])
        return parser, None


def _response(url: str, reply: aiohttp.ClientResponse, data: bytes) -> Response:
    headers = reply.headers
    return Response(
        url=url,
        status=reply.status,
        data=data,
        content_type=reply.content_type,
        charset=reply.charset,
        validators=Validators(headers.get("ETag"), headers.get("Last-Modified")),
        location=headers.get("Location"),
        retry_after=retry_after_seconds(headers.get("Retry-After")),
    )


def _checked(response: Response) -> Response:
    if response.status in GONE:
        raise FetchError(f"HTTP {response.status}: the page is gone", permanent=True)
    if response.status >= 400:
        raise FetchError(f"HTTP {response.status}", permanent=response.status < 500)
    return response


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: a number of seconds or an HTTP date; capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(when.timestamp() - time.time(), 0.0), MAX_RETRY_AFTER)


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size / 1024 / 1024:.1f} MB or more (limit {limit / 1024 / 1024:.1f} MB)"
