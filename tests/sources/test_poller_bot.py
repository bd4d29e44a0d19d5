"""The poller inside the bot: it keeps answering while a poll runs, and a new release
reaches a following channel exactly once."""

from __future__ import annotations

import asyncio
import re
from typing import cast

import pytest
from aiohttp import web

from bot.client import NewsBot
from bot.config import Settings
from bot.delivery import Pacer
from bot.offline import OfflineResult, OfflineRunner, command_payload
from bot.sources.poller import Poller, PollReport
from bot.store import Store
from commands.follow import FollowCog
from tests.sources.site import LocalSite, Page
from tests.sources.test_poller import NEWSROOM, rss, write_feeds

CHANNEL_POST = re.compile(r"/channels/(\d+)/messages")


def posted_titles(result: OfflineResult) -> list[str]:
    return [
        call.payload["embeds"][0]["title"]
        for call in result.calls
        if call.method == "POST" and CHANNEL_POST.fullmatch(call.path) and call.payload
    ]


@pytest.mark.slow
def test_bot_answers_during_a_poll_and_posts_the_new_release_once(
    site: LocalSite, loaded_store: Store, settings: Settings
) -> None:
    async def slow_feed(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.5)
        return web.Response(body=rss("/plant"), content_type="application/rss+xml")

    site.handlers["/rss"] = slow_feed
    site.pages["/plant"] = Page(NEWSROOM)
    write_feeds(settings, (site.url("/rss"), None))

    async def scenario() -> tuple[bool, list[OfflineResult], list[PollReport]]:
        bot = NewsBot(settings, loaded_store)
        await bot.load_features()
        cast(FollowCog, bot.get_cog("FollowCog")).deliverer.pacer = Pacer(0.0)
        runner = OfflineRunner(bot)
        await runner.run(command_payload("follow", {"company": "Akeso"}, administrator=True))
        reports: list[PollReport] = []

        async def poll(poller: Poller) -> None:
            reports.append(await poller.poll_once())

        async with Poller(loaded_store, settings, on_loaded=bot.after_load) as poller:
            polling = asyncio.create_task(runner.background(lambda: poll(poller)))
            await asyncio.sleep(0.05)
            answer = await runner.run(command_payload("news", {"query": "2021"}))
            answered_meanwhile = answer.embed is not None and not polling.done()
            first = await polling
            second = await runner.background(lambda: poll(poller))
        return answered_meanwhile, [first, second], reports

    answered, results, reports = asyncio.run(asyncio.wait_for(scenario(), timeout=15))
    assert answered
    assert posted_titles(results[0]) == ["Akeso Opens Guangzhou Antibody Plant"]
    assert posted_titles(results[1]) == []
    assert reports[1].pages == 0 and site.paths().count("/plant") == 1
