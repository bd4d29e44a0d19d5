"""Headlines: which line above the article is the release's own title, not the page's chrome.

A headline restates its article: most of its words come back in the first paragraphs.
Site names, breadcrumbs, filing headers, stamps and sign-up prompts do not, and each
also has a written form of its own. So every short line above the first prose paragraph
is a candidate, scored by how much of it the article repeats and how close it sits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from bot.ingest.date_forms import find_dates
from bot.ingest.evidence import Candidate, ranked
from bot.ingest.furniture import CJK_LEGAL_NAME, LEGAL_NAME, is_furniture_form
from bot.ingest.text import has_words, split_sentences

MAX_TITLE_LINE = 300
_CONTEXT_CHARS = 1000
# Share of a line's words the article must repeat for the line to be its headline; past a
# clear echo, every echoed line ranks by position alone.
_MIN_ECHO = 0.34
_CLEAR_ECHO = 0.4
# Words the article repeats only in parts or inflected ("Werbe-Etatvergabe" as "Werbeetats …
# Vergabe", "plants" as "plant") count by their share of 4-grams.
_GRAM = 4
# Lines whose furniture verdict is remembered: many times the lines of one page.
_CACHED_LINES = 4096
_PARTIAL_WORD_CHARS = 5
_LATIN_WORD = re.compile(r"[0-9a-z\u00c0-\u024f\uac00-\ud7af]{2,}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_STOP_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "its",
        "are",
        "was",
        "has",
        "have",
        "will",
        "into",
        "over",
        "new",
        "inc",
        "ltd",
        "co",
        "corp",
        "der",
        "die",
        "das",
        "und",
        "von",
        "mit",
        "nach",
        "auf",
        "für",
        "bei",
        "zur",
        "zum",
        "den",
        "dem",
        "ein",
        "eine",
        "ist",
        "les",
        "des",
        "une",
        "pour",
        "del",
        "los",
        "las",
        "con",
        "por",
    ]
)
# A bilingual name banner run into the headline: "ACME HOLDINGS LIMITED 亞克美控股有限公司 …".
_NAME_BANNER = re.compile(rf"^{LEGAL_NAME}\s+{CJK_LEGAL_NAME}\s*\*?\s+(?=\S)", re.IGNORECASE)
# A cover letter that forwards the release: a salutation, then a mention of an attachment.
_SALUTATION = re.compile(
    r"^(?:dear|estimad[oa]s?|señor(?:es)?|sehr\sgeehrte|monsieur|madame|gentil[ei]|prezad[oa]s?)\b"
    r".{0,60}[:,]$",
    re.IGNORECASE,
)
_COVER_LETTER_LINES = 8  # a cover letter names its attachment within this many lines
_ATTACHMENT = re.compile(
    r"\b(?:attached|enclosed|adjunt[oa]s?|ci-joint|beigefügt|in\sallegato|em\sanexo)\b",
    re.IGNORECASE,
)
# Words a headline does not end on: a line ending so runs on into the next one.
_OPEN_ENDINGS = frozenset(
    {"an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "from",
     "de", "del", "la", "el", "los", "las", "y", "en", "al", "con", "por", "du", "des",
     "le", "et", "à", "au", "aux", "der", "das", "und", "für", "von", "zu", "zur", "im",
     "di", "il", "da", "do", "dos", "na", "em"}
)  # fmt: skip
_CUT_HEADLINE_TAIL = 8  # words: a longer next line is not the end of a cut headline
# A CJK disclosure's headline inside text flattened from a PDF: "…に関するお知らせ"
# ("notice concerning …"), "关于…的公告" ("announcement on …"), set off by spaces.
_NOTICE_HEADLINE = re.compile(
    r"(?:^|\s)(?P<headline>[^\s。!?]{4,80}?(?<!から)(?:に関する|について|の)お知らせ"
    r"|关于[^\s。,，]{2,60}的(?:公告|通知))(?:\s|$)"
)
_BREADCRUMB_MARK = re.compile(r"\s[>»›]\s|\s[|]\s|\|\s*\|")
_LETTERS = re.compile(r"[^\W\d_]")


def content_words(text: str) -> set[str]:
    """Words that carry meaning: Latin and Hangul words, and CJK character pairs."""
    folded = text.casefold()
    return _content_words(folded, _LATIN_WORD.findall(folded))


def _content_words(folded: str, latin_words: list[str]) -> set[str]:
    """``content_words`` of casefolded text whose Latin words the caller already found."""
    words = set(latin_words).difference(_STOP_WORDS)
    if not folded.isascii():  # CJK pairs need CJK characters
        for run in _CJK_RUN.findall(folded):
            words.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return words


@lru_cache(maxsize=_CACHED_LINES)
def is_furniture(line: str) -> bool:
    """A stamp, filing header, breadcrumb, archive label or prompt: never a headline.
    Furniture is short; paragraphs of article text are never furniture.

    Cached: the title, lead and prose tests ask about the same lines of a page."""
    if len(line) > MAX_TITLE_LINE:
        return False
    if is_furniture_form(line) or len(_BREADCRUMB_MARK.findall(line)) >= 2:
        return True
    words = _word_count(line)
    return words < 2 or len(_LETTERS.findall(line)) < len(line) * 0.4 or _is_stamp(line)


def headline_text(line: str) -> str:
    """The chosen line without a bilingual company-name banner printed in front of it."""
    return _NAME_BANNER.sub("", line, count=1)


def forwarded_release_start(lines: Sequence[str]) -> int | None:
    """Where the release begins after a cover letter that forwards it ("Dear Sir: … the
    release is attached."), or None when the page has no such letter."""
    greeting = next((i for i, line in enumerate(lines) if _SALUTATION.match(line)), None)
    if greeting is None:
        return None
    letter = lines[greeting + 1 : greeting + 1 + _COVER_LETTER_LINES]
    attachment = next((i for i, line in enumerate(letter) if _ATTACHMENT.search(line)), None)
    return None if attachment is None else greeting + attachment + 2


def notice_headline(text: str) -> str | None:
    """The headline a flattened CJK disclosure states as "notice concerning …", if any."""
    match = _NOTICE_HEADLINE.search(text[:_CONTEXT_CHARS])
    return match.group("headline") if match else None


def runs_on(headline: str, next_line: str) -> bool:
    """A headline cut across two lines: it ends on a word like "of" or "del" and the short
    next line, in the same case, completes it."""
    words = headline.split()
    return (
        bool(words)
        and words[-1].casefold() in _OPEN_ENDINGS
        and len(next_line.split()) <= _CUT_HEADLINE_TAIL
        and headline.isupper() == next_line.isupper()
        and not next_line.endswith((".", ",", ":", "。"))
        and not is_furniture(headline)
        and not is_furniture_form(next_line)
    )


def is_title_case(line: str) -> bool:
    """Most words capitalised, as English headlines are written, however long."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _is_stamp(line: str) -> bool:
    """A date with a place or a label ("Santiago, 5 de mayo de 2021", "Annual Report
    May 13, 2021"): a page's stamp or a document's label, not its headline."""
    spans = find_dates(line)
    if not spans:
        return False
    ends = [0, *(span.end for span in spans)]
    starts = [*(span.start for span in spans), len(line)]
    outside = " ".join(line[end:start] for end, start in zip(ends, starts, strict=True))
    return _word_count(outside) <= 3


def _word_count(text: str) -> int:
    """Latin and Hangul words, and CJK characters two to a word."""
    latin = len(_LATIN_WORD.findall(text.casefold()))
    return latin if text.isascii() else latin + len(_CJK_CHAR.findall(text)) // 2


def _headline_shaped(line: str, lower_case_page: bool) -> bool:
    """Short, not ending like a sentence or a label, and not several sentences."""
    if (
        len(line) > MAX_TITLE_LINE
        or (line[:1].islower() and not lower_case_page)
        or line.endswith((",", ";", ":", "：", "，", "…", "..."))
    ):
        return False
    if line.endswith((".", "。")) and has_words(line, 12):
        return False
    return has_words(line, 2) and len(split_sentences(line)) <= 2


def title_candidates(lines: Sequence[str], article: Sequence[str]) -> list[Candidate[int]]:
    """Headline candidates among ``lines`` (the page above its first prose paragraph),
    as indexes into it, best first; ``article`` is the prose that follows."""
    text = " ".join(article)[:_CONTEXT_CHARS]
    folded = text.casefold()
    article_words = _LATIN_WORD.findall(folded)
    context = _content_words(folded, article_words)
    # A 4-gram of a word is in the article's words exactly when it is a substring of
    # them joined by spaces: one C-speed search each, instead of a set of every 4-gram.
    spelled = " ".join(article_words)
    lower_case_page = text.islower()  # some sites are scraped all in lower case
    shaped = [
        (position, line)
        for position, line in enumerate(lines)
        if _headline_shaped(line, lower_case_page) and not is_furniture(line)
    ]
    candidates: list[Candidate[int]] = []
    for position, line in shaped:
        echo = _echo(content_words(line), context, spelled)
        if echo >= _MIN_ECHO:
            # Past a clear echo, a headline and its deck both qualify: the first one wins.
            weight = min(echo, _CLEAR_ECHO) + 0.15 * has_words(line, 4) - 0.01 * position
            candidates.append(Candidate(position, "headline echoed by the article", line, weight))
            candidates.extend(_containing(shaped, line, weight))
        elif position == len(lines) - 1 and article:
            candidates.append(Candidate(position, "headline-shaped line above the article", line))
    return ranked(candidates)


def _echo(words: set[str], context: set[str], spelled: str) -> float:
    """Share of a line's ``words`` the article repeats; a word it repeats only in parts
    or inflected counts by its share of 4-grams found in the article's ``spelled`` words."""
    if not words:
        return 0.0
    shares = []
    for word in words:
        if word in context:
            shares.append(1.0)
        elif len(word) >= _PARTIAL_WORD_CHARS:
            parts = [word[i : i + _GRAM] for i in range(len(word) - _GRAM + 1)]
            shares.append(sum(part in spelled for part in parts) / len(parts))
    # fsum: a set's order changes with the hash seed, and a plain float sum with it.
    return math.fsum(shares) / len(words)


def _containing(
    shaped: Sequence[tuple[int, str]], part: str, weight: float
) -> list[Candidate[int]]:
    """A section label often repeats the start of the headline ("Annual letter" above
    "Annual letter | a year of growth"): the full line is the headline."""
    folded = part.casefold()
    return [
        Candidate(position, "full headline of an echoed label", line, weight + 0.01)
        for position, line in shaped
        if len(line) > len(part) and line.casefold().startswith(folded)
    ]
