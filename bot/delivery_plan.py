"""What a delivery round posts: which releases go to which channel, and in what order.

Pure: the releases and subscriptions come in as store values, posts go out. Which
releases a subscription's keywords want is the store's word matcher
(``bot.follow_keywords.wanted``), asked before planning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.store import FollowedRelease, Subscription


@dataclass(frozen=True, slots=True)
class Post:
    """One release for one channel, on behalf of the subscription that wants it there."""

    subscription_id: int
    guild_id: int
    channel_id: int
    release: FollowedRelease

    @property
    def nonce(self) -> str:
        """The same for every try of this release in this channel: with ``enforce_nonce``
        Discord answers a repeated nonce with the message it already has (for a few
        minutes), so a try after an ambiguous 502/504 cannot post twice. Discord allows
        25 characters; a 63-bit number has at most 19 digits."""
        key = f"{self.channel_id}:{self.release.id}".encode()
        return str(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest()) >> 1)


def _oldest_first(release: FollowedRelease) -> tuple[bool, dt.date, int]:
    return (release.sort_date is None, release.sort_date or dt.date.min, release.id)


def plan(candidates: Iterable[tuple[Subscription, FollowedRelease]]) -> list[Post]:
    """What to post: the wanted releases oldest first (undated last), each release once
    per channel even if two subscriptions there want it."""
    posts: list[Post] = []
    seen: set[tuple[int, int]] = set()
    for subscription, release in sorted(candidates, key=lambda pair: _oldest_first(pair[1])):
        key = (subscription.channel_id, release.id)
        if key in seen:
            continue
        seen.add(key)
        posts.append(Post(subscription.id, subscription.guild_id, subscription.channel_id, release))
    return posts


def interleave(posts: Sequence[Post], limit: int) -> list[Post]:
    """At most ``limit`` posts, taking channels in turn so one busy channel cannot starve
    the others; each channel keeps its own order."""
    queues: dict[int, list[Post]] = {}
    for post in posts:
        queues.setdefault(post.channel_id, []).append(post)
    batch: list[Post] = []
    depth = 0
    while len(batch) < limit and any(depth < len(queue) for queue in queues.values()):
        batch.extend(queue[depth] for queue in queues.values() if depth < len(queue))
        depth += 1
    return batch[:limit]
