"""``/follow keywords``: the words and phrases a channel's releases must all contain.

Parsed and matched here only, so ``/follow`` and its deliveries agree on what a filter
means; the stored form is ``describe_keywords``' output, read back by ``keyword_terms``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from bot.store import FollowedRelease

_KEYWORD = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]?|([^\s\"“”„«»]+)")


@functools.lru_cache(maxsize=512)
def keyword_terms(text: str) -> tuple[str, ...]:
    """``phase III "data readout"`` → ``("phase", "III", "data readout")``; a term repeated
    in another case counts once. Kept as typed, so ``/following`` shows them that way;
    control and invisible characters separate words (PostgreSQL refuses NUL in text)."""
    terms: list[str] = []
    folded: set[str] = set()
    visible = "".join(ch if ch.isprintable() else " " for ch in text)
    for match in _KEYWORD.finditer(visible):
        term = " ".join((match[1] if match[1] is not None else match[2]).split())
        if term and term.casefold() not in folded:
            folded.add(term.casefold())
            terms.append(term)
    return tuple(terms)


def describe_keywords(terms: Sequence[str]) -> str:
    """The stored, shown form of a filter: phrases quoted, so it reads back the same."""
    return " ".join(f'"{term}"' if " " in term else term for term in terms)


@functools.lru_cache(maxsize=512)
def _term_pattern(term: str) -> re.Pattern[str]:
    # A term must start a word ("trial" finds "trials", "ai" does not find "said"); text in
    # scripts without spaces (Chinese) has no word starts to ask for, so it matches anywhere.
    start = r"(?<![a-z0-9])" if term[0].isascii() and term[0].isalnum() else ""
    return re.compile(start + re.escape(term))


def matches(release: FollowedRelease, terms: Sequence[str]) -> bool:
    """Every word and phrase appears in the title, summary or body, ignoring case and spacing."""
    if not terms:
        return True
    text = " ".join(f"{release.title}\n{release.summary}\n{release.body}".casefold().split())
    return all(_term_pattern(term.casefold()).search(text) for term in terms)
