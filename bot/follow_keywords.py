"""``/follow keywords``: the words a channel's releases must hold, in ``/news``'s language.

Parsed by ``/news``'s parser and matched by the store's word matcher, so a follow posts
exactly the releases ``/news`` finds for the same words: whole words and their stems,
``"phrases"``, ``-exclusions`` and ``title:``, CJK words included. The stored form is
``describe_keywords``' output, which parses back to the same query.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bot.lookup import BadQuery, parse_news_query
from bot.store import FollowedRelease, SearchQuery, Store, Subscription

# Release ids per matching query: well inside every back end's limit on bound parameters.
_IDS_PER_QUERY = 5_000

# What a refusal says.
NO_WORDS = 'Give keywords as words or "quoted phrases", e.g. `"phase III"`.'
NO_COMPANY = "Keywords are words and phrases only: pick the company with the company option."
NO_DATES = (
    "A follow posts each new release whatever its date, so keywords take no dates "
    '(to look for a number as a word, put it in quotes: "2025").'
)


def parse_keywords(text: str) -> SearchQuery:
    """What a user typed as keywords, as a query; ``BadQuery`` (saying why) for a date,
    a ``company:`` filter or no words at all. Control and invisible characters separate
    words (PostgreSQL refuses NUL in stored text)."""
    visible = "".join(character if character.isprintable() else " " for character in text)
    parsed = parse_news_query(visible)
    query = parsed.search
    if parsed.company_words is not None:
        raise BadQuery(NO_COMPANY)
    if query.since is not None or query.until is not None:
        raise BadQuery(NO_DATES)
    if not query.has_words:
        raise BadQuery(NO_WORDS)
    return query


def describe_keywords(query: SearchQuery) -> str:
    """The stored and shown form of keywords: words, ``"phrases"`` and ``-exclusions``, each
    once whatever its case, with ``title:`` on the first when only titles count."""
    parts: list[str] = []
    folded: set[str] = set()
    words = [*query.terms, *(f'"{" ".join(phrase)}"' for phrase in query.phrases)]
    for part in [*words, *(f"-{word}" for word in query.excluded)]:
        if part.casefold() not in folded:
            folded.add(part.casefold())
            parts.append(part)
    if query.title_only and parts:
        first = parts[0]
        parts[0] = f"-title:{first[1:]}" if first.startswith("-") else f"title:{first}"
    return " ".join(parts)


@functools.lru_cache(maxsize=512)
def stored_query(keywords: str) -> SearchQuery | None:
    """A subscription's stored keywords as a query; None when it has none (all releases)."""
    return parse_news_query(keywords).search if keywords.strip() else None


def wanted(
    store: Store, candidates: Sequence[tuple[Subscription, FollowedRelease]]
) -> list[tuple[Subscription, FollowedRelease]]:
    """The candidates whose release holds its subscription's keywords, in their order.

    One store query per distinct set of keywords (subscriptions sharing words share it),
    not one per release.
    """
    asked: dict[str, tuple[SearchQuery, set[int]]] = {}
    for subscription, release in candidates:
        query = stored_query(subscription.keywords)
        if query is not None:
            asked.setdefault(subscription.keywords, (query, set()))[1].add(release.id)
    matching = {
        keywords: _matching(store, query, sorted(ids)) for keywords, (query, ids) in asked.items()
    }
    return [
        (subscription, release)
        for subscription, release in candidates
        if subscription.keywords not in matching or release.id in matching[subscription.keywords]
    ]


def _matching(store: Store, query: SearchQuery, release_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(release_ids), _IDS_PER_QUERY):
        found |= store.matching_release_ids(query, release_ids[start : start + _IDS_PER_QUERY])
    return found
