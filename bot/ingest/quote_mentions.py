"""Where a page names people: runs of capitalised words, initials, and fuller mentions.

"Baumann" is completed from "Werner Baumann" elsewhere on the page; "the director, Jane Roe,"
introduces a person a later pronoun may stand for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.ingest.quote_words import (
    COMPANY_WORDS,
    HONORIFICS,
    NOT_NAMES,
    OBJECT_LEADS,
    PARTICLES,
    ROLE_SUFFIXES,
    ROLE_WORDS,
)

WORD = re.compile(r"[^\W\d_][\w'’\-]*")
MAX_NAME_WORDS = 5


def name_run_only(part: str) -> bool:
    """Whether ``part`` is nothing but capitalised words, like a company's name."""
    words = WORD.findall(part)
    return 0 < len(words) <= MAX_NAME_WORDS and all(is_capitalised(w) for w in words)


def stops_name(token: str) -> bool:
    """Whether ``token`` ends a name: a job, title, company word, acronym or clause word."""
    folded = token.casefold()
    return (
        folded in ROLE_WORDS
        or folded.endswith(ROLE_SUFFIXES)
        or folded in HONORIFICS
        or folded in NOT_NAMES
        or folded in COMPANY_WORDS
        or is_acronym(token)
    )


def run_end(words: list[re.Match[str]], start: int) -> int:
    """End of the run of name words starting at ``start`` (a trailing "de" is left out)."""
    end = start + 1
    while end < len(words) and is_run_word(words, end, forward=True):
        end += 1
    while end > start + 1 and words[end - 1].group().casefold() in PARTICLES:
        end -= 1
    return end


def is_run_word(words: list[re.Match[str]], index: int, *, forward: bool = False) -> bool:
    """Whether words[index] joins its neighbour in one name: only spaces between them."""
    neighbour = index - 1 if forward else index + 1
    if not 0 <= neighbour < len(words):
        return is_capitalised(words[index].group())
    low, high = sorted((words[index], words[neighbour]), key=lambda w: w.start())
    if not joined(low, high):
        return False
    token = words[index].group()
    return is_capitalised(token) or token.casefold() in PARTICLES


def joined(low: re.Match[str], high: re.Match[str]) -> bool:
    """Only a space between two words, or the full stop of an initial or title ("D. Lee")."""
    gap = low.string[low.end() : high.start()]
    if gap == " " or (gap.isspace() and "\n" not in gap):
        return True
    short = len(low.group()) == 1 or low.group().casefold() in HONORIFICS
    return short and gap.startswith(".") and gap[1:].isspace() and "\n" not in gap


def is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def is_acronym(token: str) -> bool:
    letters = token.rstrip(".")
    return len(letters) > 1 and letters.isupper() and "." not in letters


def titled_people(body: str, start: int, end: int) -> list[tuple[int, str]]:
    """People introduced with their job between ``start`` and ``end``: `the director, Jane
    Roe,` / `CEO Jane Roe` / `Jane Roe, chief executive` → (position, name)."""
    words = list(WORD.finditer(body, start, end))
    people: list[tuple[int, str]] = []
    index = 0
    while index < len(words):
        if not is_capitalised(words[index].group()) or stops_name(words[index].group()):
            index += 1
            continue
        stop = run_end(words, index)
        tokens = [w.group() for w in words[index:stop]]
        before = [w.group().casefold() for w in words[max(0, index - 2) : index]]
        after = words[stop].group().casefold() if stop < len(words) else ""
        after_gap = body[words[stop - 1].end() : words[stop].start()] if after else ""
        titled = bool(ROLE_WORDS.intersection(before)) and before[-1] not in OBJECT_LEADS
        titled = titled or (after in ROLE_WORDS and after_gap.strip() == ",")
        titled = titled or _after_a_job(body, words[index].start())
        if titled and len(tokens) >= 2 and not any(stops_name(t) for t in tokens):
            people.append((words[index].start(), " ".join(tokens)))
        index = stop
    return people


def _after_a_job(body: str, at: int) -> bool:
    """`Chief Executive Officer of Acme, Jane Roe`: a job phrase, then a comma, then the name."""
    head = body[max(0, at - 80) : at].rstrip()
    if not head.endswith(","):
        return False
    phrase = re.split(r"[,.;:!?\n]", head[:-1])[-1]
    return any(word.casefold() in ROLE_WORDS for word in WORD.findall(phrase))


@lru_cache(maxsize=512)
def complete_name(body: str, surname: str, *, titled: bool = False) -> str | None:
    """A one-word name completed from a fuller mention elsewhere ("Baumann" → "Werner
    Baumann"); None when the page never gives more. A word after it ("Lu" → "Lu Xiangyang")
    is only taken for a ``titled`` person or from a titled mention ("Lu Xiangyang, CEO"), as a
    company's name reads the same way ("Acme Widgets"). Cached: a page repeats its speakers'
    surnames, and each lookup reads the whole page."""
    if len(surname) < 2 or not is_capitalised(surname):
        return None
    for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", body):
        words = list(WORD.finditer(body, max(0, match.start() - 60), match.end() + 40))
        at = next(i for i, w in enumerate(words) if w.start() == match.start())
        start = at
        while start > 0 and at - start < 3 and joined(words[start - 1], words[start]):
            token = words[start - 1].group()
            if not (is_capitalised(token) or token.casefold() in PARTICLES) or stops_name(token):
                break
            start -= 1
        while start < at and words[start].group().casefold() in PARTICLES:
            start += 1
        given = [w.group() for w in words[start:at]]
        if given:
            return " ".join(f"{g}." if len(g) == 1 else g for g in [*given, surname])
        following = words[at + 1] if at + 1 < len(words) else None
        if (
            following
            and joined(match, following)
            and is_capitalised(following.group())
            and not stops_name(following.group())
            and (titled or body[following.end() : following.end() + 1] == ",")
        ):
            return f"{surname} {following.group()}"
    return None
