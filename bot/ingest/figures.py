"""Key figures: money, areas, percentages and counted things, as written in the release."""

from __future__ import annotations

import re

from bot.ingest.text import lowers_plainly, trie_pattern

# Atomic: once "2021" is read as a number, the engine never retries "202", "20", "2".
_NUMBER = r"(?>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALES = ("thousand", "million", "billion", "trillion")
_SCALE = rf"(?:{trie_pattern(_SCALES)}|mn|bn|m|b|k)\b"
_CURRENCY_CODES = (
    "RMB", "CNY", "USD", "HKD", "EUR", "GBP", "JPY", "SGD", "AUD", "CAD", "CHF", "KRW", "INR",
)  # fmt: skip
_CURRENCY_PREFIX = (
    r"(?:US\$|HK\$|NT\$|S\$|A\$|C\$|NZ\$|R\$|\$|€|£|¥|₹|"
    rf"(?:{'|'.join(_CURRENCY_CODES)})\s?)"
)
_CODES_LOWER = frozenset(code.lower() for code in _CURRENCY_CODES)
_CURRENCY_WORDS = (
    "yuan", "renminbi", "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "won",
    "rupee", "rupees", "franc", "francs", "rmb", "cny", "usd", "hkd", "eur", "gbp", "jpy",
    "元", "万元", "亿元",
)  # fmt: skip
_AREA_UNITS = (
    "m2", "m²", "km2", "km²", "sq m", "sq. m", "sqm", "sq ft", "sq. ft", "sq km", "sq feet",
    "square meters", "square metres", "square feet", "square kilometers", "square kilometres",
    "square miles", "hectares", "acres", "平方米", "平米",
)  # fmt: skip
_COUNT_UNITS = (
    "employees", "staff", "workers", "patients", "subjects", "participants", "volunteers",
    "people", "customers", "users", "beds", "sites", "centers", "centres", "countries", "cities",
    "provinces", "hospitals", "clinics", "products", "drugs", "molecules", "candidates", "trials",
    "studies", "projects", "programs", "programmes", "companies", "enterprises", "partners",
    "stores", "doses", "tons", "tonnes", "members", "researchers", "scientists", "engineers",
    "shares", "units", "vaccines", "indications", "platforms", "patents", "applications",
    "forums", "institutions", "investors", "students", "families",
)  # fmt: skip
_PERCENT = r"(?:%|per\s?cent\b|percent\b|percentage\spoints\b)"
_CURRENCY_AFTER = rf"(?:\s?{trie_pattern(_SCALES)})?\s?{trie_pattern(_CURRENCY_WORDS)}(?![A-Za-z])"
_PREFIXED = rf"{_CURRENCY_PREFIX}{_NUMBER}(?:\s?{_SCALE})?"
_MONEY = rf"(?:{_PREFIXED}|{_NUMBER}{_CURRENCY_AFTER})"
# "600 billion yuan (US$92.3 billion)": a converted amount stays with its original.
_CONVERSION = rf"(?:\s?\((?:about|approximately|around|roughly|or|approx\.)?\s?{_MONEY}\))?"
_FIGURE = re.compile(
    rf"""(?:
        {_PREFIXED}{_CONVERSION}
      | {_NUMBER}(?:
            {_CURRENCY_AFTER}{_CONVERSION}
          | \s?{trie_pattern(_AREA_UNITS)}(?![A-Za-z0-9])
          | \s?{_PERCENT}
          | (?:\s{trie_pattern(_SCALES)})?\s(?:new\s|more\s|active\s|full-time\s)?{trie_pattern(_COUNT_UNITS)}\b
        )
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Figures are only tried where a number starts (a simple, fast scan); the full pattern runs
# only when a currency precedes the number or a letter, "%" or "(" follows it.
_NUMBER_RUN = re.compile(r"[0-9][0-9,.]*")
_PREFIX_BEFORE = re.compile(rf"{_CURRENCY_PREFIX}\Z", re.IGNORECASE)
_PREFIX_REACH = 4
_CURRENCY_MARKS = frozenset("$€£¥₹")
_GLUED = re.compile(r"[A-Za-z0-9_.,]")


def _start(body: str, start: int) -> int | None:
    """Where a figure beginning at this number would start, or None if it cannot."""
    before = body[start - 1] if start else " "
    if before in _CURRENCY_MARKS or (
        (before.isalpha() or (before == " " and body[start - 2 : start - 1].isupper()))
        and _ends_in_code(body[max(0, start - 4) : start].rstrip(" "))
    ):
        prefix = _PREFIX_BEFORE.search(body, max(0, start - _PREFIX_REACH), start)
        if prefix is not None:
            start = prefix.start()
            before = body[start - 1] if start else " "
    if _GLUED.match(before):
        return None  # part of a code or word ("COVID19", "v2.5")
    return start


def _ends_in_code(text: str) -> bool:
    """Could ``text`` end with a currency code? Most words before a number do not."""
    code = text[-3:]
    return code.lower() in _CODES_LOWER or not lowers_plainly(code)


def _unit_follows(body: str, end: int) -> bool:
    after = body[end : end + 2]
    if not after:
        return False
    first = after[0]
    if first == " ":
        return len(after) > 1 and (after[1].isalpha() or after[1] == "(")
    return first == "%" or first.isalpha() or first == "²"


def key_figures(body: str) -> list[str]:
    """Figures in order of first appearance, each once; a converted amount stays with its original."""
    seen: dict[str, None] = {}
    covered = 0
    for number in _NUMBER_RUN.finditer(body):
        if number.start() < covered:
            continue
        start = _start(body, number.start())
        if start is None or (start == number.start() and not _unit_follows(body, number.end())):
            continue
        match = _FIGURE.match(body, start)
        if match is not None:
            seen.setdefault(" ".join(match.group().split()), None)
            covered = match.end()
    return list(seen)
