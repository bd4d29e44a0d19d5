"""Turning lookup results into Discord embeds (and embeds into console text).

The only package that knows Discord's size limits (``limits``). One module per kind of
answer — ``company``, ``news``, ``quotes``, ``release``, ``follow``, ``feeds``, ``status``
(with help and loads), ``problems`` — built from ``text``, which makes scraped strings
inert, and ``colours``; ``console`` turns the sent payloads back into terminal text.
"""

from bot.render.company import companies_embeds, company_embed
from bot.render.console import payload_text
from bot.render.feeds import feed_changed_embed, feeds_embed
from bot.render.follow import (
    followed_embed,
    followed_release_embed,
    following_embed,
    unfollowed_embed,
)
from bot.render.limits import choices
from bot.render.news import news_embed
from bot.render.problems import error_embed, problem_embed
from bot.render.quotes import quotes_embed
from bot.render.release import body_pages, release_embed
from bot.render.status import help_embed, load_embed, status_embed
from bot.render.text import NO_MENTIONS, plural

__all__ = [
    "NO_MENTIONS",
    "body_pages",
    "choices",
    "companies_embeds",
    "company_embed",
    "error_embed",
    "feed_changed_embed",
    "feeds_embed",
    "followed_embed",
    "followed_release_embed",
    "following_embed",
    "help_embed",
    "load_embed",
    "news_embed",
    "payload_text",
    "plural",
    "problem_embed",
    "quotes_embed",
    "release_embed",
    "status_embed",
    "unfollowed_embed",
]
