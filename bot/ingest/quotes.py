"""Direct quotes: quoted speech with an adjacent attribution, speaker and role kept apart.

A quote needs an attribution next to it (a speech verb with its subject, "according to X",
"X:" before a long quote, a dash after it); quoted titles and scare quotes have none. Pronoun
speakers ("he said", "sagte er", "他说") go to the person named last before the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.quote_cjk import (
    JA_AFTER,
    KO_AFTER,
    ZH_AFTER,
    ZH_BEFORE,
    ja_speaker,
    ko_speaker,
    zh_speaker,
)
from bot.ingest.quote_marks import Span, find_spans
from bot.ingest.quote_mentions import titled_people
from bot.ingest.quote_names import (
    Speaker,
    speaker_after_verb,
    speaker_before_verb,
    speaker_leading,
)
from bot.ingest.quote_words import (
    NOT_NAMES,
    PREPOSITIONS,
    SOURCE_WORDS,
    SPEECH_VERBS,
    SUBJECTLESS_VERBS,
)
from bot.ingest.text import trie_pattern, word_count
from bot.records import Quote

_EDGE = r"(?<![\w’'-])"
_VERB = re.compile(_EDGE + "(?:" + trie_pattern(SPEECH_VERBS) + r")(?![\w’'-])")
_SOURCE = re.compile(
    _EDGE + "(?i:" + trie_pattern(SOURCE_WORDS) + r")\s+(?=[A-ZÀ-ÞĀ-Ž])"
)  # fmt: skip
_VERB_FIRST = re.compile(r"[\s,;:]*(?:(?P<verb>" + _VERB.pattern + r")|" + _SOURCE.pattern + ")")
# `Jane Roe said in a statement:` / `…, said on Monday:`: a short circumstance may follow.
_VERB_LAST = re.compile(
    r"(?P<verb>" + _VERB.pattern + r")(?:\s+(?:in|on|at|during|today|yesterday|this|last)\b"
    r"[^:,\"“„«]{0,40})?(?:\s+(?:that|que|dass|che))?\s*[:,]?\s*$"
)
_LOWER_AFTER = re.compile(
    r"[\s,;:]*(?:" + _VERB.pattern + r")\s+(?P<name>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){1,2})"
    r"\s*(?:$|[.;]|,(?P<role>[^.;]{2,120}))"
)
# "„…“, blickt Acme-Chef Jane Roe zurück": any verb, then a full name, after the quote's comma.
_INVERTED = re.compile(
    r"\s*,\s*(?!(?:and|und|et|y|e|which|who|as|but)\b)[^\W\d_A-Z]+(?<!ing)"
    r"\s+(?P<rest>(?:[^\W\d_]+\s+)?[A-ZÀ-ÞĀ-Ž].*)"
)
# A quote signed on the line below it: `“…”` then `— Jane Roe, CEO of Acme`.
_SIGNED_BELOW = re.compile(r"[ \t.]*\n\s*(?:[—–]|--?)[ \t]*(?P<who>[^\n]{3,120})(?=\n|$)")
_DASH = re.compile(r"\s*(?:[—–]|--?)\s*(?=\S)")
# A full stop ends a sentence unless it closes an initial or a title ("D. Lee", "Dr. Roe").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr|\bMs|\bDr|\bSt|\bJr|\bSr)(?<!\bMrs)(?<!\bProf)[.!?](?=\s|$)|[。！？]"
)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
_OPENERS = '"“„«‘「『'
_REACH = 300
_MIN_WORDS = 3
_MIN_WORDS_COLON = 8
_PEOPLE_REACH = 1200  # how far back a pronoun looks for the person it stands for
_PULL_QUOTE = re.compile(r"(?P<text>.{40,}[.!?])\s*(?:[—–]|--)\s*(?P<who>[^—–\n]{3,120})$")


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: Speaker
    end: int  # where the attribution ends in the body, for a quote resuming after it


def extract_quotes(body: str) -> list[Quote]:
    """Attributed quotations in page order; `"A," said X. "B."` is one quote."""
    quotes: list[Quote] = []
    people: list[tuple[int, str, str | None]] = []  # (position, speaker, role) seen so far
    spans = find_spans(body)
    index = 0
    while index < len(spans):
        span = spans[index]
        index += 1
        if span.closed and word_count(span.text) < _MIN_WORDS:
            continue  # a short closed quote is a title or a scare quote; an open one was cut
        found = _attribute(body, span)
        if found is None:
            continue
        texts, end = [span.text], max(found.end, span.end)
        while index < len(spans) and not body[end : spans[index].start].strip():
            following = spans[index]
            if _after(body, following) is not None or not following.closed:
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


def _attribute(body: str, span: Span) -> _Attribution | None:
    """The attribution after the quote wins over one before it, as in most releases."""
    after = _after(body, span) if span.closed else None
    if after is not None or not span.opened:
        return after
    return _before(body, span)


def _after(body: str, span: Span) -> _Attribution | None:
    clause, end = _clause_after(body, span.end)
    if (signed := _SIGNED_BELOW.match(body, span.end)) is not None:
        found = speaker_after_verb(signed["who"], body, subject_optional=False)
        return _Attribution(found, signed.end()) if found and found.name else None
    if not clause.strip(" .,;"):
        clause, end = _clause_after(body, end)  # "… avanti”. Così Jane Roe, …"
        first = _SOURCE.match(clause.lstrip())
        if first is None:
            return None
        found = speaker_after_verb(clause.lstrip()[first.end() :], body, subject_optional=False)
        return _Attribution(found, end) if found else None
    if (zh := ZH_AFTER.match(clause)) is not None:
        found = zh_speaker(zh.group(1))
        return _Attribution(found, end) if found else None
    if (ja := JA_AFTER.match(clause)) is not None:
        before = ja["topic"] or _clause_before(body, span.start)
        found = ja_speaker(before, body)
        return _Attribution(found, end) if found else None
    if KO_AFTER.match(clause):
        found = ko_speaker(_clause_before(body, span.start), body)
        return _Attribution(found, end) if found else None
    line_end = body.find("\n", span.end)
    if body[body.rfind("\n", 0, span.start) + 1 : line_end if line_end != -1 else None].islower():
        return _lower_case_after(clause, end) or _latin_after(clause, end, body, spoken=True)
    spoken = span.text.rstrip()[-1:] in ",.!?…" or word_count(span.text) >= _MIN_WORDS_COLON
    return _latin_after(clause, end, body, spoken=spoken)


def _lower_case_after(clause: str, end: int) -> _Attribution | None:
    """Pages scraped all in lower case: `," said chen lei, chief executive of acme.`"""
    match = _LOWER_AFTER.match(clause)
    if match is None or any(w in NOT_NAMES or w in PREPOSITIONS for w in match["name"].split()):
        return None
    role = (match["role"] or "").strip() or None
    return _Attribution(Speaker(match["name"], role), end)


def _latin_after(clause: str, end: int, body: str, *, spoken: bool) -> _Attribution | None:
    """`, said Jane Roe, CEO.` / `, Jane Roe said.` / `, sagte er.` / `— Jane Roe, CEO`.

    `"…," Jane Roe said` needs a sentence-like quote (``spoken``): a short quoted title
    (`the theme "Building Together", the company said`) does not."""
    first = _VERB_FIRST.match(clause)
    if first is not None:
        rest = clause[first.end() :]
        verb = first.group("verb")
        found = speaker_after_verb(rest, body, subject_optional=verb in SUBJECTLESS_VERBS)
    elif (dash := _DASH.match(clause)) is not None:
        found = speaker_after_verb(clause[dash.end() :], body, subject_optional=False)
        found = found if found and found.name else None
    elif spoken and (verb_hit := _VERB.search(clause)) is not None and clause[:1] in ",; ":
        subject = clause[: verb_hit.start()].strip(" ,;")
        found = speaker_before_verb(subject, body) if len(subject.split()) <= 12 else None
    elif (inverted := _INVERTED.match(clause)) is not None:
        found = speaker_after_verb(inverted["rest"], body, subject_optional=False)
        written = found is not None and found.name and " " in found.name and found.name in clause
        found = found if written else None  # a full name as written, never a completed one
    else:
        found = None
    return _Attribution(found, end) if found else None


def _before(body: str, span: Span) -> _Attribution | None:
    """`Jane Roe, CEO, said: "` / `said Jane Roe:` / `According to Jane Roe, "` / `王明表示：“`
    / `Jane Roe: "` before a long quote (also as a paragraph of its own before the quote)."""
    clause = _clause_before(body, span.start)
    if not clause.strip():
        clause = _previous_paragraph_lead_in(body, span.start)
    clause = clause.rstrip()
    if not clause:
        return None
    found: Speaker | None = None
    if (last := _VERB_LAST.search(clause)) is not None:
        found = speaker_before_verb(clause[: last.start()], body)
    elif (zh := ZH_BEFORE.search(clause)) is not None:
        found = zh_speaker(clause[: zh.start()])
    elif clause[-1] in ",:：" and (hit := _VERB.search(clause) or _SOURCE.search(clause)):
        found = speaker_after_verb(clause[hit.end() :].rstrip(",:："), body, subject_optional=False)
    elif clause[-1] == "：" or (clause[-1] == ":" and _CJK.search(clause[-6:])):
        found = zh_speaker(clause[:-1])  # "星辰公司董事长王明：“…”" needs its title
        found = found if found and found.name and found.role else None
    elif clause[-1] == ":" and word_count(span.text) >= _MIN_WORDS_COLON:
        found = speaker_before_verb(clause[:-1], body)
        if found is None or found.name is None:
            found = speaker_leading(clause[:-1], body)
    return _Attribution(found, span.start) if found else None


def _clause_after(body: str, at: int) -> tuple[str, int]:
    """From ``at`` to the end of its sentence (or the next quote / line end)."""
    limit = min(len(body), at + _REACH)
    stop = limit
    newline = body.find("\n", at, limit)
    if newline != -1:
        stop = newline
    for index in range(at, stop):
        if body[index] in _OPENERS:
            stop = index
            break
    end = _SENTENCE_END.search(body, at, stop)
    stop = end.end() if end else stop
    return body[at:stop], stop


def _clause_before(body: str, at: int) -> str:
    """From the start of the sentence (or the previous quote) up to ``at``."""
    start = max(body.rfind("\n", 0, at) + 1, at - _REACH)
    for end in _SENTENCE_END.finditer(body, start, at):
        start = end.end()
    for index in range(at - 1, start - 1, -1):
        if body[index] in '"”“»」』':
            return body[index + 1 : at]
    return body[start:at]


def _previous_paragraph_lead_in(body: str, at: int) -> str:
    """`Jane Roe said:` as a paragraph of its own, with the quote as the next paragraph."""
    line_start = body.rfind("\n", 0, at) + 1
    if body[line_start:at].strip():
        return ""
    previous = body[:line_start].rstrip()
    if not previous.endswith((":", "：")):
        return ""
    return _clause_before(previous, len(previous))


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
    for verb in _VERB.finditer(body, max(0, at - _PEOPLE_REACH), at):
        if best is not None and verb.start() <= best[0]:
            continue
        before = _clause_before(body, verb.start()).strip()
        found = speaker_before_verb(before, body) if before else None
        if found is None or found.name is None:
            found = speaker_after_verb(
                _clause_after(body, verb.end())[0], body, subject_optional=False
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
        found = zh_speaker(_clause_before(body, position))
        if found is not None and found.name is not None:
            best = (position, found.name, found.role)
    return (best[1], best[2]) if best else None


def _pull_quotes(body: str) -> list[Quote]:
    """A paragraph of speech signed with a dash at its end: `… our future. —Jane Roe`."""
    quotes = []
    for paragraph in body.split("\n\n"):
        if any(mark in paragraph for mark in _OPENERS + "”»"):
            continue
        match = _PULL_QUOTE.fullmatch(paragraph.strip())
        if match is None:
            continue
        found = speaker_after_verb(match.group("who"), body, subject_optional=False)
        if found is not None and found.name is not None and " " in found.name:
            quotes.append(Quote(found.name, found.role, " ".join(match.group("text").split())))
    return quotes


def _join(parts: list[str]) -> str:
    """Quote text as a sentence: the comma before an attribution becomes a full stop."""
    cleaned = []
    for part in parts:
        text = " ".join(part.split())
        cleaned.append(text[:-1] + "." if text.endswith(",") else text)
    return " ".join(cleaned)
