"""Which company a release is about: registry names first, else the most salient organisation."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.ingest.text import trie_pattern
from bot.registry import Registry

UNKNOWN_COMPANY = "Unknown"
_TITLE_WEIGHT = 3
_LEAD_WEIGHT = 2
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class _Matcher:
    pattern: re.Pattern[str] | None  # runs on casefolded text
    canonical: dict[str, str]  # folded spelling → canonical name


_MATCHERS: dict[int, tuple[Registry, _Matcher]] = {}
_MAX_MATCHERS = 8


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _matcher(registry: Registry) -> _Matcher:
    """Every spelling in one prefix-tree pattern, built once per registry object."""
    cached = _MATCHERS.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    canonical: dict[str, str] = {}
    for entry in registry.companies:
        for spelling in entry.all_names:
            if _fold(spelling):
                canonical.setdefault(_fold(spelling), entry.name)
    pattern = re.compile(trie_pattern(canonical)) if canonical else None
    matcher = _Matcher(pattern, canonical)
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


def registry_company(registry: Registry, title: str, lead_end: int, body: str) -> str | None:
    """The registry company mentioned most; title mentions weigh 3, lead mentions (before
    ``lead_end`` in the body) 2, others 1; ties go to the first mentioned."""
    matcher = _matcher(registry)
    if matcher.pattern is None:
        return None
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for is_title, text in ((True, title.casefold()), (False, body.casefold())):
        for match in matcher.pattern.finditer(text):
            start, end = match.span()
            if not _whole_word(text, start, end):
                continue
            name = matcher.canonical[_fold(match.group())]
            weight = _TITLE_WEIGHT if is_title else _LEAD_WEIGHT if start < lead_end else 1
            scores[name] += weight
            first_seen.setdefault(name, len(first_seen))
    if not scores:
        return None
    return max(scores, key=lambda name: (scores[name], -first_seen[name]))


_ORG_SUFFIX = (
    r"(?:Inc|Incorporated|Ltd|Limited|Corp|Corporation|Co|LLC|PLC|plc|AG|GmbH|SA|NV|SE|KK"
    r"|Therapeutics|Pharma|Pharmaceuticals?|Biotech|Biotechnology|Biosciences?|Biologics|Biopharma"
    r"|Biotherapeutics|Medicines?|Oncology|Diagnostics|Genomics|Bio|Group|Holdings|Technologies"
    r"|Technology|Medical|Healthcare|Health|Labs|Laboratories|Sciences|Systems|Capital|Partners"
    r"|Ventures|Industries|International)"
)
_ORGANISATION = re.compile(
    rf"\b(?:[A-Z][\w&'’.-]*\s+){{1,4}}{_ORG_SUFFIX}\b\.?(?:,?\s+(?:Inc|Ltd|Co|Corp|LLC|PLC)\b\.?)?"
)
_PROPER = re.compile(r"\b[A-Z][a-zA-Z&'’-]+(?:\s+[A-Z][a-zA-Z&'’-]+){0,3}")
# Capitalised words that begin sentences or name times, never the company a release is about.
_NOT_ORG_WORDS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "our", "its", "their", "in", "on", "at", "by",
        "for", "and", "with", "from", "as", "of", "to", "after", "before", "during", "since",
        "today", "we", "he", "she", "they", "it", "i", "mr", "mrs", "ms", "dr", "prof", "ceo",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "about", "media", "contact", "forward-looking",
        "however", "additionally", "meanwhile", "also", "last", "next", "new", "according",
        "yesterday", "tomorrow", "recently", "earlier", "later", "now", "then", "when", "while",
        "although", "if", "under", "through", "following", "together", "here", "there", "all",
    }
)  # fmt: skip


_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Ltd|Limited|Corp|Corporation|Co|LLC|PLC|plc|AG|GmbH|SA|NV|SE|KK)\b\.?)+$"
)


def _trim(name: str) -> str:
    """ "The Shanghai-based Acme Bio Inc." → "Acme Bio": one spelling per organisation."""
    words = _LEGAL_FORM.sub("", name.rstrip(".,")).split() or name.split()
    while len(words) > 1 and (words[0].casefold() in _NOT_ORG_WORDS or words[0].endswith("-based")):
        words.pop(0)
    return " ".join(words)


def infer_company(title: str, body: str) -> str:
    """An unregistered company: a name with an organisation suffix, else the most repeated name.

    Only the body seeds candidates (titles capitalise every word); a title mention
    then breaks ties.
    """
    for pattern, minimum in ((_ORGANISATION, 1), (_PROPER, 2)):
        counts: Counter[str] = Counter()
        for match in pattern.finditer(body):
            name = _trim(match.group())
            if name.casefold() not in _NOT_ORG_WORDS:
                counts[name] += 2
        for name in counts:
            if name in title:
                counts[name] += 1
        best = counts.most_common(1)
        if best and best[0][1] >= 2 * minimum:
            return best[0][0]
    return UNKNOWN_COMPANY
