"""An offline newsbot on the bundled data (plus a larger made-up set for paging)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.client import NewsBot
from bot.config import Settings
from bot.offline import OfflineResult, OfflineRunner, command_payload
from bot.store import Store
from tests.conftest import load


def write_acme_releases(data_dir: Path, count: int) -> None:
    """Made-up releases of one company, enough to need several pages."""
    lines = [
        json.dumps(
            {
                "company": "Acme Bio",
                "title": f"Acme Bio update number {n}",
                "date": f"2022-{(n % 12) + 1:02d}-15",
                "body": f"Acme Bio reported oncology progress, milestone {n}. "
                f'"We are thrilled with milestone {n}," said Jane Roe, CEO of Acme Bio.',
            }
        )
        for n in range(count)
    ]
    (data_dir / "releases" / "acme.jsonl").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    # Views still waiting for their timeout are cancelled, not left to die with the loop.
    loop.run_until_complete(_cancel_pending())
    loop.close()


async def _cancel_pending() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@pytest.fixture
def newsbot(settings: Settings, loaded_store: Store, loop: asyncio.AbstractEventLoop) -> NewsBot:
    bot = NewsBot(settings, loaded_store)
    loop.run_until_complete(bot.load_features())
    assert not bot.failed_features
    return bot


@pytest.fixture
def runner(newsbot: NewsBot) -> OfflineRunner:
    return OfflineRunner(newsbot)


@pytest.fixture
def acme_runner(settings: Settings, store: Store, loop: asyncio.AbstractEventLoop) -> OfflineRunner:
    write_acme_releases(settings.data_dir, 12)
    load(store, settings)
    bot = NewsBot(settings, store)
    loop.run_until_complete(bot.load_features())
    return OfflineRunner(bot)


class Ask:
    """Run slash commands in the test's event loop."""

    def __init__(self, runner: OfflineRunner, loop: asyncio.AbstractEventLoop) -> None:
        self.runner = runner
        self.loop = loop

    def __call__(
        self, name: str, options: dict[str, Any] | None = None, **kwargs: Any
    ) -> OfflineResult:
        return self.loop.run_until_complete(
            self.runner.run(command_payload(name, options, **kwargs))
        )

    def payload(self, payload: dict[str, Any]) -> OfflineResult:
        return self.loop.run_until_complete(self.runner.run(payload))

    def press(self, result: OfflineResult, custom_id: str, **kwargs: Any) -> OfflineResult:
        return self.loop.run_until_complete(self.runner.press(result, custom_id, **kwargs))


@pytest.fixture
def ask(runner: OfflineRunner, loop: asyncio.AbstractEventLoop) -> Ask:
    return Ask(runner, loop)


@pytest.fixture
def ask_acme(acme_runner: OfflineRunner, loop: asyncio.AbstractEventLoop) -> Ask:
    return Ask(acme_runner, loop)
