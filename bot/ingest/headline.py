"""Which line of a cleaned page is its headline, and where its article text begins.

The headline sits above the first prose paragraph, so finding one means telling prose
from headings first; hard-wrapped text and a cover letter forwarding the release each
move where the article starts.
"""

from __future__ import annotations

from bot.ingest.evidence import Candidate, Explanation
from bot.ingest.text import TERMINAL_MARKS, has_words, split_sentences
from bot.ingest.titles import (
    MAX_TITLE_LINE,
    forwarded_release_start,
    headline_text,
    is_furniture,
    is_title_case,
    notice_headline,
    runs_on,
    title_candidates,
)

_HEADLINE_WORDS = 25  # an unpunctuated line this long with two sentences is prose
_ARTICLE_LINES = 4  # prose lines a headline is compared with
_HEADER_LINES = 12  # a page without prose lines: its header, and the lines to compare with
_PROSE_WORDS = 8  # a paragraph this long that ends a sentence is article text
_WRAPPED_WIDTH = 120  # hard-wrapped text has lines no longer than this
_WRAP_SHARE = 0.6  # and of about the same width: a shorter line ends a paragraph or heads one


def take_title(
    lines: list[tuple[int, str]], explain: Explanation | None = None
) -> tuple[str, list[tuple[int, str]]]:
    """The headline among the lines above the first prose paragraph; lines above it are
    page header. Without one, every line stays and the caller derives a title.

    A cover letter forwarding the release comes first: the headline is then the echoed
    line nearest the release's text, below the letter's signature and copy list."""
    start = forwarded_release_start([line for _, line in lines])
    if start is not None:
        headline, rest = _title_above(lines[start:], explain, nearest=True)
        if headline:
            return headline, rest
    headline, rest = _title_above(lines, explain)
    if headline or not lines:
        return headline, rest
    # Text flattened from a PDF: the headline is run into the first paragraph.
    notice = notice_headline(lines[0][1])
    if notice and explain is not None:
        explain.add("title", [Candidate(notice, "notice headline in flattened text", notice)])
    return notice or "", lines


def _title_above(
    lines: list[tuple[int, str]], explain: Explanation | None, *, nearest: bool = False
) -> tuple[str, list[tuple[int, str]]]:
    first_prose = next((i for i, (_, line) in enumerate(lines) if is_prose(line)), None)
    article_lines = _ARTICLE_LINES
    if first_prose is None:
        # Hard-wrapped text has no prose line: its top lines stand for the header.
        first_prose, article_lines = min(len(lines), _HEADER_LINES), _HEADER_LINES
    else:
        first_prose = _paragraph_start(lines, first_prose)
    above = [line for _, line in lines[:first_prose]]
    article = [line for _, line in lines[first_prose : first_prose + article_lines]]
    candidates = title_candidates(above, article)
    if nearest:
        candidates = sorted(candidates, key=lambda c: -c.value)
    if explain is not None:
        explain.add(
            "title", [Candidate(above[c.value], c.rule, c.evidence, c.weight) for c in candidates]
        )
    best = next(iter(candidates), None)
    if best is None:
        return "", lines
    first, end = best.value, best.value + 1
    if first and runs_on(above[first - 1], above[first]):
        first -= 1
    elif end < len(lines) and runs_on(above[first], lines[end][1]) and not is_prose(lines[end][1]):
        end += 1
    headline = headline_text(" ".join(line for _, line in lines[first:end]))
    return headline, lines[end:]


def _paragraph_start(lines: list[tuple[int, str]], end: int) -> int:
    """The first line of the hard-wrapped paragraph whose last line is ``end``: lines of the
    same block and about the same width that do not end a sentence or look like headings."""
    block = lines[end][0]
    widths = [
        len(line)
        for number, line in lines[max(0, end - _HEADER_LINES) : end + 1]
        if number == block
    ]
    if not widths or max(widths) > _WRAPPED_WIDTH:
        return end
    start = end
    while start > 0:
        number, line = lines[start - 1]
        if (
            number != block
            or line.endswith(TERMINAL_MARKS)
            or len(line) < _WRAP_SHARE * max(widths)
            or line.isupper()
            or is_title_case(line)
        ):
            break
        start -= 1
    return start


def is_prose(line: str) -> bool:
    """Article text, not a heading: a long line, or a sentence of several words."""
    if len(line) > MAX_TITLE_LINE:
        return True
    return (
        has_words(line, _PROSE_WORDS)
        and not is_furniture(line)
        and (
            line.endswith((".", "。"))
            or (
                has_words(line, _HEADLINE_WORDS)
                and not is_title_case(line)
                and len(split_sentences(line)) > 1
            )
        )
    )
