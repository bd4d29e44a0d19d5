"""Polite fetching against a site that misbehaves: limits, redirects, robots, backoff, 304s."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest

from bot.sources.http import Fetcher, FetchError, FetchLimits, Response, Validators
from tests.sources.conftest import FAST
from tests.sources.site import LocalSite, Page, endless, redirect, slow, status, truncated


def get(url: str, validators: Validators | None = None, limits: FetchLimits = FAST) -> Response:
    async def run() -> Response:
        async with Fetcher(limits) as fetcher:
            return await fetcher.get(url, validators)

    return asyncio.run(run())


def test_conditional_get_gets_304_and_sends_the_user_agent(site: LocalSite) -> None:
    site.pages["/feed.xml"] = Page(b"<rss/>", "application/rss+xml", etag='"v1"')
    first = get(site.url("/feed.xml"))
    assert (first.status, first.data, first.validators.etag) == (200, b"<rss/>", '"v1"')
    second = get(site.url("/feed.xml"), first.validators)
    assert second.not_modified and second.data == b""
    assert all("newsbot" in h["User-Agent"] for h in site.requests_to("/feed.xml"))
    assert site.requests_to("/feed.xml")[1]["If-None-Match"] == '"v1"'


def test_redirect_chain_is_followed_within_the_limit(site: LocalSite) -> None:
    site.pages["/page"] = Page(b"<p>here</p>")
    site.handlers["/a"] = redirect("/b", 301)
    site.handlers["/b"] = redirect(site.url("/page"))
    response = get(site.url("/a"))
    assert (response.status, response.url) == (200, site.url("/page"))


@pytest.mark.parametrize(
    ("routes", "reason"),
    [
        ({"/a": "/b", "/b": "/a"}, "redirect loop"),
        ({"/a": "/1", "/1": "/2", "/2": "/3", "/3": "/4", "/4": "/5"}, "more than 3 redirects"),
    ],
)
def test_redirect_loops_and_long_chains_stop(
    site: LocalSite, routes: dict[str, str], reason: str
) -> None:
    for path, target in routes.items():
        site.handlers[path] = redirect(target)
    with pytest.raises(FetchError, match=reason) as caught:
        get(site.url("/a"))
    assert caught.value.permanent
    assert len(site.requests_to("/a")) == 1


def test_429_retry_after_blocks_the_host_without_asking_again(site: LocalSite) -> None:
    site.handlers["/busy"] = status(429, **{"Retry-After": "120"})
    site.pages["/other"] = Page(b"<p>x</p>")

    async def run() -> tuple[FetchError, FetchError]:
        async with Fetcher(FAST) as fetcher:
            with pytest.raises(FetchError) as first:
                await fetcher.get(site.url("/busy"))
            with pytest.raises(FetchError) as second:
                await fetcher.get(site.url("/other"))
            return first.value, second.value

    first, second = asyncio.run(run())
    assert first.retry_after == 120 and not first.permanent
    assert second.retry_after is not None and 100 < second.retry_after <= 120
    assert site.requests_to("/other") == []


@pytest.mark.parametrize(
    ("handler", "reason", "permanent"),
    [
        (status(500), "HTTP 500", False),
        (status(404), "gone", True),
        pytest.param(slow(5), "no complete answer within 1 s", False, marks=pytest.mark.slow),
        (truncated, "cut off", False),
        (endless, "too large", True),
    ],
)
def test_bad_answers_are_errors_with_reasons(
    site: LocalSite, handler: object, reason: str, permanent: bool
) -> None:
    site.handlers["/x"] = handler  # type: ignore[assignment]
    started = time.monotonic()
    with pytest.raises(FetchError, match=reason) as caught:
        get(site.url("/x"))
    assert caught.value.permanent is permanent
    assert time.monotonic() - started < 3


def test_size_limit_refuses_a_declared_length_before_reading(site: LocalSite) -> None:
    site.pages["/big"] = Page(b"x" * 300_000)
    with pytest.raises(FetchError, match="too large"):
        get(site.url("/big"), limits=replace(FAST, max_bytes=100_000))


def test_robots_txt_is_honoured(site: LocalSite) -> None:
    site.pages["/private/p"] = Page(b"<p>x</p>")
    with pytest.raises(FetchError, match=r"robots\.txt") as caught:
        get(site.url("/private/p"))
    assert caught.value.permanent
    assert site.paths() == ["/robots.txt"]


def test_one_request_at_a_time_per_host_with_an_interval(site: LocalSite) -> None:
    for n in range(4):
        site.pages[f"/p{n}"] = Page(b"<p>x</p>")
    limits = replace(FAST, host_interval=0.1)

    async def run() -> float:
        async with Fetcher(limits) as fetcher:
            started = time.monotonic()
            await asyncio.gather(*(fetcher.get(site.url(f"/p{n}")) for n in range(4)))
            return time.monotonic() - started

    # robots.txt, then four pages: five starts 0.1 s apart.
    assert asyncio.run(run()) >= 0.4


def test_an_unreadable_robots_txt_means_waiting(site: LocalSite) -> None:
    site.pages["/p"] = Page(b"<p>x</p>")
    site.handlers["/robots.txt"] = status(503)
    with pytest.raises(FetchError, match=r"robots\.txt unreadable \(HTTP 503\)") as caught:
        get(site.url("/p"))
    assert not caught.value.permanent
    assert "/p" not in site.paths()
