"""/follow, /unfollow, /following through the real command tree, and what gets posted."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, cast

import discord
import pytest

from bot import delivery
from bot.client import NewsBot
from bot.config import Settings
from bot.delivery import Pacer
from bot.offline import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    MEMBER_PERMISSIONS,
    OfflineResult,
    OfflineRunner,
    autocomplete_payload,
    command_payload,
)
from bot.store import Store
from commands.follow import FollowCog
from tests.commands.conftest import Ask
from tests.commands.test_hostile import NASTY
from tests.conftest import load
from tests.helpers import MockGuild, MockTextChannel, http_error
from tests.limits import assert_message_within_limits, assert_sane
from tests.test_delivery import akeso, write_records

NEWS_CHANNEL = 300_000_000_000_000_777
CHANNEL_POST = re.compile(r"/channels/(\d+)/messages")
MANAGE_CHANNELS = MEMBER_PERMISSIONS | discord.Permissions(manage_channels=True)


def quick(bot: NewsBot) -> FollowCog:
    """The bot's follow cog without the one-second spacing, so tests do not wait.

    (Extensions are loaded as fresh module objects, so the class is not ``FollowCog``'s.)
    """
    cog = cast(FollowCog, bot.get_cog("FollowCog"))
    assert cog is not None
    cog.deliverer.pacer = Pacer(0.0)
    return cog


@pytest.fixture
def cog(newsbot: NewsBot) -> FollowCog:
    return quick(newsbot)


def posts(result: OfflineResult) -> list[tuple[int, dict[str, Any]]]:
    """Messages posted straight to channels (not replies), as (channel id, embed)."""
    found = []
    for call in result.calls:
        channel = CHANNEL_POST.fullmatch(call.path)
        if call.method == "POST" and channel and call.payload:
            (embed,) = call.payload["embeds"]
            found.append((int(channel[1]), embed))
    return found


def titles(result: OfflineResult) -> list[str]:
    return [embed["title"] for _, embed in posts(result)]


def in_channel(
    payload: dict[str, Any], channel_id: int, permissions: discord.Permissions
) -> dict[str, Any]:
    """Add the channel option as Discord sends it: the id, plus the channel resolved with
    the member's permissions there."""
    payload["data"]["options"].append({"name": "channel", "type": 7, "value": str(channel_id)})
    channel = {
        "id": str(channel_id),
        "type": 0,
        "name": "news",
        "parent_id": None,
        "permissions": str(permissions.value),
    }
    payload["data"]["resolved"] = {"channels": {str(channel_id): channel}}
    return payload


def as_member_with(payload: dict[str, Any], permissions: discord.Permissions) -> dict[str, Any]:
    payload["member"]["permissions"] = str(permissions.value)
    return payload


def following(ask: Ask) -> dict[str, Any]:
    result = ask("following")
    assert_sane(result)
    assert result.ephemeral and result.embed is not None
    return result.embed


def add_two_akeso_releases(data_dir: Path) -> None:
    later = akeso("Akeso wins approval", "2024-03-02") | {
        "url": "https://www.akesobio.com/news/approval",
        "quotes": [{"speaker": "Yu Xia", "role": "CEO", "text": "A milestone for patients."}],
    }
    write_records(data_dir, "akeso.jsonl", [later, akeso("Akeso opens a plant", "2024-02-01")])


def test_follow_list_and_unfollow(ask: Ask, cog: FollowCog) -> None:
    assert "Nothing yet" in following(ask)["description"]
    followed = ask("follow", {"company": "akeso"}, administrator=True)
    assert_sane(followed)
    assert followed.ephemeral and followed.embed is not None
    assert followed.embed["title"] == "Following Akeso"
    assert f"<#{DEFAULT_CHANNEL_ID}>" in followed.embed["description"]
    assert not posts(followed)  # no backfill asked: nothing old is posted

    listing = following(ask)
    assert listing["title"] == "Followed in this server (1)"
    assert f"<#{DEFAULT_CHANNEL_ID}> · **Akeso**" in listing["description"]

    again = ask("follow", {"company": "Akeso", "keywords": "approval"}, administrator=True)
    assert again.embed is not None and "renews" in again.embed["description"]
    assert "only with approval" in following(ask)["description"]

    gone = ask("unfollow", {"company": "Akeso"}, administrator=True)
    assert_sane(gone)
    assert gone.embed is not None and gone.embed["title"] == "Unfollowed Akeso"
    assert "Nothing yet" in following(ask)["description"]
    missing = ask("unfollow", {"company": "Akeso"}, administrator=True)
    assert missing.embed is not None and "not followed" in missing.embed["description"]


def test_members_without_manage_server_are_refused(ask: Ask, cog: FollowCog) -> None:
    for name in ("follow", "unfollow"):
        result = ask(name, {"company": "Akeso"})
        assert_sane(result)
        assert result.ephemeral and result.embed is not None
        assert result.embed["title"] == "Not allowed", name
        assert "Manage Server" in result.embed["description"]
    assert "Nothing yet" in following(ask)["description"]  # listing is for everyone
    assert ask("follow", {"company": "Akeso"}, guild_id=None).embed["title"] == "Not allowed"


def test_manage_channels_is_enough_in_that_channel(ask: Ask, cog: FollowCog) -> None:
    there = in_channel(
        command_payload("follow", {"company": "Akeso"}), NEWS_CHANNEL, MANAGE_CHANNELS
    )
    result = ask.payload(there)
    assert_sane(result)
    assert result.embed is not None and result.embed["title"] == "Following Akeso"
    assert f"<#{NEWS_CHANNEL}>" in result.embed["description"]
    here = ask.payload(command_payload("follow", {"company": "Laekna"}))
    assert here.embed is not None and here.embed["title"] == "Not allowed"
    # Unfollowing from elsewhere without naming the channel needs Manage Server.
    elsewhere = ask.payload(
        as_member_with(command_payload("unfollow", {"company": "Akeso"}), MANAGE_CHANNELS)
    )
    assert elsewhere.embed is not None and elsewhere.embed["title"] == "Not allowed"
    named = ask.payload(
        in_channel(command_payload("unfollow", {"company": "Akeso"}), NEWS_CHANNEL, MANAGE_CHANNELS)
    )
    assert named.embed is not None and named.embed["title"] == "Unfollowed Akeso"


def test_a_reload_posts_each_new_release_once_in_date_order(
    ask: Ask,
    cog: FollowCog,
    settings: Settings,
    loaded_store: Store,
    loop: asyncio.AbstractEventLoop,
) -> None:
    ask("follow", {"company": "Akeso"}, administrator=True)
    add_two_akeso_releases(settings.data_dir)
    reload = ask("reload", administrator=True)
    assert_sane(reload)  # the posts too: within limits, mentions off
    assert [channel for channel, _ in posts(reload)] == [DEFAULT_CHANNEL_ID] * 2
    assert titles(reload) == ["Akeso opens a plant", "Akeso wins approval"]
    embed = posts(reload)[1][1]
    assert embed["author"]["name"] == "Akeso · 2 Mar 2024"
    assert embed["url"] == "https://www.akesobio.com/news/approval"
    assert [f["name"] for f in embed["fields"]] == ["Quote", "Source"]
    assert "Yu Xia, CEO" in embed["fields"][0]["value"]

    assert posts(ask("reload", administrator=True)) == []

    restarted = NewsBot(settings, loaded_store)
    loop.run_until_complete(restarted.load_features())
    quick(restarted)
    runner = OfflineRunner(restarted)
    assert loop.run_until_complete(runner.background(restarted.after_load)).calls == []


def test_a_load_by_another_process_is_picked_up(
    ask: Ask,
    cog: FollowCog,
    newsbot: NewsBot,
    runner: OfflineRunner,
    settings: Settings,
    loaded_store: Store,
) -> None:
    ask("follow", {"company": "Akeso"}, administrator=True)
    add_two_akeso_releases(settings.data_dir)
    load(loaded_store, settings, actor="cli")
    check = ask.loop.run_until_complete(runner.background(newsbot.after_load))
    assert titles(check) == ["Akeso opens a plant", "Akeso wins approval"]
    assert_sane(check)
    assert ask.loop.run_until_complete(runner.background(newsbot.after_load)).calls == []


def test_keywords_filter_what_is_posted(ask: Ask, cog: FollowCog, settings: Settings) -> None:
    followed = ask("follow", {"company": "Akeso", "keywords": "“phase III”"}, administrator=True)
    assert followed.embed is not None and '"phase III"' in followed.embed["description"]
    records = [akeso("Phase III trial starts", "2024-02-01"), akeso("New plant", "2024-02-02")]
    write_records(settings.data_dir, "akeso.jsonl", records)
    assert titles(ask("reload", administrator=True)) == ["Phase III trial starts"]
    empty = ask("follow", {"company": "Akeso", "keywords": '""'}, administrator=True)
    assert empty.embed is not None and empty.embed["title"] == "Let's try that again"
    for typed, said in (
        ("approval 2024", "whatever its date"),
        ("company:Acme x", "company option"),
    ):
        refused = ask("follow", {"company": "Akeso", "keywords": typed}, administrator=True)
        assert refused.embed is not None and refused.embed["title"] == "Let's try that again"
        assert said in refused.embed["description"]


def test_backfill_posts_the_latest_oldest_first(ask_acme: Ask) -> None:
    quick(ask_acme.runner.bot)  # type: ignore[arg-type]
    result = ask_acme("follow", {"company": "Acme Bio", "backfill": 3}, administrator=True)
    assert_sane(result)
    (confirmation,) = result.responses[0]["embeds"]
    assert "latest 3 releases" in confirmation["description"]
    assert [embed["author"]["name"] for _, embed in posts(result)] == [
        "Acme Bio · 15 Oct 2022",
        "Acme Bio · 15 Nov 2022",
        "Acme Bio · 15 Dec 2022",
    ]
    filtered = ask_acme(
        "follow",
        {"company": "Acme Bio", "keywords": "milestone 4", "backfill": 5},
        administrator=True,
    )
    assert titles(filtered) == ["Acme Bio update number 4"]


def test_a_forbidden_channel_is_marked_broken_and_others_still_get_posts(
    newsbot: NewsBot,
    cog: FollowCog,
    ask: Ask,
    settings: Settings,
    loaded_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    channels = {cid: MockTextChannel(id=cid) for cid in (DEFAULT_CHANNEL_ID, NEWS_CHANNEL)}
    channels[NEWS_CHANNEL].send.side_effect = http_error(
        403, {"code": 50013, "message": "Missing Permissions"}, reason="Forbidden"
    )
    monkeypatch.setattr(newsbot, "get_partial_messageable", lambda cid, **_: channels[cid])
    for channel_id in channels:
        cog.subscriptions.follow(
            guild_id=DEFAULT_GUILD_ID,
            channel_id=channel_id,
            company="Akeso",
            keywords="",
            user_id=1,
        )
    add_two_akeso_releases(settings.data_dir)
    load(loaded_store, settings)
    ask.loop.run_until_complete(newsbot.after_load())

    assert channels[NEWS_CHANNEL].send.await_count == 1  # tried once, then left alone
    delivered = channels[DEFAULT_CHANNEL_ID].send.await_args_list
    assert [call.kwargs["embed"].title for call in delivered] == [
        "Akeso opens a plant",
        "Akeso wins approval",
    ]
    for call in delivered:
        assert call.kwargs["allowed_mentions"].to_dict() == {"parse": []}
        assert_message_within_limits({"embeds": [call.kwargs["embed"].to_dict()]})
    listing = following(ask)
    assert "not posting" in listing["description"] and "Send Messages" in listing["description"]
    assert listing["description"].count("not posting") == 1


CLOUDFLARE_429 = http_error(429, "<html>Error 1015: rate limited</html>")
UNAVAILABLE = http_error(503, "upstream connect error")


def test_passing_failures_are_retried_with_one_nonce_then_given_up_and_listed(
    newsbot: NewsBot,
    cog: FollowCog,
    ask: Ask,
    settings: Settings,
    loaded_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(delivery, "RETRY_BASE_S", 0.0)  # each round is the next try
    channel = MockTextChannel(id=DEFAULT_CHANNEL_ID)
    channel.send.side_effect = [CLOUDFLARE_429, UNAVAILABLE, None, None]
    monkeypatch.setattr(newsbot, "get_partial_messageable", lambda cid, **_: channel)
    cog.subscriptions.follow(
        guild_id=DEFAULT_GUILD_ID,
        channel_id=DEFAULT_CHANNEL_ID,
        company="Akeso",
        keywords="",
        user_id=1,
    )
    add_two_akeso_releases(settings.data_dir)
    load(loaded_store, settings)
    for _ in range(3):
        ask.loop.run_until_complete(newsbot.after_load())

    sent = [
        (call.kwargs["embed"].title, call.kwargs["nonce"]) for call in channel.send.await_args_list
    ]
    assert [title for title, _ in sent] == ["Akeso opens a plant"] * 3 + ["Akeso wins approval"]
    assert len({nonce for title, nonce in sent if title == "Akeso opens a plant"}) == 1
    assert "could not be posted" not in following(ask)["description"]

    channel.send.side_effect = UNAVAILABLE
    write_records(settings.data_dir, "more.jsonl", [akeso("Akeso hires", "2024-04-01")])
    load(loaded_store, settings)
    for _ in range(delivery.MAX_TRIES + 1):
        ask.loop.run_until_complete(newsbot.after_load())
    assert channel.send.await_count == 4 + delivery.MAX_TRIES
    listing = following(ask)["description"]
    assert "1 release could not be posted" in listing
    assert "Akeso hires" in listing and "Discord server error 503" in listing
    assert f"gave up after {delivery.MAX_TRIES} tries" in listing


def test_a_deleted_channel_is_marked_broken(ask: Ask, cog: FollowCog) -> None:
    ask("follow", {"company": "Akeso"}, administrator=True)
    deleted = MockTextChannel(id=DEFAULT_CHANNEL_ID)
    ask.loop.run_until_complete(cog.on_guild_channel_delete(deleted))
    assert "the channel was deleted" in following(ask)["description"]
    # ...and it can still be unfollowed, by company alone.
    gone = ask("unfollow", {"company": "Akeso"}, administrator=True, channel_id=NEWS_CHANNEL)
    assert gone.embed is not None and gone.embed["title"] == "Unfollowed Akeso"


def test_leaving_a_guild_removes_its_subscriptions(ask: Ask, cog: FollowCog) -> None:
    ask("follow", {"company": "Akeso"}, administrator=True)
    ask("follow", {"company": "Laekna"}, administrator=True, channel_id=NEWS_CHANNEL)
    assert following(ask)["title"] == "Followed in this server (2)"
    ask.loop.run_until_complete(cog.on_guild_remove(MockGuild(id=DEFAULT_GUILD_ID)))
    assert following(ask)["title"] == "Followed in this server (0)"


def test_autocomplete(ask: Ask, cog: FollowCog) -> None:
    offered = ask.payload(autocomplete_payload("follow", "company", "ake"))
    assert [c["value"] for c in offered.choices][:1] == ["Akeso"]
    assert ask.payload(autocomplete_payload("unfollow", "company", "")).choices == []
    ask("follow", {"company": "Akeso"}, administrator=True)
    followed = ask.payload(autocomplete_payload("unfollow", "company", "ak"))
    assert [c["value"] for c in followed.choices] == ["Akeso"]


@pytest.mark.parametrize("text", NASTY)
def test_hostile_input_is_answered(ask: Ask, cog: FollowCog, text: str) -> None:
    for name, options in (
        ("follow", {"company": text[:100]}),
        ("follow", {"company": "Akeso", "keywords": text[:200]}),
        ("unfollow", {"company": text[:100]}),
    ):
        result = ask(name, options, administrator=True)
        assert_sane(result)
        assert result.embed is not None and result.embed["title"] != "Something went wrong"
    assert_sane(ask.payload(autocomplete_payload("unfollow", "company", text[:100])))
    assert_sane(ask("following"))


def test_a_failing_after_load_step_does_not_stop_deliveries(
    ask: Ask,
    cog: FollowCog,
    newsbot: NewsBot,
    runner: OfflineRunner,
    settings: Settings,
    loaded_store: Store,
) -> None:
    async def broken_feature() -> None:
        raise RuntimeError("a feature's hook is broken")

    newsbot.data_hooks.insert(0, broken_feature)
    ask("follow", {"company": "Akeso"}, administrator=True)
    add_two_akeso_releases(settings.data_dir)
    load(loaded_store, settings, actor="cli")
    check = ask.loop.run_until_complete(runner.background(newsbot.after_load))
    assert len(posts(check)) == 2
