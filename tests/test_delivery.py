"""/follow deliveries without Discord: keyword filters, planning, pacing, and rounds on a real store."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from bot import delivery
from bot.config import Settings
from bot.delivery import CLAIM_LEASE, MAX_TRIES, ChannelGone, Deliverer, Pacer, PostDeferred
from bot.delivery_plan import Post, interleave, plan
from bot.follow_keywords import (
    NO_COMPANY,
    NO_DATES,
    NO_WORDS,
    describe_keywords,
    parse_keywords,
    stored_query,
    wanted,
)
from bot.lookup import BadQuery
from bot.records import Quote
from bot.store import (
    DeliveryStore,
    FollowedRelease,
    Store,
    Subscription,
    SubscriptionStore,
)
from bot.store.follow_tables import DeliveryRow
from bot.store.models import Release
from tests.conftest import load
from tests.helpers import FakeTime

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
    return Subscription(
        id=sub_id,
        guild_id=GUILD,
        channel_id=channel_id,
        company_name="Akeso",
        keywords=keywords,
        broken_reason=None,
        broken_at=None,
    )


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


def test_keywords_are_news_queries_described_once_each() -> None:
    query = parse_keywords("Phase  III “Data Readout” phase")
    assert query.terms == ("Phase", "III", "phase") and query.phrases == (("Data", "Readout"),)
    assert describe_keywords(query) == 'Phase III "Data Readout"'
    for typed in ('Phase III "Data Readout"', "-trial approval", 'title:"phase III" -Approval'):
        stored = describe_keywords(parse_keywords(typed))
        assert parse_keywords(stored) == parse_keywords(typed)
        assert stored_query(stored) == parse_keywords(typed)
    assert describe_keywords(parse_keywords("approval title:phase -x")) == "title:approval phase -x"
    assert parse_keywords("phase\x00III").terms == ("phase", "III")
    assert stored_query("") is None


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ('  "" ', NO_WORDS),
        ("\x00\u200b\x07", NO_WORDS),
        ("&& --", NO_WORDS),
        ("approval 2024", NO_DATES),
        ("approval 2023-03..2024-06", NO_DATES),
        ("company:Akeso approval", NO_COMPANY),
    ],
)
def test_keywords_without_words_or_with_dates_or_a_company_are_refused(
    typed: str, why: str
) -> None:
    with pytest.raises(BadQuery) as refused:
        parse_keywords(typed)
    assert str(refused.value) == why


def test_keywords_match_whole_words_as_news_does(loaded_store: Store, settings: Settings) -> None:
    """Through the store's word matcher: stems and phrases across spacing, every word needed,
    never part of a word; a CJK word inside a sentence (on PostgreSQL too when set)."""
    records = [
        akeso("Phase III trials start", "2024-02-01", "The\nPHASE   iii data read out."),
        akeso("依沃西单抗获批上市", "2024-02-02", "康方生物宣布依沃西单抗获批"),
    ]
    write_records(settings.data_dir, "akeso.jsonl", records)
    load(loaded_store, settings)
    trials, chinese = DeliveryStore(loaded_store).latest("Akeso", 2)[::-1]

    def matched(keywords: str) -> list[str]:
        pairs = [(subscription(1, NEWS_CHANNEL, keywords), item) for item in (trials, chinese)]
        return [item.title for _, item in wanted(loaded_store, pairs)]

    assert matched('"phase iii" trial') == [trials.title]  # phrase across spacing; stem
    assert matched("phase approval") == []  # every word is needed
    assert matched("ase") == matched("tri") == []  # part of a word is not a match
    assert matched("获批") == [chinese.title]
    assert matched("-获批") == [trials.title]
    assert matched("") == [trials.title, chinese.title]


# --- Planning --------------------------------------------------------------------------


def test_plan_is_oldest_first_once_per_channel() -> None:
    news, also_news = subscription(1, NEWS_CHANNEL), subscription(2, NEWS_CHANNEL)
    other = subscription(3, OTHER_CHANNEL, keywords="approval")
    march, january = release(5, "2024-03-01"), release(6, "2024-01-01", title="Approval")
    undated = release(4, None)
    posts = plan(
        [
            (news, undated),
            (news, march),
            (also_news, march),  # a second subscription in the same channel wants it too
            (news, january),
            (other, january),  # what its keywords wanted
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
        self.deliveries = DeliveryStore(store)
        self.posted: list[Post] = []
        self.failing: dict[int, Exception] = {}
        time = FakeTime()
        self.deliverer = Deliverer(
            store,
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


def test_a_refused_post_is_never_retried_and_shows_why(
    loaded_store: Store, settings: Settings
) -> None:
    """Discord refused the post itself (or a bug): trying again would not help."""
    posts = Round(loaded_store)
    sub = posts.follow()
    posts.failing[NEWS_CHANNEL] = RuntimeError("400 Bad Request: Invalid Form Body")
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == []
    del posts.failing[NEWS_CHANNEL]
    posts.deliverer.backlog = True  # force a round even though no load happened
    assert posts.run() == []
    assert [s.broken_reason for s in posts.subscriptions.for_guild(GUILD)] == [None]
    (given_up,) = posts.deliveries.undelivered(GUILD)
    assert (given_up.subscription_id, given_up.title, given_up.attempts) == (sub.id, "One", 1)
    assert given_up.reason == "refused: 400 Bad Request: Invalid Form Body"


@pytest.fixture
def retry_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deferred posts fall due at once, so each round is the next try."""
    monkeypatch.setattr(delivery, "RETRY_BASE_S", 0.0)


@pytest.mark.usefixtures("retry_at_once")
def test_a_passing_failure_is_tried_again_in_order_and_posted_once(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store)
    posts.follow(NEWS_CHANNEL)
    posts.follow(OTHER_CHANNEL)
    posts.failing[NEWS_CHANNEL] = PostDeferred("rate limited (429)")
    records = [akeso("One", "2024-02-01"), akeso("Two", "2024-02-02")]
    write_records(settings.data_dir, "akeso.jsonl", records)
    load(loaded_store, settings)
    # The rest of the failing channel waits behind its first post; the others go on.
    assert posts.run() == [(OTHER_CHANNEL, "One"), (OTHER_CHANNEL, "Two")]
    assert posts.deliveries.seconds_to_next_try() == pytest.approx(0, abs=1)
    del posts.failing[NEWS_CHANNEL]
    assert posts.run() == [(NEWS_CHANNEL, "One"), (NEWS_CHANNEL, "Two")]
    assert posts.run() == []
    assert posts.deliveries.seconds_to_next_try() is None
    assert posts.deliveries.undelivered(GUILD) == []


@pytest.mark.usefixtures("retry_at_once")
def test_a_deferred_backfill_keeps_its_place_and_its_order(
    loaded_store: Store, settings: Settings
) -> None:
    records = [akeso(f"Update {n}", f"2024-02-0{n}") for n in range(1, 4)]
    write_records(settings.data_dir, "akeso.jsonl", records)
    load(loaded_store, settings)
    posts = Round(loaded_store)
    sub = posts.follow()  # the updates existed before: only a backfill posts them
    latest = posts.deliveries.latest("Akeso", 3)
    backfill = plan((sub, r) for r in latest)
    posts.failing[NEWS_CHANNEL] = PostDeferred("rate limited (429)")
    assert asyncio.run(posts.deliverer.deliver(backfill)) == 0
    del posts.failing[NEWS_CHANNEL]
    assert posts.run() == [(NEWS_CHANNEL, f"Update {n}") for n in range(1, 4)]
    assert posts.run() == []


def test_a_deferred_post_waits_for_its_backoff(loaded_store: Store, settings: Settings) -> None:
    posts = Round(loaded_store)
    posts.follow()
    posts.failing[NEWS_CHANNEL] = PostDeferred("Discord server error 503")
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == []
    del posts.failing[NEWS_CHANNEL]
    wait = posts.deliveries.seconds_to_next_try()
    assert wait is not None and delivery.RETRY_BASE_S / 2 - 1 <= wait <= delivery.RETRY_BASE_S
    assert posts.run() == []  # not due yet: no round, nothing claimed
    assert posts.deliveries.pending() == []


@pytest.mark.usefixtures("retry_at_once")
def test_a_post_that_keeps_failing_is_given_up_after_its_tries(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store)
    sub = posts.follow()
    posts.failing[NEWS_CHANNEL] = PostDeferred("Discord server error 503")
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    for _ in range(MAX_TRIES + 2):
        assert posts.run() == []
    (given_up,) = posts.deliveries.undelivered(GUILD)
    assert given_up.subscription_id == sub.id
    assert (given_up.attempts, given_up.reason) == (MAX_TRIES, "Discord server error 503")
    assert posts.deliveries.seconds_to_next_try() is None
    assert [s.broken_reason for s in posts.subscriptions.for_guild(GUILD)] == [None]
    posts.follow()  # following again acknowledges it
    assert posts.deliveries.undelivered(GUILD) == []


@pytest.mark.usefixtures("retry_at_once")
def test_a_post_that_hangs_is_tried_again(
    loaded_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "POST_TIMEOUT_S", 0.05)
    posts = Round(loaded_store)
    posts.follow()
    hung = asyncio.Event()

    async def hang(post: Post) -> None:
        hung.set()
        await asyncio.Event().wait()

    posts.deliverer.post = hang
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == []
    assert hung.is_set()
    posts.deliverer.post = posts.post
    assert posts.run() == [(NEWS_CHANNEL, "One")]


def test_every_try_of_a_post_carries_the_same_short_nonce() -> None:
    one = Post(1, GUILD, NEWS_CHANNEL, release(5))
    assert one.nonce == Post(2, GUILD, NEWS_CHANNEL, release(5)).nonce
    others = {
        Post(1, GUILD, OTHER_CHANNEL, release(5)).nonce,
        Post(1, GUILD, NEWS_CHANNEL, release(6)).nonce,
    }
    assert one.nonce not in others and len(others) == 2
    assert one.nonce.isdigit() and len(one.nonce) <= 25


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


def test_a_due_release_carries_its_first_quote_and_a_link(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store)
    sub = posts.follow()
    quotes = [
        {"speaker": "Michelle Xia", "role": "CEO", "text": "A milestone for patients."},
        {"speaker": "Yu Xia", "role": None, "text": "A second quote."},
    ]
    record = akeso("Approval", "2024-02-01") | {"url": "https://example.com/a", "quotes": quotes}
    write_records(settings.data_dir, "akeso.jsonl", [record])
    load(loaded_store, settings)
    ((subscription, stored),) = posts.deliveries.pending()
    assert subscription == sub
    assert (stored.company, stored.title, stored.date) == ("Akeso", "Approval", "2024-02-01")
    assert stored.quote == Quote("Michelle Xia", "CEO", "A milestone for patients.")
    assert stored.url == "https://example.com/a"
    with loaded_store.engine.begin() as conn:
        conn.execute(update(Release).values(url=None))
    ((_, stored),) = posts.deliveries.pending()
    assert stored.url == "https://example.com/a"  # its source's link stands in
    assert posts.deliveries.latest("Akeso", 1) == [stored]


def test_releases_for_posts_are_read_in_batches_in_order(
    loaded_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [akeso(f"Update {n}", f"2024-02-0{n}") for n in range(1, 6)]
    write_records(settings.data_dir, "akeso.jsonl", records)
    load(loaded_store, settings)
    monkeypatch.setattr("bot.store.in_lists.VALUES_PER_QUERY", 2)
    latest = DeliveryStore(loaded_store).latest("Akeso", 4)
    assert [release.title for release in latest] == [f"Update {n}" for n in (5, 4, 3, 2)]


def test_claims_decide_at_most_once(loaded_store: Store, settings: Settings) -> None:
    posts = Round(loaded_store)
    sub = posts.follow()
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    ((_, stored),) = posts.deliveries.pending()
    assert posts.deliveries.claim(sub.id, stored.id, CLAIM_LEASE) == 1
    assert not posts.deliveries.claim(sub.id, stored.id, CLAIM_LEASE)  # a racing round loses
    assert posts.deliveries.pending() == []


def test_a_claim_whose_sender_died_is_taken_over_when_its_lease_ends(
    loaded_store: Store, settings: Settings
) -> None:
    posts = Round(loaded_store)
    sub = posts.follow()
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    ((_, stored),) = posts.deliveries.pending()
    assert posts.deliveries.claim(sub.id, stored.id, timedelta(0)) == 1  # then it died
    assert posts.run() == [(NEWS_CHANNEL, "One")]
    assert not posts.deliveries.claim(sub.id, stored.id, timedelta(0))
    assert posts.run() == []


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
        assert session.scalar(select(func.count()).select_from(DeliveryRow)) == 0


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


def test_deliveries_made_before_retries_existed_count_as_sent(
    loaded_store: Store, settings: Settings
) -> None:
    """Migrating an existing database must not post its old deliveries again."""
    from alembic import command

    from bot.store import migrations

    posts = Round(loaded_store)
    posts.follow()
    write_records(settings.data_dir, "akeso.jsonl", [akeso("One", "2024-02-01")])
    load(loaded_store, settings)
    assert posts.run() == [(NEWS_CHANNEL, "One")]
    with loaded_store.engine.begin() as conn:
        command.downgrade(migrations._config(conn), "0002")
    with loaded_store.engine.begin() as conn:
        migrations.upgrade(conn)
    assert posts.deliveries.pending() == []
    with loaded_store.session() as session:
        assert session.scalars(select(DeliveryRow.status)).all() == ["sent"]


def test_keywords_stored_before_the_query_language_keep_their_words(loaded_store: Store) -> None:
    """A stored word ``/news`` would read as an exclusion, a year or a filter is quoted."""
    from alembic import command

    from bot.store import migrations

    posts = Round(loaded_store)
    with loaded_store.engine.begin() as conn:
        command.downgrade(migrations._config(conn), "0007")
    stored = posts.follow(keywords='phase III "data readout" -x 2024 company:acme R&D')
    with loaded_store.engine.begin() as conn:
        migrations.upgrade(conn)
    (migrated,) = posts.subscriptions.for_guild(GUILD)
    assert migrated.id == stored.id
    assert migrated.keywords == 'phase III "data readout" "-x" "2024" "company:acme" "R&D"'
    query = stored_query(migrated.keywords)
    assert query is not None and query.terms == ("phase", "III") and not query.excluded
    assert query.since is None and query.company_ids == ()


def test_two_processes_on_one_database_post_each_release_once(
    loaded_store: Store, settings: Settings
) -> None:
    """Shards split across machines each run delivery rounds: every due post is claimed
    by exactly one of them (on PostgreSQL when ``TEST_DATABASE_URL`` is set)."""
    records = [akeso(f"Update {n}", f"2024-02-0{n}") for n in range(1, 7)]
    first = Round(loaded_store)
    first.follow(NEWS_CHANNEL)
    first.follow(OTHER_CHANNEL)
    write_records(settings.data_dir, "akeso.jsonl", records)
    load(loaded_store, settings)
    other_process = Store(loaded_store.url)
    second = Round(other_process)
    both_sending = threading.Barrier(2)
    for rounds in (first, second):
        send = rounds.post

        async def slow(post: Post, send: Callable[[Post], Awaitable[None]] = send) -> None:
            await asyncio.sleep(0.02)  # keep both senders inside a round together
            await send(post)

        rounds.deliverer.post = slow

    def run(rounds: Round) -> list[tuple[int, str]]:
        both_sending.wait()
        return rounds.run()

    try:
        with ThreadPoolExecutor(2) as pool:
            posted = [*pool.map(run, (first, second))]
    finally:
        other_process.close()
    everything = sorted(posted[0] + posted[1])
    assert everything == sorted(
        (channel, f"Update {n}") for channel in (NEWS_CHANNEL, OTHER_CHANNEL) for n in range(1, 7)
    )
