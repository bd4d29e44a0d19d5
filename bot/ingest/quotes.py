"""Direct quotes: quoted speech with an adjacent attribution, speaker and role kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.text import trie_pattern, word_count
from bot.records import Quote

# A straight closing mark glued to a word ("a start. "We …) is really an opening one.
_SPAN = re.compile(r"[\"“]([^\"“”\n]{1,3000})(?:\"(?!\w)|”)")
# Speech verbs: one next to quoted text makes it a quote, and names its speaker.
_VERB_WORDS = frozenset(
    {"said", "says", "say", "added", "adds", "noted", "notes", "stated", "states", "commented",
     "comments", "explained", "explains", "remarked", "remarks", "continued", "continues",
     "concluded", "concludes", "emphasized", "emphasised", "emphasizes", "emphasises", "stressed",
     "stresses", "observed", "observes", "shared", "declared", "highlighted", "affirmed",
     "acknowledged", "recalled", "insisted"}
)  # fmt: skip
_VERB = "(?:" + trie_pattern(_VERB_WORDS) + r"|told\s+[\w\s]{1,30}?|pointed\s+out)"
_HONORIFIC = r"(?:(?i:dr|mr|mrs|ms|miss|prof|professor|sir|dame|madam)\.?\s+)"
_PRONOUN = r"(?i:he|she|they|we)"
_CJK_NAME = r"[\u4e00-\u9fff]{2,4}"
# Names as written on ordinary pages, and on pages scraped all in lower case.
_CASED_NAME = rf"(?:[A-Z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*)){{0,3}}|{_CJK_NAME}|{_PRONOUN})"
_LOWER_NAME = rf"(?:[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){{0,2}}|{_CJK_NAME})"
_APPOSITIVE = r"[^\"“”\n]{2,200}?"
_ROLE = r"(?:[^\"“”.!?;\n]|\.(?=[^\s\"“”]))(?:[^\"“”.!?;\n]|\.(?=[^\s\"“”])){1,200}"


def _after_pattern(name: str) -> re.Pattern[str]:
    """Attribution right after the closing mark: `," said Li Jia, director …` / `," he said.` /
    `" — Li Jia, CEO of Acme`."""
    return re.compile(
        rf"""\s*,?\s*(?:
            {_VERB}\s+{_HONORIFIC}?(?P<a>{name})(?:\s*,\s*(?P<a_role>{_ROLE}))?
          | {_HONORIFIC}?(?P<b>{name})(?:\s*,\s*(?P<b_role>{_APPOSITIVE})\s*,)?\s+{_VERB}\b
          | (?i:according)\s+to\s+{_HONORIFIC}?(?P<c>{name})(?:\s*,\s*(?P<c_role>{_ROLE}))?
          | (?:[—–]|--?)\s*{_HONORIFIC}?(?P<d>{name})(?:\s*,\s*(?P<d_role>{_ROLE}))?
        )[.;!?]?""",
        re.VERBOSE,
    )


def _before_pattern(name: str) -> re.Pattern[str]:
    """Attribution right before the opening mark: `Li Jia, CEO, said: "` / `According to Li, "`
    / `Li: "`."""
    return re.compile(
        rf"""(?:
            {_HONORIFIC}?(?P<a>{name})(?:\s*,\s*(?P<a_role>{_APPOSITIVE})\s*,)?\s+{_VERB}(?:\s+that)?\s*[:,]?
          | {_VERB}\s+{_HONORIFIC}?(?P<b>{name})(?:\s*,\s*(?P<b_role>{_APPOSITIVE}))?\s*[:,]
          | (?i:according)\s+to\s+{_HONORIFIC}?(?P<c>{name})(?:\s*,\s*(?P<c_role>{_APPOSITIVE}))?\s*,
          | {_HONORIFIC}?(?P<d>{name})\s*[:：]
        )\s*$""",
        re.VERBOSE,
    )


_CASED = (_after_pattern(_CASED_NAME), _before_pattern(_CASED_NAME))
_LOWER = (_after_pattern(_LOWER_NAME), _before_pattern(_LOWER_NAME))
_GROUPS = ("a", "b", "c", "d")

# Speech verbs in running text; the speaker is then read backwards from each.
_VERB_HIT = re.compile(rf"\s{_VERB}\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
_NEXT_NAME = re.compile(r"[ \t]+([A-Z][a-z'’-]+)\b")
_PREVIOUS_NAME = re.compile(r"(?<![\w.])([A-Z][a-z'’-]+)[ \t]+\Z")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "madam"})
_PRONOUNS = frozenset({"he", "she", "they", "we"})
# Words that start a clause but never name a speaker.
_NOT_NAMES = frozenset(
    {"the", "this", "that", "these", "those", "it", "its", "i", "a", "an", "our", "their", "his",
     "her", "in", "on", "at", "by", "for", "to", "with", "from", "and", "but", "as", "also",
     "meanwhile", "company", "today", "yesterday", "earlier", "later", "then", "analysts",
     "officials", "experts", "sources", "reporters", "people", "everyone"}
)  # fmt: skip
# Job words: a "name" made of them is the role part of "Name, Founder, CEO of X, said".
_ROLE_WORDS = frozenset(
    {"ceo", "cfo", "coo", "cto", "cso", "cmo", "cbo", "chairman", "chairwoman", "chair",
     "president", "founder", "co-founder", "cofounder", "director", "officer", "head", "chief",
     "vice", "manager", "partner", "investigator", "executive", "senior", "secretary", "lead",
     "principal", "general", "deputy", "member", "board", "dean", "professor"}
)  # fmt: skip
_ROLE_LEAD = re.compile(r"^(?:who\s+(?:is|was|serves\s+as)|currently|the\s+company's)\s+", re.I)
_ROLE_DESCRIPTOR = re.compile(
    r"\bof\s+the\s+(?:[\w-]+\s+){0,4}?(?:company|firm|startup|start-up|group|biotech|developer"
    r"|maker)\s+(?=[A-Z])"
)
_BEFORE_REACH = 240
_AFTER_REACH = 320
_PEOPLE_REACH = 800  # how far back a pronoun looks for the person it stands for
_MIN_WORDS = 3
_MIN_WORDS_COLON = 8


@dataclass(slots=True)
class _Attribution:
    speaker: str | None
    role: str | None
    pronoun: bool
    end: int  # where the attribution clause ends in the body


def extract_quotes(body: str) -> list[Quote]:
    """Quotes with a speech verb, a dash or "Name:" right next to them; scare quotes are skipped.

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
        after, before = _patterns(body, span.start())
        found = _after(body, span.end(), after) or _before(body, span.start(), words, before)
        if found is None:
            continue
        parts = [span.group(1)]
        end = found.end
        while index < len(spans) and not body[end : spans[index].start()].strip():
            following = spans[index]
            if _after(body, following.end(), after) is not None:
                break
            parts.append(following.group(1))
            end = following.end()
            index += 1
        speaker, role = _resolve(body, span.start(), found, people)
        if speaker is not None:
            people.append((span.start(), speaker, role))
        quotes.append(Quote(speaker=speaker, role=role, text=_join(parts)))
    return quotes


def _patterns(body: str, at: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Lower-case names are only trusted on a paragraph with no capital letters at all."""
    start = body.rfind("\n", 0, at) + 1
    end = body.find("\n", at)
    return _LOWER if body[start : end if end != -1 else len(body)].islower() else _CASED


def _after(body: str, at: int, pattern: re.Pattern[str]) -> _Attribution | None:
    match = pattern.match(body[at : at + _AFTER_REACH])
    if match is None:
        return None
    name, role = _name_and_role(match)
    return _attribution(name, role, at + match.end())


def _before(body: str, at: int, words: int, pattern: re.Pattern[str]) -> _Attribution | None:
    start = max(body.rfind("\n", 0, at) + 1, at - _BEFORE_REACH)
    tail = body[start:at].rstrip()
    if not tail or not (tail[-1] in ":：," or tail[tail.rfind(" ") + 1 :] in _VERB_WORDS):
        return None  # cheap test before the full pattern: no verb or colon right before
    while (match := pattern.search(body, start, at)) is not None:
        if not (match.group("d") and words < _MIN_WORDS_COLON):
            found = _attribution(*_name_and_role(match), at)
            if found is not None:
                return found
        start = match.start() + 1  # "Meanwhile, Li Jia said": try the next word as the name
    return None


def _name_and_role(match: re.Match[str]) -> tuple[str, str | None]:
    name = next(match.group(g) for g in _GROUPS if match.group(g))
    role = next((match.group(f"{g}_role") for g in _GROUPS[:3] if match.group(f"{g}_role")), None)
    if match.groupdict().get("d_role"):
        role = match.group("d_role")
    return name, role


def _attribution(name: str, role: str | None, end: int) -> _Attribution | None:
    if name.casefold() in _PRONOUNS:
        return _Attribution(None, None, pronoun=True, end=end)
    if not _looks_like_a_name(name):
        return None
    return _Attribution(name, _clean_role(role), pronoun=False, end=end)


def _looks_like_a_name(name: str) -> bool:
    words = name.casefold().split()
    return words[0] not in _NOT_NAMES and not any(word in _ROLE_WORDS for word in words)


def _clean_role(role: str | None) -> str | None:
    """Appositive → role: "who is CEO of the young company Acme" → "CEO of Acme"."""
    if role is None:
        return None
    role = _ROLE_DESCRIPTOR.sub("of ", _ROLE_LEAD.sub("", role.strip()))
    first = role.split()[0] if role.split() else ""
    if not first or first.endswith("ing") or first.casefold() in {"and", "but", "which"}:
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
    """The speaker at the end of ``text``: `Lu` / `Li Jia, director of X,` / `Yu Xia, Founder,
    CEO of X,` → (name, role). Comma-separated parts made of job words are the role."""
    text = text.rstrip()
    if not text.endswith(","):  # no appositive: the words right before the verb are the name
        name = _trailing_name(text)
        return (name, None) if name else None
    parts = [part.strip() for part in text[:-1].split(",")]
    for index in range(len(parts) - 2, -1, -1):
        name = _trailing_name(parts[index])
        if name is not None and (index == 0 or name == parts[index]):
            role = ", ".join(parts[index + 1 :])
            return None if '"' in role or "“" in role else (name, _clean_role(role))
    return None


def _trailing_name(text: str) -> str | None:
    words: list[str] = []
    for word in reversed(text.rsplit(None, 4)[-4:]):
        if not _NAME_WORD.fullmatch(word) or word.casefold() in _TITLES:
            break
        words.append(word)
    name = " ".join(reversed(words))
    return name if words and _looks_like_a_name(name) else None


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
    folded = word.casefold()
    return folded not in _NOT_NAMES and folded not in _TITLES and folded not in _ROLE_WORDS


def _join(parts: list[str]) -> str:
    """Quote text as a sentence: the comma before an attribution becomes a full stop."""
    cleaned = []
    for part in parts:
        text = " ".join(part.split())
        cleaned.append(text[:-1] + "." if text.endswith(",") else text)
    return " ".join(cleaned)
