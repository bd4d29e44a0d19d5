"""/follow deliveries without Discord: keyword filters, planning, pacing, and rounds on a real store."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.delivery import (
    ChannelGone,
    Deliverer,
    FollowedRelease,
    Pacer,
    Post,
    describe_keywords,
    interleave,
    keyword_terms,
    matches,
    plan,
)
from bot.store import Delivery, Store, Subscription, SubscriptionStore
from tests.conftest import load

GUILD = 1
NEWS_CHANNEL = 10
OTHER_CHANNEL = 20


def release(
    release_id: int, when: str | None = "2024-01-01", *, title: str = "", body: str = ""
) -> FollowedRelease:
    return FollowedRelease(
        id=release_id,
        company="Akeso",
        title=title or f"Release {release_id}",
        date=when,
        sort_date=date.fromisoformat(when) if when else None,
        summary="",
        body=body,
        url=None,
        quote=None,
    )


def subscription(sub_id: int, channel_id: int, keywords: str = "") -> Subscription:
    return Subscription(id=sub_id, guild_id=GUILD, channel_id=channel_id, keywords=keywords)


def write_records(data_dir: Path, name: str, records: list[dict[str, Any]]) -> Path:
    path = data_dir / "releases" / "new" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return path


def akeso(title: str, when: str, extra: str = "") -> dict[str, Any]:
    return {
        "company": "Akeso",
        "title": title,
        "date": when,
        "body": f"Akeso announced {title.lower()} today. {extra}".strip(),
    }


# --- Keywords --------------------------------------------------------------------------


def test_keywords_are_words_and_quoted_phrases_folded_once() -> None:
    terms = keyword_terms("Phase  III “Data Readout” phase")
    assert terms == ("Phase", "III", "Data Readout")
    assert describe_keywords(terms) == 'Phase III "Data Readout"'
    assert keyword_terms(describe_keywords(terms)) == terms
    assert keyword_terms('  "" ') == ()
    assert keyword_terms("\x00\u200b\x07") == ()
    assert keyword_terms("phase\x00III") == ("phase", "III")


def test_every_keyword_must_start_a_word_somewhere_in_the_release() -> None:
    item = release(1, title="Phase III trials start", body="The\nPHASE   iii data read out.")
    assert matches(item, keyword_terms('"phase iii" trial'))  # phrase across spacing; prefix
    assert not matches(item, keyword_terms("phase approval"))  # every term is needed
    assert not matches(item, keyword_terms("ase"))  # mid-word is not a match
    assert matches(item, ())
    chinese = release(2, body="康方生物宣布依沃西单抗获批")
    assert matches(chinese, keyword_terms("获批"))


# --- Planning --------------------------------------------------------------------------


def test_plan_is_oldest_first_once_per_channel_and_filtered() -> None:
    news, also_news = subscription(1, NEWS_CHANNEL), subscription(2, NEWS_CHANNEL)
    filtered = subscription(3, OTHER_CHANNEL, keywords="approval")
    march, january = release(5, "2024-03-01"), release(6, "2024-01-01", title="Approval")
    undated = release(4, None)
    posts = plan(
        [
            (news, undated),
            (news, march),
            (also_news, march),  # a second subscription in the same channel wants it too
            (news, january),
            (filtered, march),
            (filtered, january),
        ]
    )
    assert [(p.channel_id, p.release.id) for p in posts] == [
        (NEWS_CHANNEL, 6),
        (OTHER_CHANNEL, 6),
        (NEWS_CHANNEL, 5),
        (NEWS_CHANNEL, 4),
    ]


def test_interleave_takes_channels_in_turn_up_to_the_cap() -> None:
    def post(channel: int, release_id: int) -> Post:
        return Post(1, GUILD, channel, release(release_id))

    posts = [post(NEWS_CHANNEL, n) for n in range(5)] + [post(OTHER_CHANNEL, 9)]
    batch = interleave(posts, 4)
    assert [(p.channel_id, p.release.id) for p in batch] == [
        (NEWS_CHANNEL, 0),
        (OTHER_CHANNEL, 9),
        (NEWS_CHANNEL, 1),
        (NEWS_CHANNEL, 2),
    ]


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_pacer_spaces_messages_per_channel_only() -> None:
    time = FakeTime()
    pacer = Pacer(1.0, clock=time.clock, sleep=time.sleep)

    async def run() -> None:
        await pacer.wait(NEWS_CHANNEL)
        await pacer.wait(OTHER_CHANNEL)  # another channel: no wait
        time.now += 0.25
        await pacer.wait(NEWS_CHANNEL)  # 0.25 s after the last one: wait the rest

    asyncio.run(run())
    assert time.sleeps == [0.75]


# --- Rounds on a real store --------------------------------------------------------------


class Round:
    """A deliverer on the test store whose posts land in a list (or fail as told)."""

    def __init__(self, store: Store, *, limit: int = 20) -> None:
        self.subscriptions = SubscriptionStore(store)
        self.posted: list[Post] = []
        self.failing: dict[int, Exception] = {}
        time = FakeTime()
        self.deliverer = Deliverer(
            self.subscriptions,
            self.post,
            pacer=Pacer(1.0, clock=time.clock, sleep=time.sleep),
            limit=limit,
        )

    async def post(self, post: Post) -> None:
        if post.channel_id in self.failing:
            raise self.failing[post.channel_id]
        self.posted.append(post)

    def follow(self, channel_id: int = NEWS_CHANNEL, keywords: str = "") -> Subscription:
        sub, _ = self.subscriptions.follow(
            guild_id=GUILD, channel_id=channel_id, company="Akeso", keywords=keywords, user_id=7
        )
        return sub

    def run(self) -> list[tuple[int, str]]:
        """One check as the timer would run it; what it posted, as (channel, title)."""
        before = len(self.posted)
        asyncio.run(self.deliverer.deliver_if_due())
        return [(p.channel_id, p.release.title) for p in self.posted[before:]]


def test_new_releases_post_once_in_date_order_across_reloads_and_restarts(
    loaded_store: Store, settings: Settings
) -> None:
    first = Round(loaded_store)
    first.follow()
    assert first.run() == []  # what existed when the channel followed is not news
    write_records(
        settings.data_dir,
        "akeso.jsonl",
        [akeso("Second approval", "2024-03-02"), akeso("First approval", "2024-02-01")],
    )
    assert load(loaded_store, settings).tally.added == 2
    assert first.run() == [(NEWS_CHANNEL, "First approval"), (NEWS_CHANNEL, "Second approval")]
    assert load(loaded_store, settings).tally.changed is False
    assert first.run() == []
    assert Round(loaded_store).run() == []  # a restart: a new deliverer on the same database


def test_an_edited_release_is_not_posted_again(loaded_store: Store, settings: Settings) -> None:
    posts = Round(loaded_store)
    posts.follow()
    path = write_records(settings.data_dir, "akeso.jsonl", [akeso("Approval", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == [(NEWS_CHANNEL, "Approval")]
    path.write_text(json.dumps(akeso("Approval", "2024-02-01", "Corrected.")), encoding="utf-8")
    assert load(loaded_store, settings).tally.updated == 1
    assert posts.run() == []


def test_keywords_choose_what_a_channel_gets(loaded_store: Store, settings: Settings) -> None:
    posts = Round(loaded_store)
    posts.follow(NEWS_CHANNEL)
    posts.follow(OTHER_CHANNEL, keywords='"phase III"')
    write_records(
        settings.data_dir,
        "akeso.jsonl",
        [akeso("Phase III readout", "2024-02-01"), akeso("New plant", "2024-02-02")],
    )
    load(loaded_store, settings)
    assert sorted(posts.run()) == [
        (NEWS_CHANNEL, "New plant"),
        (NEWS_CHANNEL, "Phase III readout"),
        (OTHER_CHANNEL, "Phase III readout"),
    ]


def test_a_gone_channel_is_marked_broken_and_the_others_still_deliver(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store)
    posts.follow(NEWS_CHANNEL)
    posts.follow(OTHER_CHANNEL)
    posts.failing[NEWS_CHANNEL] = ChannelGone("the channel no longer exists")
    write_records(
        settings.data_dir,
        "akeso.jsonl",
        [akeso("One", "2024-02-01"), akeso("Two", "2024-02-02")],
    )
    load(loaded_store, settings)
    assert posts.run() == [(OTHER_CHANNEL, "One"), (OTHER_CHANNEL, "Two")]
    broken = {s.channel_id: s.broken_reason for s in posts.subscriptions.for_guild(GUILD)}
    assert broken == {NEWS_CHANNEL: "the channel no longer exists", OTHER_CHANNEL: None}
    write_records(settings.data_dir, "more.jsonl", [akeso("Three", "2024-02-03")])
    load(loaded_store, settings)
    assert posts.run() == [(OTHER_CHANNEL, "Three")]  # the broken one is not tried again


def test_an_unexpected_failure_is_never_retried(loaded_store: Store, settings: Settings) -> None:
    """Discord may have posted before failing: skipping beats posting twice."""
    posts = Round(loaded_store)
    posts.follow()
    posts.failing[NEWS_CHANNEL] = RuntimeError("connection reset")
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == []
    del posts.failing[NEWS_CHANNEL]
    posts.deliverer.backlog = True  # force a round even though no load happened
    assert posts.run() == []
    assert [s.broken_reason for s in posts.subscriptions.for_guild(GUILD)] == [None]


def test_a_capped_round_leaves_the_rest_for_the_next(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store, limit=2)
    posts.follow()
    records = [akeso(f"Update {n}", f"2024-02-0{n}") for n in range(1, 6)]
    write_records(settings.data_dir, "akeso.jsonl", records)
    load(loaded_store, settings)
    assert [title for _, title in posts.run()] == ["Update 1", "Update 2"]
    assert posts.deliverer.backlog
    assert [title for _, title in posts.run()] == ["Update 3", "Update 4"]
    assert [title for _, title in posts.run()] == ["Update 5"]
    assert not posts.deliverer.backlog
    assert posts.run() == []


def test_claims_decide_at_most_once(loaded_store: Store, settings: Settings) -> None:
    posts = Round(loaded_store)
    sub = posts.follow()
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    ((_, stored),) = posts.subscriptions.pending()
    assert posts.subscriptions.claim(sub.id, stored.id)
    assert not posts.subscriptions.claim(sub.id, stored.id)  # a racing round loses
    assert posts.subscriptions.pending() == []


def test_removed_releases_take_their_deliveries_along(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store)
    posts.follow()
    path = write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == [(NEWS_CHANNEL, "One")]
    path.unlink()
    assert load(loaded_store, settings).tally.removed == 1
    with loaded_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Delivery)) == 0


def test_leaving_a_guild_forgets_its_subscriptions(loaded_store: Store) -> None:
    posts = Round(loaded_store)
    posts.follow(NEWS_CHANNEL)
    posts.follow(OTHER_CHANNEL)
    other_guild, _ = posts.subscriptions.follow(
        guild_id=2, channel_id=30, company="Akeso", keywords="", user_id=7
    )
    assert posts.subscriptions.remove_guild(GUILD) == 2
    assert posts.subscriptions.for_guild(GUILD) == []
    assert [s.id for s in posts.subscriptions.for_guild(2)] == [other_guild.id]


@pytest.mark.parametrize("keywords", ["", "approval"])
def test_following_again_renews_and_starts_afresh(
    loaded_store: Store, settings: Settings, keywords: str
) -> None:
    posts = Round(loaded_store)
    first = posts.follow()
    posts.subscriptions.mark_broken(NEWS_CHANNEL, "the channel no longer exists")
    write_records(settings.data_dir, "akeso.jsonl", [akeso("Approval", "2024-02-01")])
    load(loaded_store, settings)
    again = posts.follow(keywords=keywords)
    assert again.id == first.id
    assert again.broken_reason is None and again.keywords == keywords
    assert posts.run() == []  # the release loaded while it was broken is not news any more
