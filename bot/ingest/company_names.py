"""Shaping a company name out of running text: where it starts, its legal form, its short form.

Rules elsewhere find *where* a company is named (before a ticker, before "announced");
these helpers read the name itself by walking back over capitalised words, and make one
clean spelling of it ("GILEAD SCIENCES, INC." and "Gilead Sciences" become the same).
"""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af々ー]+$")
# The space first: a literal lets the engine skip ahead instead of trying every position.
CJK_GAP = re.compile(r" (?<=[\u3040-\u30ff\u3400-\u9fff] )(?=[\u3040-\u30ff\u3400-\u9fff])")
_LATIN_LEGAL = (
    r"Inc|Incorporated|Corp|Corporation|Ltd|Limited|LLC|L\.?P|PLC|plc|Plc|AG|SE|S\.?A\.?B|SAB"
    r"|S\.?A|N\.?V|GmbH|AB|ASA|Oyj|Oy|S\.?p\.?A|SpA|S\.?r\.?l|srl|SGPS|KK|K\.K|Co|Company Limited"
    r"|Aktiengesellschaft|Aktiebolag|de C\.?V|Bhd|Berhad|Tbk|Pty|NL"
)
# One or more legal forms closing a name: "Sciences, Inc.", "Co., Ltd.", "AB (publ)".
LEGAL_TAIL = re.compile(
    rf"(?:,?\s+(?:{_LATIN_LEGAL})\b\.?(?:\s*\((?:publ|RF|UK)\))?)+\s*$", re.IGNORECASE
)
# What the last word of a legal tail can be ("Inc.", "AB(publ)", "(publ)", "C.V"): one
# look at a name's last word spares most names the search for a tail.
_TAIL_WORD = re.compile(rf"(?:(?:{_LATIN_LEGAL}|C\.?V)\.?)?(?:\((?:publ|RF|UK)\))?", re.IGNORECASE)
_STRICT_LEGAL = re.compile(rf"^(?:{_LATIN_LEGAL})\.?$")
CJK_LEGAL = (
    "控股股份有限公司",
    "控股有限公司",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "株式会社",
    "주식회사",
    "(주)",
    "（株）",
)
_CONNECTORS = frozenset({"of", "&", "de", "del", "la", "du", "des", "der", "di", "für", "van"})
# Capitalised words that open sentences, datelines or headings; never the start of a name.
_NOT_NAME_START = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "our", "its", "their", "in", "on", "at", "by",
        "for", "with", "from", "as", "to", "after", "today", "we", "he", "she", "they", "it",
        "mr", "mrs", "ms", "dr", "prof", "about", "while", "when", "also", "and", "but", "both",
        "el", "la", "le", "les", "der", "die", "das", "il", "lo", "o", "os", "l", "en",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "press", "release", "news", "update", "source", "media",
        "shares",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre", "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar",
        "märz", "juni", "juli", "oktober", "dezember", "gennaio", "febbraio", "aprile",
        "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro",
        "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro",
        "dezembro",
    }
)  # fmt: skip
# Words that make a phrase a person's role or a unit of a company, never the company.
_ROLE_WORDS = frozenset(
    {
        "chief", "officer", "director", "directors", "president", "ceo", "cfo", "coo", "board",
        "chairman", "chairwoman", "manager", "vice", "head", "executive", "affairs",
        "department", "division", "committee", "team", "analyst", "spokesperson", "minister",
        "presidente", "presidenta", "président", "directeur", "direttore", "consejero",
        "amministratore", "vorstand", "vorstandschef", "generaldirektor",
    }
)  # fmt: skip
# Labels, document words and common nouns: a name made only of these is no company.
_GENERIC_WORDS = frozenset(
    {
        "form", "clearing", "unknown", "mkr", "participant", "dial", "in", "consolidated",
        "results", "report", "announcement", "notice", "statement", "quarter", "year", "total",
        "net", "revenue", "income", "exhibit", "page", "photo", "video", "contact", "contacts",
        "investor", "investors", "relations", "highlights", "company", "group", "shares",
        "share", "stock", "common", "million", "billion", "euro", "euros", "dollars", "percent",
        "per", "de", "and", "of", "the", "you", "your", "we", "our", "they", "it", "he", "she",
        "i", "all", "rights", "reserved", "copyright", "news", "newsroom", "press", "release",
        "home", "search", "menu", "login", "english", "ai", "ceo", "var", "aktie", "jahr",
        "international", "national", "global", "first", "new", "inc", "ltd", "corp", "plc",
        "groupe", "grupo", "gruppo", "konzern", "subject", "update", "exclusive", "breaking",
        "interview", "opinion", "analysis", "watch", "factbox", "betreff", "objet", "oggetto",
        "asunto", "note", "notes", "source", "editor", "editors",
        "category", "archive", "archives", "tag", "tags", "当社", "公司", "本公司", "该公司",
        "弊社", "同社", "本行", "集团", "关联交易", "關聯交易", "取締役", "公告",
    }
)  # fmt: skip
_ORDINAL = re.compile(r"^\d+(?:er|st|nd|rd|th|e|º|ª)?\b")
_TOKEN = re.compile(r"[\w&'’.\-]+|[^\w\s]")
_WORDS = re.compile(r"[^0-9a-z\u00c0-\u024f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_LOOKBACK = 120
_SENTENCE_END = re.compile(r"^[A-Z]?[a-z]{3,}\.$")  # "Goldfields.", not "St." nor "Corp."
_ABBREVIATIONS = frozenset({"bros.", "intl.", "mfg.", "corp.", "assn.", "natl.", "dept."})
_MAX_WORDS = 7


@lru_cache(maxsize=4096)
def name_words(name: str) -> frozenset[str]:
    """The name as a set of lower-case words: how two spellings are compared (cached: a
    page compares each of its spellings with every other)."""
    return frozenset(_WORDS.sub(" ", name.lower()).split())


def same_company(a: str, b: str) -> bool:
    """One spelling's words contain the other's ("Samsung" and "Samsung Electronics")."""
    words_a, words_b = name_words(a), name_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _is_name_word(token: str) -> bool:
    head = token.lstrip("'’\"“(")[:1]
    return bool(head) and (head.isupper() or head.isdigit()) and any(c.isalpha() for c in token)


def name_before(text: str, end: int) -> str | None:
    """The capitalised phrase ending at ``end`` ("… -- Acme Foods, Inc." → "Acme Foods, Inc.")."""
    window = text[max(0, end - _LOOKBACK) : end].rstrip(" ,")
    window = window[window.rfind("\n") + 1 :]
    for _ in range(2):  # "Acme Corp. (“Acme” or the “Company”) (NYSE: ACME)"
        opening = window.rfind("(") if window.endswith(")") else -1
        if opening <= 0:
            break
        window = window[:opening].rstrip(" ,")
    if not window.isascii() and (run := _CJK_RUN.search(window)):
        return run.group()
    tail = LEGAL_TAIL.search(window) if _may_end_in_legal_form(window) else None
    legal = tail.group() if tail else ""
    core = window[: len(window) - len(legal)] if legal else window
    tokens = _TOKEN.findall(core)
    taken: list[str] = []
    while tokens and len(taken) < _MAX_WORDS:
        token = tokens.pop()
        if taken and _SENTENCE_END.match(token) and token.casefold() not in _ABBREVIATIONS:
            break  # "… the Goldfields. John Roe": a sentence ended before the name
        if token.casefold() in _ROLE_WORDS:  # "the Chairman of Acme Ltd": Acme Ltd
            if not legal:
                return None  # "Head of Sales said": a person speaks
            break
        inner_connector = token.casefold() in _CONNECTORS and bool(taken and tokens)
        if _is_name_word(token) or (inner_connector and _is_name_word(tokens[-1])):
            taken.append(token)
        else:
            break
    while taken and (
        taken[-1].casefold().strip(".") in _NOT_NAME_START or taken[-1].casefold() in _CONNECTORS
    ):
        taken.pop()
    if not taken:
        return None
    return " ".join(reversed(taken)) + legal


def _may_end_in_legal_form(text: str) -> bool:
    """False when ``LEGAL_TAIL`` cannot match: the text's last word ends no legal form."""
    words = text.rsplit(None, 1)
    return bool(words) and _TAIL_WORD.fullmatch(words[-1]) is not None


def legal_core(name: str) -> str:
    """Without its legal form: "Acme Foods, Inc." → "Acme Foods", "株式会社 植木組" → "植木組"."""
    name = CJK_GAP.sub("", name.strip())
    for form in CJK_LEGAL:
        if name.startswith(form) and len(name) > len(form):
            name = name[len(form) :].strip()
        elif name.endswith(form) and len(name) > len(form):
            name = name[: -len(form)].strip()
    core = (LEGAL_TAIL.sub("", name) if _may_end_in_legal_form(name) else name).strip(" ,.")
    words = core.split()
    while len(words) > 1 and _STRICT_LEGAL.match(words[-1]):
        words.pop()
    return " ".join(words) or name


def clean_name(name: str) -> str:
    """One display spelling: legal form dropped, leading "The" dropped, shouting calmed."""
    core = legal_core(name).strip("\"“”'‘’()[]:;,. ")
    words = core.split()
    while len(words) > 1 and (
        words[0].casefold().strip(".") in _NOT_NAME_START or words[0].casefold() in _CONNECTORS
    ):
        words.pop(0)  # "The Acme", "Shares of Acme": Acme
    if len(words) > 1 and all(not w.isalpha() or w.isupper() for w in words):
        words = [w.capitalize() if len(w) > 3 and w.isalpha() else w for w in words]
    return " ".join(words)


def plausible(name: str) -> bool:
    """Could this be a company's name? Not a role, unit, label, date or a lone number."""
    words = name_words(name)
    if not words or not any(c.isalpha() for c in name) or words <= _GENERIC_WORDS:
        return False
    if _CJK.search(name):
        return len(name) >= 2
    if words & _ROLE_WORDS or words & _NOT_NAME_START or _ORDINAL.match(name):
        return False
    return len(name) >= 2
