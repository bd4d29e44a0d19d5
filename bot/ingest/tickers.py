"""Stock-exchange listings as pages write them: "(NASDAQ: ABCD)", "Stock code: 9926", "证券简称：X".

A name written just before its listing is the strongest sign of who a page is by,
and the listing itself is an alias the loader can match later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Exchanges written in mixed case; any other all-capital label ("NYSE", "TSXV", "HKEX") is
# read as an exchange too when a code follows it.
_MIXED_CASE_EXCHANGES = r"Nasdaq|Euronext|Xetra|Frankfurt|Oslo|Borsa Italiana|Bovespa|OTC Markets"
_EXCHANGE = rf"(?:(?i:{_MIXED_CASE_EXCHANGES})|[A-Z][A-Z0-9\-]{{1,9}}(?: [A-Z]{{2,8}})?)"
_CODE = r"[A-Z0-9][A-Za-z0-9.\-]{0,11}(?: [A-Z0-9]{1,2}\b)?"
_LISTING = rf"{_EXCHANGE}\s*[:：]\s*{_CODE}|{_CODE}:\s*{_EXCHANGE}"
# "(NYSE: X)", "(TSE:4502/NYSE:TAK)", "(ASX: GRX; LSE: GRX)", "(SSE: 601012)".
TICKER_PARENS = re.compile(rf"[(（]\s*(?:{_LISTING})(?:\s*[,;/|、]\s*(?:{_LISTING}))*\s*[)）]")
_SINGLE_LISTING = re.compile(_LISTING)
# "Stock code: 208", "(Stock Code: 0719)", "JSE share code: SHP", "Code No. 1867".
STOCK_CODE = re.compile(
    r"\b(?:stock|share|security|securities|ticker)\s+(?:code|symbol)\s*[:：]?\s*([A-Z0-9.]{1,10})\b",
    re.IGNORECASE,
)
# "证券代码：000063 证券简称：中兴通讯", "公司简称:鸿远电子", "股票簡稱：中華電".
CJK_SHORT_NAME = re.compile(
    r"(?:证券|證券|股票|公司|公司股票)(?:简称|簡稱)\s*[:：]?\s*[“\"「]?"
    r"([\u3040-\u30ff\u3400-\u9fffA-Za-z0-9]{2,12})"
)
CJK_CODE = re.compile(r"(?:证券|證券|股票|公司|股份)(?:代码|代碼|代號|代号)\s*[:：]?\s*(\d{4,6})")
_NON_EXCHANGES = frozenset({"NOTE", "PHOTO", "SOURCE", "TEL", "FAX", "URL", "HTTP", "HTTPS"})


@dataclass(frozen=True, slots=True)
class Listing:
    """One written listing: where it starts in the text and its forms ("NYSE: X")."""

    start: int
    end: int
    forms: tuple[str, ...]


def listings(text: str) -> Iterator[Listing]:
    """Every parenthesised listing in ``text``, with each exchange-and-code form in it."""
    for match in TICKER_PARENS.finditer(text):
        forms = tuple(
            " ".join(form.group().replace("：", ":").split())
            for form in _SINGLE_LISTING.finditer(match.group())
        )
        if forms and forms[0].split(":")[0].strip().upper() not in _NON_EXCHANGES:
            yield Listing(match.start(), match.end(), forms)
