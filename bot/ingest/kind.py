"""Pages that are not a release: listings, digests, legal and policy pages.

Such a page loaded as a release would invent a company and a headline, so each form
is recognised by how it is written and the page is reported with the reason instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from bot.ingest.text import lowers_plainly

_HEAD_LINES = 3
_SCAN_LINES = 40
# A short heading naming a policy or notice: "Cookie Notice", "IR Policy", "Disclaimer".
_POLICY_HEADING = re.compile(
    r"^(?:[\w'’-]+\s){0,3}(?:cookies?(?:\snotice|\spolicy)?|privacy(?:\snotice|\spolicy|\sstatement)?"
    r"|disclaimer|terms\sof\s(?:use|service)|legal\s(?:notice|information)|policy|impressum"
    r"|datenschutz(?:erklärung)?|mentions\slégales|aviso\slegal|免责声明|隐私政策|利用規約"
    r"|個人情報保護方針|개인정보처리방침)$",
    re.IGNORECASE,
)
# Sentences written as rules or waivers, not as news.
_LEGAL_VOICE = (
    "shall ", "no responsibility", "not intended as", "solicitation", "liable", "liability",
    "personal data", "cookies", "user's own", "users own", "without notice", "you agree",
    "accuracy", "errors",
)  # fmt: skip
_LEGAL_LINES = 3
_SENTENCE_WORDS = 8
_LEGAL_SHARE = 0.2  # of the sentences near the top: a release's own caveats stay below it
# Labelled stamps that each article of a listing repeats.
_ITEM_LABEL = re.compile(r"^(?:date|by|posted|author|作者|日期|날짜)\s*[:：]", re.IGNORECASE)
# A bare date-and-time stamp on its own line, as listings print under each teaser.
_STAMP = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?$")
_TEASER_CHARS = 80  # a teaser paragraph is longer than this, its headline shorter
_TEASER_REACH = 8  # lines after a stamp in which the next teaser starts
# A digest bullet naming a listed company: "• Acme (ACME) announced …".
_TICKER_BULLET = re.compile(r"^[•·▪*-]\s*[^()]{2,60}\((?P<ticker>[A-Z][A-Z.]{0,6})\)")
# A speaker's bullet, organisation in brackets, above a quote: "▶[Acme] Head of PR Jane Doe".
_SPEAKER_BULLET = re.compile(r"^[▶►•·▪*-]\s*\[(?P<organisation>[^\]]{1,40})\]")
_BULLETS = frozenset("▶►•·▪*-")  # the first characters of both bullets
_QUOTE_OPENERS = tuple("\"“„«「『'‘")
_DIGEST_ITEMS = 3
# The heading of minutes of a meeting, as a registry or a company files them.
_MINUTES_HEADING = re.compile(
    r"^(?:proc[eè]s[- ]verbal|minutes\sof\s(?:the\s)?(?:meeting|proceedings)|niederschrift"
    r"|verbale\sd(?:i|ell)|acta\sde\s(?:la|las)\s(?:junta|sesi[oó]n|reuni[oó]n))\b",
    re.IGNORECASE,
)
_HEADING_WORDS = 12
# An exchange's automated notice names no issuer, only "this security".
_MARKET_NOTICE = re.compile(r"\bthis (?:security|instrument)\b", re.IGNORECASE)
_MARKET_NOTICE_LINES = 5
# A labelled trading figure, "- High: 5,205.0" or "高値:5,205円": open, high, low, close, volume.
_QUOTE_LINE = re.compile(
    r"^[-•·*]?\s*(?:open(?:ing)?|high|low|close|closing|prev(?:ious|\.)?\sclose|volume"
    r"|始値|高値|安値|終値|出来高|开盘价?|最高价?|最低价?|收盘价?|成交量|시가|고가|저가|종가|거래량)"
    r"[^:：]{0,12}[:：]\s*(?P<figure>\d[\d,.]*\d)",
    re.IGNORECASE,
)
_QUOTE_RECAP_FIGURES = 3
_PROSE_CHARS = 40


def not_a_release(lines: Sequence[str]) -> str | None:
    """Why the page (its non-blank lines) is not a release, or None when it may be one."""
    head = lines[:_SCAN_LINES]
    if any(_POLICY_HEADING.match(line) for line in lines[:_HEAD_LINES]):
        return "a policy or legal page, not a release"
    if _legal_voice("\n".join(head)) and _mostly_legal(head):
        return "legal or policy text, not a release"
    marks = _ListingMarks.of(lines)
    if marks.labels and marks.labels.most_common(1)[0][1] >= 2:
        return "a listing of several articles, not a release"
    if len(marks.stamps) >= 2 or _stamped_teaser(lines, marks.stamps):
        return "a listing of several dated items, not a release"
    if len(marks.tickers) >= _DIGEST_ITEMS:
        return "a digest of several companies' news, not a release"
    if len(marks.speakers) >= _DIGEST_ITEMS:
        return "a column of remarks by people from several companies, not a release"
    if any(_MINUTES_HEADING.match(line) and _is_heading(line) for line in head):
        return "minutes of a meeting filed as a record, not a release"
    notice = "\n".join(lines[:_MARKET_NOTICE_LINES])
    if _may_be_market_notice(notice) and len(_MARKET_NOTICE.findall(notice)) >= 2:
        return "an exchange's automated notice about a security, not a company release"
    if _quote_recap(head):
        return "a recap of a day's trading in a share, not a company release"
    return None


@dataclass(slots=True)
class _ListingMarks:
    """What a listing or a digest repeats on its lines, read in one pass over the page:
    each line is tried only against the forms its first character allows."""

    labels: Counter[str] = field(default_factory=Counter)  # "Date:", "By:" item labels
    stamps: list[int] = field(default_factory=list)  # where bare date-time stamps stand
    tickers: set[str] = field(default_factory=set)  # "• Acme (ACME) …" digest bullets
    speakers: set[str] = field(default_factory=set)  # "▶[Acme] Jane Doe" above a quote

    @classmethod
    def of(cls, lines: Sequence[str]) -> _ListingMarks:
        marks = cls()
        for position, line in enumerate(lines):
            first = line[:1]
            if first.isdigit():
                if _STAMP.match(line):
                    marks.stamps.append(position)
            elif first in _BULLETS:
                if ticker := _TICKER_BULLET.match(line):
                    marks.tickers.add(ticker.group("ticker"))
                after = lines[position + 1] if position + 1 < len(lines) else ""
                if after.startswith(_QUOTE_OPENERS) and (speaker := _SPEAKER_BULLET.match(line)):
                    marks.speakers.add(speaker.group("organisation"))
            elif (":" in line or "：" in line) and (label := _ITEM_LABEL.match(line)):
                marks.labels[label.group().rstrip(":： ").casefold()] += 1
        return marks


def _may_be_market_notice(text: str) -> bool:
    """A quick look for the words a market notice needs, before its case-blind pattern."""
    return "this " in text.lower() or not lowers_plainly(text)


def _is_heading(line: str) -> bool:
    return len(line.split()) <= _HEADING_WORDS and not line.endswith(".")


def _quote_recap(lines: Sequence[str]) -> bool:
    """Trading figures (open, high, low, close) that the page's own sentences retell: the
    page is about the share price. A quote box beside a release is never retold."""
    figures = {m.group("figure") for line in lines if (m := _QUOTE_LINE.match(line))}
    if len(figures) < _QUOTE_RECAP_FIGURES:
        return False
    prose = " ".join(line for line in lines if len(line) >= _PROSE_CHARS)
    return sum(figure in prose for figure in figures) >= _QUOTE_RECAP_FIGURES


def _stamped_teaser(lines: Sequence[str], stamps: list[int]) -> bool:
    """A date-time stamp printed under a teaser (a short headline and its paragraph) with
    another teaser after it: a list of articles. A release's stamp sits above its text."""
    for position in stamps:
        if position < 2 or not _teaser(lines[position - 2], lines[position - 1]):
            continue
        after = lines[position + 1 : position + 1 + _TEASER_REACH]
        if any(_teaser(first, second) for first, second in pairwise(after)):
            return True
    return False


def _teaser(headline: str, paragraph: str) -> bool:
    return len(headline) < _TEASER_CHARS <= len(paragraph)


def _legal_voice(text: str) -> bool:
    folded = text.casefold()
    return any(phrase in folded for phrase in _LEGAL_VOICE)


def _mostly_legal(lines: Sequence[str]) -> bool:
    sentences = [line for line in lines if len(line.split()) >= _SENTENCE_WORDS]
    legal = sum(map(_legal_voice, sentences))
    return legal >= _LEGAL_LINES and legal >= _LEGAL_SHARE * len(sentences)
