"""``/follow`` delivery rounds: new releases posted to their channels, how fast, how often tried.

No Discord here: the cog hands in a ``post`` coroutine and turns Discord's "channel gone"
errors into ``ChannelGone`` and its passing ones into ``PostDeferred``. What a round posts
is planned in ``bot.delivery_plan`` (pure); a round claims each delivery in the store *before* sending it, so a release reaches a
channel at most once — across repeated reloads, restarts, rounds and processes racing
each other. A post that fails for a passing reason stays pending and is tried again
with backoff, a bounded number of times; each try carries the same nonce, so Discord
keeps one message even when a try it stored was answered with an error.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.backoff import backoff_delay
from bot.delivery_plan import Post, interleave, plan
from bot.follow_keywords import wanted
from bot.store import DeliveryStore, FollowedRelease, Store, Subscription, SubscriptionStore

log = logging.getLogger(__name__)

# One message per channel per second keeps a busy load from tripping Discord's per-channel
# limit (about five per five seconds); the cap keeps one round short, the rest comes next.
CHANNEL_INTERVAL_S = 1.0
MAX_POSTS_PER_ROUND = 20
# A post failing for a passing reason is tried again after 5, 10, 20 … at most 600 s
# (jittered), MAX_TRIES times in all: given up within about 20 minutes.
RETRY_BASE_S = 5.0
RETRY_CAP_S = 600.0
MAX_TRIES = 8
# One try may take this long (discord.py waits out 429s and retries some 5xx itself)...
POST_TIMEOUT_S = 120.0
# ...and its claim lasts longer, so only a sender that died leaves a delivery to others.
CLAIM_LEASE = timedelta(minutes=5)


class ChannelGone(Exception):
    """The channel was deleted or the bot may no longer post there; the message says which."""


class PostDeferred(Exception):
    """Discord could not take the post now (rate limit, server error, lost connection);
    the message says why in a few words."""


# --- Sending ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Outcome:
    """How one try of a post ended."""

    posted: bool
    retry_in: float | None = None  # after a passing failure: seconds to the next try


_POSTED = _Outcome(posted=True)
_STOPPED = _Outcome(posted=False)  # gone, refused or given up: no more tries


class Pacer:
    """Spaces messages to one channel by ``interval`` seconds.

    Rounds send one message at a time, so the bot never has a burst in flight; discord.py
    still waits out any 429 on top of this.
    """

    def __init__(
        self,
        interval: float = CHANNEL_INTERVAL_S,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[int, float] = {}

    async def wait(self, channel_id: int) -> None:
        last = self._last.get(channel_id)
        if last is not None:
            delay = last + self.interval - self._clock()
            if delay > 0:
                await self._sleep(delay)
        self._last[channel_id] = self._clock()


class Deliverer:
    """Runs delivery rounds: one at a time, paced per channel, capped per round."""

    def __init__(
        self,
        store: Store,
        post: Callable[[Post], Awaitable[None]],
        *,
        pacer: Pacer | None = None,
        limit: int = MAX_POSTS_PER_ROUND,
    ) -> None:
        self.store = store
        self.subscriptions = SubscriptionStore(store)
        self.deliveries = DeliveryStore(store)
        self.post = post
        self.pacer = pacer or Pacer()
        self.limit = limit
        # True when the last round was capped: the next check runs even if no load happened.
        self.backlog = False
        self._seen_version: int | None = None
        self._lock = asyncio.Lock()
        self._wake: asyncio.Task[None] | None = None
        self._wake_due = 0.0  # event-loop time of the scheduled wake-up

    async def deliver_if_due(self) -> int:
        """A round when a load changed the data since the last round (always the first time,
        which catches up after a restart), when the last round left posts over, or when a
        post that failed for a passing reason is due again."""
        async with self._lock:
            version = await asyncio.to_thread(self.store.data_version)
            if version == self._seen_version and not self.backlog and not await self._retry_due():
                return 0
            posts = plan(await asyncio.to_thread(self._wanted))
            batch = interleave(posts, self.limit)
            # Recorded only once the round is through: a round cut short (the database
            # busy with a load, say) is simply run again at the next check.
            self._seen_version = None
            sent = await self._send(batch)
            self._seen_version = version
            self.backlog = len(batch) < len(posts)
            if self.backlog:
                log.info("%d posts wait for the next delivery round", len(posts) - len(batch))
            return sent

    def _wanted(self) -> list[tuple[Subscription, FollowedRelease]]:
        """What is due, less the releases a subscription's keywords do not want."""
        return wanted(self.store, self.deliveries.pending())

    async def deliver(self, posts: Sequence[Post]) -> int:
        """Send these posts (a backfill) after any round in progress; returns how many went."""
        async with self._lock:
            return await self._send(posts)

    async def _retry_due(self) -> bool:
        wait = await asyncio.to_thread(self.deliveries.seconds_to_next_try)
        return wait is not None and wait <= 0

    def _wake_for_retry(self, delay: float) -> None:
        """Run a round when a deferred post falls due, instead of at the next data check;
        one wake-up, at the earliest due time, serves them all."""
        due = asyncio.get_running_loop().time() + delay
        if self._wake is not None:
            if self._wake_due <= due:
                return
            self._wake.cancel()
        self._wake_due = due
        self._wake = asyncio.create_task(self._round_after(delay))

    async def _round_after(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._wake = None  # from here on, a deferral schedules a new wake-up
        try:
            await self.deliver_if_due()
        except Exception:
            log.exception("delivery round for due retries failed")

    def close(self) -> None:
        """Stop a scheduled retry round (the cog is unloading)."""
        if self._wake is not None:
            self._wake.cancel()

    async def _send(self, posts: Sequence[Post]) -> int:
        # A channel where a post failed gets nothing more this round: after a passing
        # failure its other posts are queued to follow the deferred one, in order.
        held: dict[int, float | None] = {}  # channel -> delay of its deferred post
        sent = 0
        for post in posts:
            if post.channel_id in held:
                delay = held[post.channel_id]
                if delay is not None:
                    await asyncio.to_thread(
                        self.deliveries.queue, post.subscription_id, post.release.id, delay
                    )
                continue
            await self.pacer.wait(post.channel_id)
            attempt = await asyncio.to_thread(
                self.deliveries.claim, post.subscription_id, post.release.id, CLAIM_LEASE
            )
            if not attempt:
                continue
            outcome = await self._send_one(post, attempt)
            if outcome.posted:
                sent += 1
            else:
                held[post.channel_id] = outcome.retry_in
        return sent

    async def _send_one(self, post: Post, attempt: int) -> _Outcome:
        """Post one claimed delivery and record how it ended."""
        key = (post.subscription_id, post.release.id)
        try:
            await asyncio.wait_for(self.post(post), POST_TIMEOUT_S)
        except ChannelGone as exc:
            await asyncio.to_thread(self.subscriptions.mark_broken, post.channel_id, str(exc))
            await asyncio.to_thread(self.deliveries.give_up, *key, str(exc))
            log.warning("stopped posting to channel %s: %s", post.channel_id, exc)
        except (PostDeferred, TimeoutError) as exc:
            retry_in = await self._defer(post, attempt, str(exc) or "timed out")
            return _Outcome(posted=False, retry_in=retry_in)
        except Exception as exc:
            # Discord refused this post itself (or a bug): trying again would not help.
            await asyncio.to_thread(self.deliveries.give_up, *key, f"refused: {exc}"[:300])
            log.exception(
                "release %s to channel %s failed; not retried", post.release.id, post.channel_id
            )
        else:
            await asyncio.to_thread(self.deliveries.mark_sent, *key)
            return _POSTED
        return _STOPPED

    async def _defer(self, post: Post, attempt: int, reason: str) -> float | None:
        """Leave the post for a later try after backoff, and return the delay; None when
        its tries are used up and it is given up."""
        key = (post.subscription_id, post.release.id)
        if attempt >= MAX_TRIES:
            await asyncio.to_thread(self.deliveries.give_up, *key, reason)
            log.warning(
                "release %s to channel %s not posted after %d tries (%s); given up",
                post.release.id,
                post.channel_id,
                attempt,
                reason,
            )
            return None
        delay = backoff_delay(attempt, base=RETRY_BASE_S, cap=RETRY_CAP_S)
        await asyncio.to_thread(self.deliveries.retry_later, *key, reason, delay)
        log.warning(
            "release %s to channel %s not posted (%s); trying again in %.0f s",
            post.release.id,
            post.channel_id,
            reason,
            delay,
        )
        self._wake_for_retry(delay)
        return delay
