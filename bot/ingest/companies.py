"""Which company a release is about: registry names first, else the most salient organisation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.ingest.company_inference import company_candidates as company_candidates_inferred
from bot.ingest.evidence import Candidate, PageParts
from bot.registry import Registry

REGISTRY_RULE = "registry name"
_TITLE_WEIGHT = 3
_LEAD_WEIGHT = 2
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Finds registry spellings in casefolded, single-spaced text.

    Scanning every character against thousands of names is slow in Python's regex
    engine, so the matcher finds *anchors* with ``str.find`` (C speed) and checks the
    spellings only there. A small registry tries all its anchors (the shortest distinct
    leading words); a large one first keeps only anchors that occur in the text as a
    word (Latin) or a character (CJK).
    """

    canonical: dict[str, str]  # folded spelling → canonical name
    by_anchor: dict[str, tuple[str, ...]]  # anchor → spellings starting with it, longest first
    encoded: dict[bytes, str]  # UTF-8 anchor → anchor, to intersect with a text's tokens
    try_all: bool

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, spelling) of every mention in ``text``, in order, never overlapping."""
        if self.try_all:
            anchors: Iterable[str] = self.by_anchor
        else:
            anchors = [self.encoded[word] for word in self.encoded.keys() & _tokens(text)]
        hits = []
        for anchor in anchors:
            spellings = self.by_anchor[anchor]
            position = text.find(anchor)
            while position != -1:
                found = next((s for s in spellings if text.startswith(s, position)), None)
                if found is not None:
                    hits.append((position, position + len(found), found))
                position = text.find(anchor, position + 1)
        mentions: list[tuple[int, int, str]] = []
        for hit in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
            if not mentions or hit[0] >= mentions[-1][1]:
                mentions.append(hit)
        return mentions


_MATCHERS: dict[int, tuple[Registry, _Matcher]] = {}
_MAX_MATCHERS = 8
_MAX_ANCHORS = 24
_LEADING_WORD = re.compile(r"\w+")
# Punctuation becomes space before splitting, so "acme's" and "(acme)" yield "acme".
_ASCII_MARKS = bytes(b for b in range(128) if not (chr(b).isalnum() or chr(b) in "_ \t\n"))
_PUNCTUATION_TO_SPACE = bytes.maketrans(_ASCII_MARKS, b" " * len(_ASCII_MARKS))
_WIDE_MARK = re.compile(r"[^\x00-\x7f\w\s]")


def _tokens(text: str) -> list[bytes]:
    """The text's words (as UTF-8, split at C speed) and its CJK characters, repeats left
    in: intersecting the anchors with a list looks each word up once, without first
    building a set of the text's words."""
    if not text.isascii():
        text = _WIDE_MARK.sub(" ", text)
    words = text.encode().translate(_PUNCTUATION_TO_SPACE).split()
    if not text.isascii() and _CJK.search(text):
        words += [char.encode() for char in set(_CJK.findall(text))]
    return words


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _anchor(spelling: str) -> str:
    """What a large registry indexes a spelling by: its first word, or first CJK character."""
    if _CJK.match(spelling):
        return spelling[0]
    word = _LEADING_WORD.match(spelling)
    return word.group() if word else spelling[0]


def _matcher(registry: Registry) -> _Matcher:
    """Built once per registry object (the loader keeps one for a whole load)."""
    cached = _MATCHERS.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    canonical: dict[str, str] = {}
    for entry in registry.companies:
        for spelling in entry.all_names:
            if _fold(spelling):
                canonical.setdefault(_fold(spelling), entry.name)
    groups: dict[str, list[str]] = {}
    for spelling in canonical:
        groups.setdefault(_anchor(spelling), []).append(spelling)
    shortest: list[str] = []
    for anchor in sorted(groups, key=len):
        if not any(anchor.startswith(shorter) for shorter in shortest):
            shortest.append(anchor)
            if len(shortest) > _MAX_ANCHORS:
                break
    try_all = len(shortest) <= _MAX_ANCHORS
    if try_all:  # regroup under the shortest anchors: "leading" covers "leadingpharm"
        groups = {a: [s for s in canonical if s.startswith(a)] for a in shortest}
    by_anchor = {a: tuple(sorted(group, key=len, reverse=True)) for a, group in groups.items()}
    matcher = _Matcher(canonical, by_anchor, {a.encode(): a for a in by_anchor}, try_all)
    if len(_MATCHERS) >= _MAX_MATCHERS:
        _MATCHERS.clear()
    _MATCHERS[id(registry)] = (registry, matcher)
    return matcher


def _whole_word(text: str, start: int, end: int) -> bool:
    """Latin names must stand alone ("Leadingpharm" is not in "Leadingpharma"); CJK cannot."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if _CJK.match(text, start):
        return True
    return not (before.isalnum() or before in "_&-") and not (
        (after.isalnum() and not _CJK.match(after)) or after in "_&"
    )


def canonical_company(registry: Registry, name: str) -> str | None:
    """The registry's name for a spelling or ticker, if it knows it."""
    entry = registry.by_name(name)
    return entry.name if entry else None


def registry_company(
    registry: Registry, title: str, lead_end: int, body: str
) -> tuple[str, bool] | None:
    """The registry company mentioned most, and whether the title or lead names it; title
    mentions weigh 3, lead mentions (before ``lead_end`` in the body) 2, others 1; ties go
    to the first mentioned. ``body`` is a cleaned body: single spaces inside paragraphs, so
    names match with ``str.startswith``."""
    matcher = _matcher(registry)
    title = _fold(title)
    text = f"{title}\n{body.casefold()}"  # one pass; offsets tell title, lead and body apart
    title_end = len(title)
    lead_end += title_end + 1
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    up_front: set[str] = set()
    for start, end, spelling in matcher.mentions(text):
        if not _whole_word(text, start, end):
            continue
        name = matcher.canonical[spelling]
        if start < lead_end:
            up_front.add(name)
        scores[name] += (
            _TITLE_WEIGHT if start < title_end else _LEAD_WEIGHT if start < lead_end else 1
        )
        first_seen.setdefault(name, len(first_seen))
    if not scores:
        return None
    best = max(scores, key=lambda name: (scores[name], -first_seen[name]))
    return best, best in up_front


def company_candidates(parts: PageParts, registry: Registry) -> list[Candidate[str]]:
    """Who announces the page, best first: registry companies it names, then inferred ones.

    A registry company named in the headline or lead settles it: reading the page's
    forms as well would only cost time (inference is most of a page's parse)."""
    lead_at = parts.body.find(parts.lead)
    lead_end = lead_at + len(parts.lead) if lead_at >= 0 else 0
    known = registry_company(registry, parts.title, lead_end, parts.body)
    if known is None:
        return company_candidates_inferred(parts)
    name, up_front = known
    registered = Candidate(name, REGISTRY_RULE, name, float("inf"))
    if up_front:
        return [registered]
    return [registered, *company_candidates_inferred(parts)]
