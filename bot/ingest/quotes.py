"""Direct quotes: quoted speech with an adjacent attribution, speaker and role kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.text import trie_pattern, word_count
from bot.records import Quote

_SPAN = re.compile(r"[\"“]([^\"“”\n]{1,3000})[\"”]")
# Speech verbs that make quoted text a quote (and make a capitalised word before them a speaker).
_VERB_WORDS = frozenset(
    {"said", "says", "say", "added", "adds", "noted", "notes", "stated", "states", "commented",
     "comments", "explained", "explains", "remarked", "remarks", "continued", "continues",
     "concluded", "concludes", "emphasized", "emphasised", "emphasizes", "emphasises", "stressed",
     "stresses", "observed", "observes", "shared", "declared", "highlighted", "affirmed",
     "acknowledged", "recalled", "insisted", "that", "out"}
)  # fmt: skip
_VERB = (
    "(?:" + trie_pattern(_VERB_WORDS - {"that", "out"}) + r"|told\s+[\w\s]{1,30}?|pointed\s+out)"
)
_HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Madam)\.?\s+)"
_NAME = (
    r"(?:[A-Z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*)){0,3}|[\u4e00-\u9fff]{2,4}"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)"
)
_APPOSITIVE = r"[^,\"“”\n]{2,160}?"
_ROLE = r"(?:[^\"“”.!?;\n]|\.(?=[^\s\"“”]))(?:[^\"“”.!?;\n]|\.(?=[^\s\"“”])){1,200}"

# Attribution right after the closing mark: `," said Li Jia, director …` / `," he said.`
_AFTER = re.compile(
    rf"""\s*,?\s*(?:
        {_VERB}\s+{_HONORIFIC}?(?P<a>{_NAME})(?:\s*,\s*(?P<a_role>{_ROLE}))?
      | {_HONORIFIC}?(?P<b>{_NAME})(?:\s*,\s*(?P<b_role>{_APPOSITIVE})\s*,)?\s+{_VERB}\b
      | according\s+to\s+{_HONORIFIC}?(?P<c>{_NAME})(?:\s*,\s*(?P<c_role>{_ROLE}))?
    )[.;!?]?""",
    re.VERBOSE,
)
# Attribution right before the opening mark: `Li Jia said: "` / `According to Li, "` / `Li: "`.
_BEFORE = re.compile(
    rf"""(?:
        {_HONORIFIC}?(?P<a>{_NAME})(?:\s*,\s*(?P<a_role>{_APPOSITIVE})\s*,)?\s+{_VERB}(?:\s+that)?\s*[:,]?
      | {_VERB}\s+{_HONORIFIC}?(?P<b>{_NAME})(?:\s*,\s*(?P<b_role>{_APPOSITIVE}))?\s*[:,]
      | according\s+to\s+{_HONORIFIC}?(?P<c>{_NAME})(?:\s*,\s*(?P<c_role>{_APPOSITIVE}))?\s*,
      | {_HONORIFIC}?(?P<d>{_NAME})\s*[:：]
    )\s*$""",
    re.VERBOSE,
)
# Speech verbs in running text; the speaker is then read backwards from each.
_VERB_HIT = re.compile(rf"\s{_VERB}\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
_PEOPLE_REACH = 2000
_NEXT_NAME = re.compile(r"[ \t]+([A-Z][a-z'’-]+)\b")
_PREVIOUS_NAME = re.compile(r"(?<![\w.])([A-Z][a-z'’-]+)[ \t]+\Z")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "madam"})
_PRONOUNS = frozenset({"he", "she", "they", "we"})
# Capitalised words that start a clause but never name a speaker.
_NOT_NAMES = frozenset(
    {"the", "this", "that", "these", "those", "it", "its", "i", "a", "an", "our", "their", "his",
     "her", "in", "on", "at", "by", "for", "and", "but", "as", "also", "meanwhile", "company"}
)  # fmt: skip
_ROLE_LEAD = re.compile(r"^(?:who\s+(?:is|was|serves\s+as)|currently|the\s+company's)\s+", re.I)
_ROLE_DESCRIPTOR = re.compile(
    r"\bof\s+the\s+(?:[\w-]+\s+){0,4}?(?:company|firm|startup|start-up|group|biotech|developer|maker)\s+(?=[A-Z])"
)
_BEFORE_REACH = 200
_AFTER_REACH = 320
_MIN_WORDS = 3
_MIN_WORDS_COLON = 8


@dataclass(slots=True)
class _Attribution:
    speaker: str | None
    role: str | None
    pronoun: bool
    end: int  # where the attribution clause ends in the body


def extract_quotes(body: str) -> list[Quote]:
    """Quotes with a speech verb (or "Name:") right next to them; scare quotes are skipped.

    A quote that resumes right after its attribution (`"A," said X. "B."`) is one quote.
    Pronoun speakers ("he said") go to the person most recently named before the quote.
    """
    if '"' not in body and "“" not in body:
        return []
    quotes: list[Quote] = []
    people: list[tuple[int, str, str | None]] = []  # (position, speaker, role) from quotes
    spans = list(_SPAN.finditer(body))
    index = 0
    while index < len(spans):
        span = spans[index]
        index += 1
        words = word_count(span.group(1))
        if words < _MIN_WORDS:
            continue
        found = _after(body, span.end()) or _before(body, span.start(), words)
        if found is None:
            continue
        parts = [span.group(1)]
        end = found.end
        while index < len(spans) and not body[end : spans[index].start()].strip():
            following = spans[index]
            if _after(body, following.end()) is not None:
                break
            parts.append(following.group(1))
            end = following.end()
            index += 1
        speaker, role = _resolve(body, span.start(), found, people)
        if speaker is not None:
            people.append((span.start(), speaker, role))
        quotes.append(Quote(speaker=speaker, role=role, text=_join(parts)))
    return quotes


def _after(body: str, at: int) -> _Attribution | None:
    match = _AFTER.match(body[at : at + _AFTER_REACH])
    if match is None:
        return None
    name = match.group("a") or match.group("b") or match.group("c")
    role = match.group("a_role") or match.group("b_role") or match.group("c_role")
    return _attribution(name, role, at + match.end())


def _before(body: str, at: int, words: int) -> _Attribution | None:
    start = max(body.rfind("\n", 0, at) + 1, at - _BEFORE_REACH)
    tail = body[start:at].rstrip()
    if not tail or not (tail[-1] in ":：," or tail[tail.rfind(" ") + 1 :] in _VERB_WORDS):
        return None  # cheap test before the full pattern: no verb or colon right before
    match = _BEFORE.search(body, start, at)
    if match is None or (match.group("d") and words < _MIN_WORDS_COLON):
        return None
    name = match.group("a") or match.group("b") or match.group("c") or match.group("d")
    role = match.group("a_role") or match.group("b_role") or match.group("c_role")
    return _attribution(name, role, at)


def _attribution(name: str, role: str | None, end: int) -> _Attribution | None:
    folded = name.casefold()
    if folded in _PRONOUNS:
        return _Attribution(None, None, pronoun=True, end=end)
    if name.split()[0].casefold() in _NOT_NAMES:
        return None
    return _Attribution(name, _clean_role(role), pronoun=False, end=end)


def _clean_role(role: str | None) -> str | None:
    """Appositive → role: "who is CEO of the young company Acme" → "CEO of Acme"."""
    if role is None:
        return None
    role = _ROLE_DESCRIPTOR.sub("of ", _ROLE_LEAD.sub("", role.strip()))
    first = role.split()[0] if role.split() else ""
    if not first or first.endswith("ing") or first.casefold() in {"and", "but", "which", "adding"}:
        return None
    return role.rstrip(" ,")


def _resolve(
    body: str, at: int, found: _Attribution, people: list[tuple[int, str, str | None]]
) -> tuple[str | None, str | None]:
    """Name the speaker: pronouns → the last person named; "Lu" → "Lu Xiangyang"."""
    if found.speaker is not None:
        speaker, role = found.speaker, found.role
    else:
        latest = _last_person(body, at, people) if found.pronoun else None
        if latest is None:
            return None, None
        speaker, role = latest
    full = _full_name(body, at, speaker)
    if role is None:
        role = next((r for _, s, r in reversed(people) if s == full and r), None)
    return full, role


def _last_person(
    body: str, at: int, people: list[tuple[int, str, str | None]]
) -> tuple[str, str | None] | None:
    """The person named last before ``at``: a quoted speaker or the subject of a speech verb."""
    best: tuple[int, str, str | None] | None = people[-1] if people else None
    for verb in _VERB_HIT.finditer(body, max(0, at - _PEOPLE_REACH), at):
        if best is not None and verb.start() <= best[0]:
            continue
        start = max(body.rfind("\n", 0, verb.start()) + 1, verb.start() - _BEFORE_REACH)
        subject = _subject(body[start : verb.start()])
        if subject is not None:
            best = (verb.start(), *subject)
    if best is None:
        return None
    _, name, role = best
    return name, role


def _subject(text: str) -> tuple[str, str | None] | None:
    """`Lu` / `Li Jia, director of X,` at the end of ``text`` → (name, role)."""
    text = text.rstrip()
    role = None
    if text.endswith(","):
        head, _, role = text[:-1].rpartition(",")
        if not head or '"' in role or "“" in role:
            return None
        text = head.rstrip()
    words: list[str] = []
    for word in reversed(text.rsplit(None, 4)[-4:]):
        if not _NAME_WORD.fullmatch(word) or word.casefold() in _TITLES:
            break
        words.append(word)
    if not words or words[-1].casefold() in _NOT_NAMES:
        return None
    return " ".join(reversed(words)), _clean_role(role)


def _full_name(body: str, at: int, name: str) -> str:
    """A one-word name is completed from an earlier, fuller mention ("Lu" → "Lu Xiangyang")."""
    if " " in name or not name[:1].isupper():
        return name
    position = body.find(name, 0, at)
    while position != -1:
        end = position + len(name)
        if _NAME_WORD.fullmatch(body, position, end) and not body[end : end + 1].isalnum():
            following = _NEXT_NAME.match(body, end, at)
            if following and _is_name_word(following.group(1)):
                return f"{name} {following.group(1)}"
            preceding = _PREVIOUS_NAME.search(body, max(0, position - 40), position)
            if preceding and _is_name_word(preceding.group(1)):
                return f"{preceding.group(1)} {name}"
        position = body.find(name, end, at)
    return name


def _is_name_word(word: str) -> bool:
    return word.casefold() not in _NOT_NAMES and word.casefold() not in _TITLES


def _join(parts: list[str]) -> str:
    """Quote text as a sentence: the comma before an attribution becomes a full stop."""
    cleaned = []
    for part in parts:
        text = " ".join(part.split())
        cleaned.append(text[:-1] + "." if text.endswith(",") else text)
    return " ".join(cleaned)
