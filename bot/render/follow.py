"""``/follow``: a release posted to a following channel, and what following looks like."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.render.colours import COLOUR_INFO, COLOUR_NEWS, COLOUR_PROBLEM
from bot.render.limits import AUTHOR_LIMIT, DESCRIPTION_LIMIT, TITLE_LIMIT, add_field, fit, truncate
from bot.render.quotes import quote_text
from bot.render.text import display_date, plural, safe, web_link
from bot.store import FollowedRelease, Subscription, UndeliveredRelease

FOLLOWING_SHOWN = 40


def followed_release_embed(release: FollowedRelease) -> discord.Embed:
    """A new release posted to a following channel: enough to decide whether to read on."""
    embed = discord.Embed(
        title=safe(release.title, TITLE_LIMIT),
        description=safe(release.summary, 1000) or "(no summary)",
        colour=COLOUR_NEWS,
        url=web_link(release.url),
    )
    embed.set_author(
        name=truncate(f"{release.company} · {display_date(release.date)}", AUTHOR_LIMIT)
    )
    if release.quote:
        add_field(embed, "Quote", quote_text(release.quote))
    if release.url:
        add_field(embed, "Source", safe(release.url, 500))
    embed.set_footer(text=f"Release #{release.id} · /release #{release.id} for the full text")
    return fit(embed)


def _following_line(subscription: Subscription, undelivered: Sequence[UndeliveredRelease]) -> str:
    """One subscription, with why it is not posting when it is not."""
    line = f"<#{subscription.channel_id}> · **{safe(subscription.company_name, 100)}**"
    if subscription.keywords:
        line += f" · only with {safe(subscription.keywords, 200)}"
    if subscription.broken_reason:
        since = subscription.broken_at.strftime("%-d %b %Y") if subscription.broken_at else "?"
        line += (
            f"\n  ⚠️ **not posting** since {since}: {safe(subscription.broken_reason, 200)}."
            " Fix it, then `/follow` again."
        )
    elif undelivered:
        latest = undelivered[-1]
        line += (
            f"\n  ⚠️ {plural(len(undelivered), 'release')} could not be posted, latest "
            f"“{safe(latest.title, 80)}”: {safe(latest.reason, 120)} "
            f"(gave up after {latest.attempts} {'try' if latest.attempts == 1 else 'tries'})."
        )
    return line


def following_embed(
    subscriptions: Sequence[Subscription], undelivered: Sequence[UndeliveredRelease] = ()
) -> discord.Embed:
    """The server's subscriptions, broken ones flagged with why, so admins can repair them;
    releases Discord never took are counted under theirs, with the reason."""
    given_up: dict[int, list[UndeliveredRelease]] = {}
    for release in undelivered:
        given_up.setdefault(release.subscription_id, []).append(release)
    broken = sum(1 for s in subscriptions if s.broken_reason or s.id in given_up)
    lines = [_following_line(s, given_up.get(s.id, [])) for s in subscriptions[:FOLLOWING_SHOWN]]
    if len(subscriptions) > FOLLOWING_SHOWN:
        lines.append(f"… and {len(subscriptions) - FOLLOWING_SHOWN} more")
    embed = discord.Embed(
        title=f"Followed in this server ({len(subscriptions)})",
        description=truncate("\n".join(lines), DESCRIPTION_LIMIT)
        or "Nothing yet. `/follow company:Akeso` posts Akeso's new releases in this channel.",
        colour=COLOUR_PROBLEM if broken else COLOUR_INFO,
    )
    embed.set_footer(text="/follow company [channel] [keywords] · /unfollow company [channel]")
    return fit(embed)


def followed_embed(subscription: Subscription, *, renewed: bool, backfill: int) -> discord.Embed:
    """What /follow did: where new releases will appear, and what is posted right away."""
    lines = [f"New releases of this company will be posted in <#{subscription.channel_id}>."]
    if subscription.keywords:
        lines.append(f"Only those mentioning {safe(subscription.keywords, 200)}.")
    if renewed:
        lines.append("This renews the earlier follow: counting starts from now.")
    if backfill:
        lines.append(f"Posting the latest {plural(backfill, 'release')} there now.")
    company = safe(subscription.company_name, 200)
    return fit(
        discord.Embed(
            title=f"Following {company}", description="\n".join(lines), colour=COLOUR_NEWS
        )
    )


def unfollowed_embed(subscription: Subscription) -> discord.Embed:
    """What /unfollow stopped, so the admin sees it was the follow they meant."""
    return discord.Embed(
        title=f"Unfollowed {safe(subscription.company_name, 200)}",
        description=f"Its releases are no longer posted in <#{subscription.channel_id}>.",
        colour=COLOUR_INFO,
    )
