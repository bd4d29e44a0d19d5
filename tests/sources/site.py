"""A news site on 127.0.0.1 that tests can fill with pages and feeds, and that misbehaves
on request: 304s, redirect chains and loops, 429 with Retry-After, 500s, slow, cut-off
and huge answers. It runs in its own thread, so blocking code (the CLI) and async code
(the poller) can both talk to it, and it logs every request it answers.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html"
    charset: str | None = "utf-8"
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class LocalSite:
    base: str = ""
    pages: dict[str, Page] = field(default_factory=dict)
    handlers: dict[str, Handler] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    robots: str = "User-agent: *\nDisallow: /private/\n"

    def url(self, path: str) -> str:
        return self.base + path

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for logged, headers in self.log if logged == path]

    def paths(self) -> list[str]:
        return [path for path, _ in self.log]

    async def answer(self, request: web.Request) -> web.StreamResponse:
        self.log.append((request.path, dict(request.headers)))
        handler = self.handlers.get(request.path)
        if handler is not None:
            return await handler(request)
        if request.path == "/robots.txt":
            return web.Response(text=self.robots)
        page = self.pages.get(request.path)
        if page is None:
            return web.Response(status=404, text="not found")
        if page.etag and request.headers.get("If-None-Match") == page.etag:
            return web.Response(status=304)
        if page.last_modified and request.headers.get("If-Modified-Since") == page.last_modified:
            return web.Response(status=304)
        headers = {}
        if page.etag:
            headers["ETag"] = page.etag
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        response = web.Response(body=page.body, headers=headers)
        response.content_type = page.content_type
        response.charset = page.charset
        return response


def redirect(target: str, status: int = 302) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(status=status, headers={"Location": target})

    return handler


def status(code: int, **headers: str) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(status=code, headers=headers, text="no")

    return handler


def slow(seconds: float) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(seconds)
        return web.Response(text="late")

    return handler


async def truncated(request: web.Request) -> web.StreamResponse:
    """Promises 10,000 bytes, sends 20, and hangs up."""
    response = web.StreamResponse(headers={"Content-Length": "10000"})
    response.content_type = "text/html"
    await response.prepare(request)
    await response.write(b"<html><body><p>Begin")
    request.transport.close()  # type: ignore[union-attr]
    return response


async def endless(request: web.Request) -> web.StreamResponse:
    """A 20 MB page sent in chunks without a length: only the client's limit stops it."""
    response = web.StreamResponse()
    response.content_type = "text/html"
    response.enable_chunked_encoding()
    await response.prepare(request)
    chunk = b"<p>" + b"x" * 65_000 + b"</p>"
    try:
        for _ in range(20 * 1024 * 1024 // len(chunk)):
            await response.write(chunk)
    except (ConnectionResetError, RuntimeError):
        pass  # the client hung up, as it should
    return response


@contextmanager
def running_site() -> Iterator[LocalSite]:
    site = LocalSite()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    runner_box: list[web.AppRunner] = []

    async def start() -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", site.answer)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await runner.setup()
        tcp = web.TCPSite(runner, "127.0.0.1", 0)
        await tcp.start()
        port = runner.addresses[0][1]
        site.base = f"http://127.0.0.1:{port}"
        runner_box.append(runner)
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=10)
    ready.wait(10)
    try:
        yield site
    finally:
        asyncio.run_coroutine_threadsafe(runner_box[0].cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
