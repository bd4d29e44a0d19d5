"""What live sources cost: HTML pages through trafilatura + the parser, and a poll round.

    python -m benchmarks.bench_live [--pages 1000] [--feeds 500] [--sites 50] [--news 5]

HTML pages are the synthetic corpus's pages wrapped in newsroom markup (navigation, a
cookie banner, JSON-LD, a related-news list, a footer). Timed in the same run on the
same pages: the whole HTML path (``ingest.parse_file`` on ``.html``), the same text
parsed as a ``.txt`` page (the path without trafilatura), and the bare baseline no HTML
reader can skip — decoding and building the lxml tree. The HTML path also runs in one
process per core, as a load of many files does.

The poll round serves ``--feeds`` RSS feeds from ``--sites`` local sites (one port
each, so each is its own host); a first round reads every feed, then ``--news`` feeds
gain one item and a second round runs: wall time, requests and bytes of each. The
sites are on loopback and the per-site interval is 0, so the figures are the bot's
own cost; with the default 1 s interval a round takes at least (feeds per site − 1) s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import os
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.corpus import write_corpus
from bot import ingest
from bot.config import Settings
from bot.registry import Registry, load_registry

DEFAULT_OUT = Path(__file__).resolve().parent / "out"


def newsroom_html(text: str, number: int) -> str:
    """A scraped text page laid out as a newsroom would publish it."""
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    title = max(blocks[:3], key=len)[:120] if blocks else "Release"
    paragraphs = "".join(f"<p>{html.escape(block)}</p>\n" for block in blocks)
    related = "".join(
        f'<li><a href="/news/{n}">Related release number {n} of the year</a></li>' for n in range(5)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} | Newsroom</title>
<meta property="og:title" content="{html.escape(title)}">
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2024-01-{1 + number % 28:02d}"}}</script>
<script>window.dataLayer = [];</script></head><body>
<div class="cookie-banner">We use cookies. <button>Accept all</button></div>
<header><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/news">News</a></nav></header>
<main><article>{paragraphs}</article><aside><h2>Related news</h2><ul>{related}</ul></aside></main>
<footer>© 2024 · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></footer></body></html>"""


def _best_of(runs: int, work: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _parse_each(pages: list[tuple[Path, bytes]], registry: Registry) -> None:
    for path, data in pages:
        with contextlib.suppress(ingest.IngestError):  # a rejected page costs time too
            ingest.parse_file(path, data, registry=registry)


def _bare(pages: list[tuple[Path, bytes]]) -> None:
    from lxml import html as lxml_html

    for _, data in pages:
        lxml_html.fromstring(ingest.decode_text(data))


_worker_registry: Registry | None = None


def _start_worker(registry_path: Path) -> None:
    global _worker_registry
    _worker_registry = load_registry(registry_path)


def _parse_chunk(pages: list[tuple[Path, bytes]]) -> int:
    assert _worker_registry is not None
    _parse_each(pages, _worker_registry)
    return len(pages)


def bench_pages(folder: Path, count: int, runs: int) -> None:
    registry_path = folder / "companies.toml"
    registry = load_registry(registry_path)
    texts = sorted((folder / "releases").rglob("*.txt"))[:count]
    as_text = [(path, path.read_bytes()) for path in texts]
    as_html = [
        (path.with_suffix(".html"), newsroom_html(data.decode("utf-8"), n).encode())
        for n, (path, data) in enumerate(as_text)
    ]
    n = len(as_html)
    full = _best_of(runs, lambda: _parse_each(as_html, registry))
    text = _best_of(runs, lambda: _parse_each(as_text, registry))
    bare = _best_of(runs, lambda: _bare(as_html))
    cores = os.cpu_count() or 1
    chunks = [as_html[i::cores] for i in range(cores)]
    with ProcessPoolExecutor(cores, initializer=_start_worker, initargs=(registry_path,)) as pool:
        list(pool.map(_parse_chunk, [chunk[:5] for chunk in chunks]))  # start the workers
        started = time.perf_counter()
        list(pool.map(_parse_chunk, chunks))
        parallel = time.perf_counter() - started
    kb = sum(len(data) for _, data in as_html) / n / 1024
    print(f"HTML pages: {n} pages, {kb:.1f} KB each, best of {runs}")
    print(
        f"  HTML → record (trafilatura + parser) {n / full:8,.0f} pages/s  {1000 * full / n:6.2f} ms/page"
    )
    print(
        f"  same text as .txt (parser only)      {n / text:8,.0f} pages/s  {1000 * text / n:6.2f} ms/page"
    )
    print(
        f"  bare: decode + lxml tree             {n / bare:8,.0f} pages/s  {1000 * bare / n:6.2f} ms/page"
    )
    print(f"  HTML / text {full / text:.1f}x   HTML / bare {full / bare:.1f}x")
    print(f"  HTML → record on {cores} cores         {n / parallel:8,.0f} pages/s")


def _rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>News</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode()


class _Sites:
    """``count`` local sites on their own ports; feeds answer 304 to a matching ETag."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.feeds: dict[tuple[int, str], list[str]] = {}
        self.pages: dict[str, bytes] = {}
        self.ports: list[int] = []
        self.loop = asyncio.new_event_loop()
        self._runners: list[object] = []

    async def _answer(self, request: object) -> object:
        from aiohttp import web

        assert isinstance(request, web.Request)
        port = request.url.port or 0
        if request.path == "/robots.txt":
            return web.Response(text="User-agent: *\nAllow: /\n")
        links = self.feeds.get((port, request.path))
        if links is not None:
            etag = f'"{len(links)}"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304)
            return web.Response(
                body=_rss(links), content_type="application/rss+xml", headers={"ETag": etag}
            )
        page = self.pages.get(f"{port}{request.path}")
        if page is None:
            return web.Response(status=404)
        return web.Response(body=page, content_type="text/html", charset="utf-8")

    async def _start(self) -> None:
        from aiohttp import web

        for _ in range(self.count):
            app = web.Application()
            app.router.add_route("GET", "/{tail:.*}", self._answer)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            self.ports.append(runner.addresses[0][1])
            self._runners.append(runner)

    def __enter__(self) -> _Sites:
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=60)
        return self

    def __exit__(self, *exc_info: object) -> None:
        async def stop() -> None:
            for runner in self._runners:
                await runner.cleanup()  # type: ignore[attr-defined]

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=60)
        self.loop.call_soon_threadsafe(self.loop.stop)


def bench_poll(folder: Path, feeds: int, sites: int, news: int) -> None:
    from bot.sources.poller import Poller, PollReport
    from bot.store import Store

    texts = sorted((folder / "releases").rglob("*.txt"))[:news]
    with tempfile.TemporaryDirectory() as tmp, _Sites(sites) as local:
        data_dir = Path(tmp)
        (data_dir / "companies.toml").write_bytes((folder / "companies.toml").read_bytes())
        urls = []
        for number in range(feeds):
            port = local.ports[number % sites]
            local.feeds[(port, f"/feed{number}.xml")] = []
            urls.append(f"http://127.0.0.1:{port}/feed{number}.xml")
        entries = "".join(f'[[feed]]\nurl = "{url}"\n' for url in urls)
        (data_dir / "feeds.toml").write_text(
            f"[polling]\nminutes = 0\nhost_interval = 0\n{entries}"
        )
        settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir}/db.sqlite3")
        store = Store(settings.database_url)
        store.create_schema()

        async def rounds() -> list[PollReport]:
            async with Poller(store, settings) as poller:
                first = await poller.poll_once()
                for number, text in enumerate(texts):
                    port = local.ports[number % sites]
                    local.pages[f"{port}/news{number}"] = newsroom_html(
                        text.read_text(), number
                    ).encode()
                    local.feeds[(port, f"/feed{number}.xml")] = [
                        f"http://127.0.0.1:{port}/news{number}"
                    ]
                return [first, await poller.poll_once()]

        reports = asyncio.run(rounds())
        store.close()
    print(f"Poll rounds: {feeds} feeds on {sites} local sites")
    for label, report in zip(
        ("first round (all new)", f"round with {news} news"), reports, strict=True
    ):
        added = report.load.tally.added if report.load else 0
        print(
            f"  {label:<22} {report.seconds:6.2f} s  {report.requests:5} requests  "
            f"{report.bytes_received / 1024:8.1f} KB  {report.unchanged} unchanged  {added} added"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_live", description=__doc__)
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--sites", type=int, default=50)
    parser.add_argument("--news", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    folder = args.out / f"live-{args.pages}"
    if not (folder / "companies.toml").exists():
        write_corpus(folder, releases=args.pages, companies=max(args.pages // 10, 1))
    bench_pages(folder, args.pages, args.runs)
    bench_poll(folder, args.feeds, args.sites, args.news)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
