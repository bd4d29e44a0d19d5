"""Direct quotes: quoted speech with an adjacent attribution, speaker and role kept apart.

A quote needs an attribution next to it (a speech verb with its subject, "according to X",
"X:" before a long quote, a dash after it); quoted titles and scare quotes have none. Pronoun
speakers ("he said", "sagte er", "他说") go to the person named last before the quote.
"""

from __future__ import annotations

import re

from bot.ingest.quote_attribution import (
    QUOTE_OPENERS,
    SPEECH_VERB,
    Attribution,
    attribute,
    attribution_after,
    clause_after,
    clause_before,
)
from bot.ingest.quote_cjk import zh_speaker
from bot.ingest.quote_marks import find_spans
from bot.ingest.quote_mentions import titled_people
from bot.ingest.quote_names import (
    Speaker,
    speaker_after_verb,
    speaker_before_verb,
)
from bot.ingest.text import word_count
from bot.records import Quote

_MIN_WORDS = 3
_PEOPLE_REACH = 1200  # how far back a pronoun looks for the person it stands for
_QUOTE_MARKS = QUOTE_OPENERS + "”»"
_PULL_QUOTE = re.compile(r"(?P<text>.{40,}[.!?])\s*(?:[—–]|--)\s*(?P<who>[^—–\n]{3,120})$")


def extract_quotes(body: str) -> list[Quote]:
    """Attributed quotations in page order; `"A," said X. "B."` is one quote."""
    quotes: list[Quote] = []
    people: list[tuple[int, str, str | None]] = []  # (position, speaker, role) seen so far
    spans = find_spans(body)
    afters: dict[int, Attribution | None] = {}  # a quote followed by another is read once

    def after(position: int) -> Attribution | None:
        if position not in afters:
            afters[position] = attribution_after(body, spans[position])
        return afters[position]

    index = 0
    while index < len(spans):
        span = spans[index]
        index += 1
        if span.closed and word_count(span.text) < _MIN_WORDS:
            continue  # a short closed quote is a title or a scare quote; an open one was cut
        found = attribute(body, span, after(index - 1) if span.closed else None)
        if found is None:
            continue
        texts, end = [span.text], max(found.end, span.end)
        while index < len(spans) and not body[end : spans[index].start].strip():
            following = spans[index]
            if after(index) is not None or not following.closed:
                break
            texts.append(following.text)
            end = following.end
            index += 1
        speaker, role = _resolve(body, span.start, found.speaker, people)
        if speaker is not None:
            people.append((span.start, speaker, role))
        quotes.append(Quote(speaker=speaker, role=role, text=_join(texts)))
    quotes.extend(_pull_quotes(body))
    return quotes


def _resolve(
    body: str, at: int, found: Speaker, people: list[tuple[int, str, str | None]]
) -> tuple[str | None, str | None]:
    """Name the speaker: pronouns → the last person named, whose role they keep."""
    if found.pronoun:
        latest = _last_person(body, at, people)
        name, role = latest if latest is not None else (None, None)
    else:
        name, role = found.name, found.role
    if name and role is None:
        role = next((r for _, s, r in reversed(people) if s == name and r), None)
    return name, role


def _last_person(
    body: str, at: int, people: list[tuple[int, str, str | None]]
) -> tuple[str, str | None] | None:
    """The person named last before ``at``: a quoted speaker or the subject of a speech verb."""
    best = people[-1] if people else None
    for verb in SPEECH_VERB.finditer(body, max(0, at - _PEOPLE_REACH), at):
        if best is not None and verb.start() <= best[0]:
            continue
        before = clause_before(body, verb.start()).strip()
        found = speaker_before_verb(before, body) if before else None
        if found is None or found.name is None:
            found = speaker_after_verb(
                clause_after(body, verb.end())[0], body, subject_optional=False
            )
        if found is not None and found.name is not None:
            best = (verb.start(), found.name, found.role)
    for position, name in titled_people(body, max(0, at - _PEOPLE_REACH), at):
        if best is None or position > best[0]:
            best = (position, name, None)
    for verb in re.finditer("表示|说|說|指出", body[max(0, at - _PEOPLE_REACH) : at]):
        position = max(0, at - _PEOPLE_REACH) + verb.start()
        if best is not None and position <= best[0]:
            continue
        found = zh_speaker(clause_before(body, position))
        if found is not None and found.name is not None:
            best = (position, found.name, found.role)
    return (best[1], best[2]) if best else None


def _pull_quotes(body: str) -> list[Quote]:
    """A paragraph of speech signed with a dash at its end: `… our future. —Jane Roe`."""
    quotes = []
    for paragraph in body.split("\n\n"):
        if not _signed_with_dash(paragraph) or any(m in paragraph for m in _QUOTE_MARKS):
            continue
        match = _PULL_QUOTE.fullmatch(paragraph.strip())
        if match is None:
            continue
        found = speaker_after_verb(match.group("who"), body, subject_optional=False)
        if found is not None and found.name is not None and " " in found.name:
            quotes.append(Quote(found.name, found.role, " ".join(match.group("text").split())))
    return quotes


def _signed_with_dash(paragraph: str) -> bool:
    """The dash a pull quote's signature needs: a cheap test before the costly pattern."""
    return "—" in paragraph or "–" in paragraph or "--" in paragraph


def _join(parts: list[str]) -> str:
    """Quote text as a sentence: the comma before an attribution becomes a full stop."""
    cleaned = []
    for part in parts:
        text = " ".join(part.split())
        cleaned.append(text[:-1] + "." if text.endswith(",") else text)
    return " ".join(cleaned)
