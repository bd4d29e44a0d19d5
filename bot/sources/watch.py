"""``newsbot watch``: the poller without Discord, for a machine that only ingests.

A bot running elsewhere on the same database notices each load within its data check
and posts new releases to the channels that follow them.
"""

from __future__ import annotations

import asyncio

from bot.config import Settings
from bot.sources.config import FeedsFileError
from bot.sources.poller import Poller, PollReport
from bot.store import Store


def watch(settings: Settings, *, once: bool) -> int:
    """Poll until interrupted (or one cycle with ``once``), printing each cycle that did something."""
    store = Store(settings.database_url)
    store.create_schema()

    def show(report: PollReport) -> None:
        if report.feeds:
            print(report.describe(), flush=True)

    async def main() -> None:
        async with Poller(store, settings) as poller:
            if once:
                print((await poller.poll_once()).describe())
            else:
                await poller.run(report=show)

    try:
        asyncio.run(main())
    except FeedsFileError as exc:
        print(f"feeds.toml: {exc}")
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    return 0
