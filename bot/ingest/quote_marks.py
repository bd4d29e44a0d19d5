"""Quoted spans of a body: every quotation-mark style, unbalanced marks, multi-paragraph quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark → the marks that may close it. „…“ is German, «…» French, 「…」 CJK.
_CLOSERS: dict[str, str] = {
    "“": '”"',
    "„": "“”",
    "«": "»",
    "‘": "’",
    "「": "」",
    "『": "』",
    '"': '"”',
}
_MARK = re.compile('["“”„«»‘’「」『』]')
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


@dataclass(frozen=True, slots=True)
class Span:
    """One quotation: ``start``/``end`` bound it in the body, marks included.

    ``opened`` is False when the page lost the opening mark (the quote then starts at its
    paragraph); ``closed`` is False when it runs to the end of its last paragraph.
    """

    start: int
    end: int
    text: str
    opened: bool = True
    closed: bool = True


def find_spans(body: str) -> list[Span]:
    """Quotations in page order; a quote left open at a paragraph end goes on into the next
    paragraph when that one opens with the same mark (the usual multi-paragraph form)."""
    spans: list[Span] = []
    pending: Span | None = None
    pending_opener = ""
    for paragraph in _PARAGRAPH.finditer(body):
        found = _paragraph_spans(body, paragraph.start(), paragraph.end())
        if pending is not None:
            if (
                found
                and found[0][0].start == paragraph.start()
                and body.startswith(pending_opener, paragraph.start())
            ):
                first, opener = found.pop(0)
                pending = Span(pending.start, first.end, f"{pending.text} {first.text}", True,
                               first.closed)  # fmt: skip
                if opener is not None:
                    continue
            spans.append(pending)
            pending = None
        if found and (opener := found[-1][1]) is not None:
            pending, pending_opener = found.pop()[0], opener
        spans.extend(span for span, _ in found)
    if pending is not None:
        spans.append(pending)
    return spans


def _paragraph_spans(body: str, start: int, end: int) -> list[tuple[Span, str | None]]:
    """Spans of one paragraph; an unclosed last span comes with its opening mark."""
    found: list[tuple[Span, str | None]] = []
    opener: str | None = None
    opened_at = start
    for mark in _MARK.finditer(body, start, end):
        char, at = mark.group(), mark.start()
        following = body[at + 1 : at + 2]
        preceding = body[at - 1 : at] if at > start else " "
        if opener is None:
            if char in _CLOSERS and not (char == "‘" and not following.strip()):
                opener, opened_at = char, at
            elif char == "”" and preceding.isspace() and following.strip():
                opener, opened_at = "“", at  # a closing mark used to open
            elif char in "”»」" and not found and at > start:
                text = body[start:at]  # the page lost the opening mark
                found.append((Span(start, at + 1, text, opened=False), None))
            continue
        if char not in _CLOSERS[opener]:
            continue
        if following.isascii() and following.isalpha() and char in '"’':
            if char == '"':
                opened_at = at  # a straight mark glued to a word opens a new quote
            continue  # an apostrophe inside a quote
        found.append((Span(opened_at, at + 1, body[opened_at + 1 : at]), None))
        opener = None
    if opener is not None:
        span = Span(opened_at, end, body[opened_at + 1 : end], closed=False)
        found.append((span, opener))
    return found
