"""The gateway connection: where to dial, and noticing a dead ("zombie") one.

A heartbeat still unacknowledged when the next is due means a dead connection, to be
closed and resumed; ``NewsBot.watch_heartbeats`` asks ``unacknowledged_for`` every second.
"""

from __future__ import annotations

import json
import urllib.request

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

# Half an interval more than Discord's rule allows for a slow answer; checking every
# second then notices a dead connection within about two heartbeat intervals.
ZOMBIE_AFTER_INTERVALS = 1.5


def use_api_base(api_base: str) -> str:
    """Talk to another Discord API (a test double, a self-hosted proxy); returns its gateway.

    Every REST call discord.py makes is built on ``Route.BASE``. An unsharded client, though,
    dials Discord's fixed gateway address without asking the API, so the address is asked
    for here, once, with the API's unauthenticated ``GET /gateway``, before the bot starts.
    """
    request = urllib.request.Request(
        f"{api_base}/gateway",
        headers={"User-Agent": f"DiscordBot (newsbot, {discord.__version__})"},
    )
    # Like discord.py's own HTTP session, ignore HTTP(S)_PROXY variables.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        gateway = str(json.load(response)["url"])
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    return gateway


def unacknowledged_for(ws: DiscordWebSocket | None, now: float) -> float | None:
    """Seconds since the gateway last acknowledged a heartbeat, when a heartbeat is waiting
    for its acknowledgement longer than ``ZOMBIE_AFTER_INTERVALS`` intervals; else None.

    discord.py itself reconnects only after 60 s in which nothing at all arrived, which a
    half-dead connection still delivering some events never reaches. Its heartbeat thread
    (``_keep_alive``, timed by ``time.perf_counter``) has no public view of this.
    """
    keep_alive = getattr(ws, "_keep_alive", None)  # None between connections
    if keep_alive is None or not keep_alive.interval:
        return None
    if keep_alive._last_send <= keep_alive._last_ack:
        return None  # no heartbeat waiting (or the thread itself is stuck: not the gateway)
    silence = now - keep_alive._last_ack
    return silence if silence > ZOMBIE_AFTER_INTERVALS * keep_alive.interval else None
