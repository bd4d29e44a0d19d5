"""The written forms of page furniture: lines that are never a headline nor prose.

Labelled stamps, archive labels, filing headers and cover boilerplate, registration
numbers, company-name banners, distribution legends, breadcrumbs, sign-up prompts,
teasers, contact lines ending in a telephone number. Forms that open a line are matched
at its start; forms that may sit anywhere in it are searched for once, because a pattern
that opens with ``.*`` backtracks over the whole line once per form.
"""

from __future__ import annotations

import re

from bot.ingest.text import lowers_plainly

# A company's legal name, as banners print it: "Acme Holdings Limited", "中國趨勢控股有限公司".
LEGAL_NAME = (
    r"[^\s,]+(?:[\s,]+[^\s,]+){0,4},?\s(?:inc|plc|ltd|limited|corp|corporation|ag|se|sa|s\.a"
    r"|nv|n\.v|ab|asa|l\.?l\.?c|llp|gmbh|s\.p\.a|b\.v|pty)\.?"
)
CJK_LEGAL_NAME = r"\S{2,20}(?:有限公司|株式会社)"
# Forms that fill a line from its start.
_WHOLE_LINE = re.compile(
    rf"""^(?:
        (?:date|published|posted|updated|last\supdated|release\stime|source|by)\b\s*[:：]?\s*\d.*
      | (?:tag|category|author|date|monthly|yearly)\s(?:archives?|arkiv)\s?[:：].*
      | (?:exhibit|ex)[\s-]*\d+(?:\.\d+)?\b.*
      | form\s\d+-[a-z]\b.*
      | report\sof\sforeign\s(?:private\s)?issuer.*
      | (?:indicate\sby\scheck\smark|pursuant\sto\s(?:the\srequirements\sof|rule\s\d+[a-z]?-\d+))\b.*
      | for\sthe\smonth\sof\b.*
      | (?:not\sfor\s(?:release|publication|distribution)|for\simmediate\srelease
        |embargoed?\s(?:until|till|to)|strictly\sembargoed)\b.*
      | (?:to\s(?:view|read|download)|click\shere|download)\b.*
      | \(.*\)|[•·▪■●◦*]\s.*
      | {LEGAL_NAME}|{CJK_LEGAL_NAME}
      | by\s.*
      | (?:[一二三四五六七八九十]+\s?[、.]|\d{{1,2}}(?:\.\d{{1,2}})*[.、)]|[ivx]{{1,4}}\.)\s*\S.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Forms anywhere in a line: registration numbers, sign-up prompts, breadcrumbs, addresses.
_INSIDE = re.compile(
    r"""\b(?:registration|commission\sfile|rns)\s(?:no|number)\b
      | \b(?:sign\s?up|log\s?in|subscribe|subscription|register)\b.*\b(?:to\s(?:view|read|access)|for\sfree|now)\b
      | (?:位置|当前|首页|首頁)\s*[:：>]
      | (?:@|https?://|www\.|\b(?:fax|tel|phone)\b\.?\s*(?:no\.?)?\s*[:：]?\s*[+(\d])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A word each of those forms contains, lower-cased: most lines have none, and looking for
# words is much quicker than trying a case-blind pattern at every position.
_INSIDE_WORDS = (
    *("regist", "commission", "rns", "sign", "log", "subscri"),
    *("位置", "当前", "首页", "首頁", "@", "http", "www.", "fax", "tel", "phone"),
)
# Forms that end a line: a logo, a reporter's byline, a page number, a telephone number;
# none is longer than this, so only the line's tail is searched.
_LINE_END = re.compile(
    r"(?:\blogo|\s(?:기자|記者|记者)|\s-\s?\d{1,3}\s?-|\s\+?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{4})$",
    re.IGNORECASE,
)
_LINE_END_REACH = 18


def is_furniture_form(line: str) -> bool:
    """Does one line (no line breaks) have a furniture form?"""
    return (
        _WHOLE_LINE.match(line) is not None
        or _LINE_END.search(line, max(0, len(line) - _LINE_END_REACH)) is not None
        or (_may_hold_inside_form(line) and _INSIDE.search(line) is not None)
    )


def _may_hold_inside_form(line: str) -> bool:
    folded = line.lower()
    return any(word in folded for word in _INSIDE_WORDS) or not lowers_plainly(line)
