"""Where a quote's attribution is: the clause after it ("…," said Jane Roe), the clause
or paragraph before it (Jane Roe said: "…"), or a signature line below it.

Each reading hands the attribution's text to ``quote_names`` to find the speaker in it;
this module only knows where attributions are written and how far they reach.
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
from bot.ingest.quote_marks import Span
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

_EDGE = r"(?<![\w’'-])"
SPEECH_VERB = re.compile(_EDGE + "(?:" + trie_pattern(SPEECH_VERBS) + r")(?![\w’'-])")
_SOURCE = re.compile(
    _EDGE + "(?i:" + trie_pattern(SOURCE_WORDS) + r")\s+(?=[A-ZÀ-ÞĀ-Ž])"
)  # fmt: skip
_VERB_FIRST = re.compile(
    r"[\s,;:]*(?:(?P<verb>" + SPEECH_VERB.pattern + r")|" + _SOURCE.pattern + ")"
)
# `Jane Roe said in a statement:` / `…, said on Monday:`: a short circumstance may follow.
_VERB_LAST = re.compile(
    r"(?P<verb>" + SPEECH_VERB.pattern + r")(?:\s+(?:in|on|at|during|today|yesterday|this|last)\b"
    r"[^:,\"“„«]{0,40})?(?:\s+(?:that|que|dass|che))?\s*[:,]?\s*$"
)
_LOWER_AFTER = re.compile(
    r"[\s,;:]*(?:" + SPEECH_VERB.pattern + r")\s+(?P<name>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){1,2})"
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
QUOTE_OPENERS = '"“„«‘「『'
_REACH = 300
_MIN_WORDS_COLON = 8


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker found next to a quote, and where the attribution ends."""

    speaker: Speaker
    end: int  # where the attribution ends in the body, for a quote resuming after it


def attribute(body: str, span: Span, after: Attribution | None) -> Attribution | None:
    """The attribution after the quote (``after``, read by the caller for a closed quote)
    wins over one before it, as in most releases."""
    if after is not None or not span.opened:
        return after
    return _before(body, span)


def attribution_after(body: str, span: Span) -> Attribution | None:
    """The attribution in the clause after a quote, or on the line below it."""
    clause, end = clause_after(body, span.end)
    if (signed := _SIGNED_BELOW.match(body, span.end)) is not None:
        found = speaker_after_verb(signed["who"], body, subject_optional=False)
        return Attribution(found, signed.end()) if found and found.name else None
    if not clause.strip(" .,;"):
        clause, end = clause_after(body, end)  # "… avanti”. Così Jane Roe, …"
        first = _SOURCE.match(clause.lstrip())
        if first is None:
            return None
        found = speaker_after_verb(clause.lstrip()[first.end() :], body, subject_optional=False)
        return Attribution(found, end) if found else None
    if (zh := ZH_AFTER.match(clause)) is not None:
        found = zh_speaker(zh.group(1))
        return Attribution(found, end) if found else None
    if (ja := JA_AFTER.match(clause)) is not None:
        before = ja["topic"] or clause_before(body, span.start)
        found = ja_speaker(before, body)
        return Attribution(found, end) if found else None
    if KO_AFTER.match(clause):
        found = ko_speaker(clause_before(body, span.start), body)
        return Attribution(found, end) if found else None
    line_end = body.find("\n", span.end)
    if body[body.rfind("\n", 0, span.start) + 1 : line_end if line_end != -1 else None].islower():
        return _lower_case_after(clause, end) or _latin_after(clause, end, body, spoken=True)
    spoken = span.text.rstrip()[-1:] in ",.!?…" or word_count(span.text) >= _MIN_WORDS_COLON
    return _latin_after(clause, end, body, spoken=spoken)


def _lower_case_after(clause: str, end: int) -> Attribution | None:
    """Pages scraped all in lower case: `," said chen lei, chief executive of acme.`"""
    match = _LOWER_AFTER.match(clause)
    if match is None or any(w in NOT_NAMES or w in PREPOSITIONS for w in match["name"].split()):
        return None
    role = (match["role"] or "").strip() or None
    return Attribution(Speaker(match["name"], role), end)


def _latin_after(clause: str, end: int, body: str, *, spoken: bool) -> Attribution | None:
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
    elif spoken and (verb_hit := SPEECH_VERB.search(clause)) is not None and clause[:1] in ",; ":
        subject = clause[: verb_hit.start()].strip(" ,;")
        found = speaker_before_verb(subject, body) if len(subject.split()) <= 12 else None
    elif (inverted := _INVERTED.match(clause)) is not None:
        found = speaker_after_verb(inverted["rest"], body, subject_optional=False)
        written = found is not None and found.name and " " in found.name and found.name in clause
        found = found if written else None  # a full name as written, never a completed one
    else:
        found = None
    return Attribution(found, end) if found else None


def _before(body: str, span: Span) -> Attribution | None:
    """`Jane Roe, CEO, said: "` / `said Jane Roe:` / `According to Jane Roe, "` / `王明表示：“`
    / `Jane Roe: "` before a long quote (also as a paragraph of its own before the quote)."""
    clause = clause_before(body, span.start)
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
    elif clause[-1] in ",:：" and (hit := SPEECH_VERB.search(clause) or _SOURCE.search(clause)):
        found = speaker_after_verb(clause[hit.end() :].rstrip(",:："), body, subject_optional=False)
    elif clause[-1] == "：" or (clause[-1] == ":" and _CJK.search(clause[-6:])):
        found = zh_speaker(clause[:-1])  # "星辰公司董事长王明：“…”" needs its title
        found = found if found and found.name and found.role else None
    elif clause[-1] == ":" and word_count(span.text) >= _MIN_WORDS_COLON:
        found = speaker_before_verb(clause[:-1], body)
        if found is None or found.name is None:
            found = speaker_leading(clause[:-1], body)
    return Attribution(found, span.start) if found else None


def clause_after(body: str, at: int) -> tuple[str, int]:
    """From ``at`` to the end of its sentence (or the next quote / line end)."""
    limit = min(len(body), at + _REACH)
    stop = limit
    newline = body.find("\n", at, limit)
    if newline != -1:
        stop = newline
    for index in range(at, stop):
        if body[index] in QUOTE_OPENERS:
            stop = index
            break
    end = _SENTENCE_END.search(body, at, stop)
    stop = end.end() if end else stop
    return body[at:stop], stop


def clause_before(body: str, at: int) -> str:
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
    return clause_before(previous, len(previous))
