"""The words a record shows besides its headline: the lead, a summary, a derived title.

A summary is the article's opening sentences, never the headline again and never a
dateline; a page without a headline gets its lead sentence, shortened, as one.
"""

from __future__ import annotations

from bot.ingest.dates import dateline_end
from bot.ingest.text import TERMINAL_MARKS, has_words, split_sentences
from bot.ingest.titles import is_furniture

SUMMARY_LIMIT = 350
TITLE_LIMIT = 100
MIN_PROSE_WORDS = 6  # a page needs at least one paragraph this long to be a release
_WIDE_STOPS = tuple("。！？；")
# Words a derived title should not end on.
_WEAK_ENDINGS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "but",
     "from", "as", "is", "are", "was", "were", "its", "their", "that", "which", "who"}
)  # fmt: skip


def lead_paragraph(paragraphs: list[str]) -> str | None:
    """The first paragraph long enough to be article text (not a heading, a greeting or a
    prompt to sign up)."""
    long_enough = [p for p in paragraphs if has_words(p, MIN_PROSE_WORDS)]
    return next((p for p in long_enough if not is_furniture(p)), next(iter(long_enough), None))


def summarize(paragraphs: list[str], headline: str) -> str:
    """Up to three opening sentences of the article text, within SUMMARY_LIMIT characters.

    A sentence repeating the page's own ``headline`` is skipped; a title derived from
    the lead is no reason to skip the lead, so callers pass "" for those.
    """
    chosen: list[str] = []
    length = 0
    folded_title = headline.casefold().rstrip(".!? ")
    for paragraph in paragraphs:
        if not has_words(paragraph, MIN_PROSE_WORDS) or not _is_sentence_text(paragraph):
            continue
        if not chosen:
            paragraph = paragraph[dateline_end(paragraph) :]
        for sentence in split_sentences(paragraph):
            if sentence.casefold().rstrip(".!? ") == folded_title:
                continue
            if not chosen and len(sentence) > SUMMARY_LIMIT:
                return shorten(sentence, SUMMARY_LIMIT)
            if length + len(sentence) + len(chosen) > SUMMARY_LIMIT:
                return _join_sentences(chosen)
            chosen.append(sentence)
            length += len(sentence)
            if len(chosen) == 3:
                return _join_sentences(chosen)
    if chosen:
        return _join_sentences(chosen)
    return shorten(lead_paragraph(paragraphs) or paragraphs[0], SUMMARY_LIMIT)


def _join_sentences(sentences: list[str]) -> str:
    """Latin sentences are spaced; CJK ones follow each other directly."""
    joined = sentences[0]
    for sentence in sentences[1:]:
        joined += sentence if joined.endswith(_WIDE_STOPS) else f" {sentence}"
    return joined


def _is_sentence_text(paragraph: str) -> bool:
    return paragraph.endswith(TERMINAL_MARKS) or len(split_sentences(paragraph)) > 1


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary, ending with "…", never on a dangling "of" or "the"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    words = (cut[:space] if space > 0 else cut).split()
    while len(words) > 1 and words[-1].casefold() in _WEAK_ENDINGS:
        words.pop()
    return " ".join(words).rstrip(",;:-–— ") + "…"


def derive_title(lead: str) -> str:
    """A headline for a page without one: the lead sentence, shortened."""
    sentences = split_sentences(lead[dateline_end(lead) :]) or [lead]
    return shorten(sentences[0].rstrip(".。!！ ") or lead, TITLE_LIMIT)
