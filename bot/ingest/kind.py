"""Pages that are not a release: listings, digests, legal and policy pages.

Such a page loaded as a release would invent a company and a headline, so each form
is recognised by how it is written and the page is reported with the reason instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

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
# A digest bullet naming a listed company: "• Acme (ACME) announced …".
_TICKER_BULLET = re.compile(r"^[•·▪*-]\s*[^()]{2,60}\((?P<ticker>[A-Z][A-Z.]{0,6})\)")
_DIGEST_ITEMS = 3


def not_a_release(lines: Sequence[str]) -> str | None:
    """Why the page (its non-blank lines) is not a release, or None when it may be one."""
    head = lines[:_SCAN_LINES]
    if any(_POLICY_HEADING.match(line) for line in lines[:_HEAD_LINES]):
        return "a policy or legal page, not a release"
    if _legal_voice("\n".join(head)) and _mostly_legal(head):
        return "legal or policy text, not a release"
    labels = Counter(
        m.group().rstrip(":： ").casefold() for line in lines if (m := _ITEM_LABEL.match(line))
    )
    if labels and labels.most_common(1)[0][1] >= 2:
        return "a listing of several articles, not a release"
    if sum(bool(_STAMP.match(line)) for line in lines) >= 2:
        return "a listing of several dated items, not a release"
    tickers = {m.group("ticker") for line in lines if (m := _TICKER_BULLET.match(line))}
    if len(tickers) >= _DIGEST_ITEMS:
        return "a digest of several companies' news, not a release"
    return None


def _legal_voice(text: str) -> bool:
    folded = text.casefold()
    return any(phrase in folded for phrase in _LEGAL_VOICE)


def _mostly_legal(lines: Sequence[str]) -> bool:
    sentences = [line for line in lines if len(line.split()) >= _SENTENCE_WORDS]
    legal = sum(map(_legal_voice, sentences))
    return legal >= _LEGAL_LINES and legal >= _LEGAL_SHARE * len(sentences)
