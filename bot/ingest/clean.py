"""Boilerplate removal: site chrome, forms, meta lines and spam, by general rules and learning."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.ingest.text import normalise

# Longest line considered for learned boilerplate; longer lines are prose, never chrome.
MAX_BOILERPLATE_LINE = 300
# Lines longer than this are never judged by the navigation / call-to-action rules.
_SHORT_LINE = 120

_KEY_NOISE = re.compile(r"[\W\d_]+")

# Navigation, sharing and call-to-action lines, matched against the whole short line.
_NAV = re.compile(
    r"""^(?:
        scroll\s(?:down|up)(?:\sto\s(?:see|read)\s(?:more|the\s\w+))?
      | (?:contact|follow|join|find)\sus(?:\s(?:on|at|via)\s[\w\s]{1,30})?
      | (?:media|press|investor|sales)\s(?:contacts?|enquir(?:y|ies)|inquir(?:y|ies)|relations)
      | contacts?
      | rss(?:\sfeeds?)?
      | (?:share|print|email|tweet|like)(?:\s(?:this|it|on\s\w+|to\s\w+|article|page|story|news))*
      | (?:back|return)(?:\sto\s(?:the\s)?(?:list|top|news|home|index|overview|previous\spage))?
      | (?:previous|prev|next|older|newer)(?:\s(?:article|post|page|story|news|item|one))?
      | (?:read|see|view|load|show)\s(?:more|all)(?:\s\w+){0,3}
      | (?:more|related|latest|recent|hot|top)\s(?:news|articles?|posts?|stories|releases?|reading|links)
      | (?:home|menu|search|subscribe|newsletter|sign\s?(?:up|in)|log\s?(?:in|out)|register|top|close|skip\sto\s(?:main\s)?content)
      | (?:comments?|discussion)\s(?:powered\sby|by|via|are\sclosed)\b.*
      | (?:powered|designed|built)\sby\s.{1,60}
      | (?:facebook|twitter|linkedin|wechat|weibo|youtube|instagram|whatsapp|x)(?:\s\w+)?
      | (?:copyright|all\srights\sreserved|privacy\spolicy|terms\s(?:of\s(?:use|service)|and\sconditions)|cookie\s(?:policy|settings)|sitemap|disclaimer)\b.*
      | (?:understand|know|learn|see|get|read|discover|explore)\s(?:\w+\s){0,2}(?:latest|more|recent)\s(?:news|information|updates|stories)(?:\s(?:of|about|from|on)\s.{1,60})?
      | (?:tags?|keywords?|categor(?:y|ies)|labels?)\s?[:：].*
      | (?:photo|image|picture|video|caption|figure|pic)\s?(?:credit|source)?\s?[:：].*
    )[\s.!:：>»›]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Sign-up form fields ("1. Name*", "Email*", "Occupation") and the invitation to fill them in.
_FORM_FIELD = re.compile(
    r"^(?:\d{1,2}\s*[.)、]\s*)?(?:(?:first|last|full|company|your)\s)?"
    r"(?:name|e-?mail(?:\saddress)?|company|organi[sz]ation|occupation|position|job\stitle"
    r"|title|phone|tel|telephone|mobile|country|region|city|address|message|comments?"
    r"|industry|department|captcha|verification\scode|submit|send|reset)\s*[*:：]?\s*\*?$",
    re.IGNORECASE,
)
_FORM_INVITE = re.compile(
    r"fill\s(?:in|out)\s(?:the|this|our)\s(?:form|fields)|sign\sup\sfor\s(?:our\s)?(?:e-?mails|newsletters?|updates|alerts)"
    r"|subscribe\sto\s(?:our\s)?(?:newsletter|e-?mails|updates|mailing)",
    re.IGNORECASE,
)
# Header lines with a stock code or telephone number ("stock(600222)hot line:010-61006450").
_HOTLINE = re.compile(
    r"(?:hot\s?line|tel(?:ephone)?|phone|fax|stock\s?(?:code)?|ticker|service\sline)\s*[(（:：]?\s*\+?[\d(][\d\s()+-]{4,}",
    re.IGNORECASE,
)
# Publication meta lines; their value is kept as a date source.
_META = re.compile(
    r"^(?:release\s?(?:time|date)|publish(?:ed)?(?:\s(?:time|date|on))?|post(?:ed)?(?:\s(?:time|date|on))?"
    r"|date|time|source|from|views?|clicks?|hits|reads?|author|editor|writer|reporter|by"
    r"|update[ds]?(?:\s(?:time|date|on))?|发布时间|发布日期|时间|日期|来源|作者|编辑|浏览(?:次数)?|点击(?:数|量)?)"
    r"\s*[:：]",
    re.IGNORECASE,
)
# Breadcrumbs: "Home > News > Company news".
_BREADCRUMB = re.compile(r"^[^>»›/\n]{1,40}(?:\s*[>»›/]\s*[^>»›/\n]{1,60}){1,6}$")
_BREADCRUMB_START = re.compile(
    r"^(?:home|homepage|index|首页|当前位置|you\sare\shere)\b", re.IGNORECASE
)
# A CJK run glued by a dash to the end of a Latin line: a site's spam suffix.
_MAX_SPAM_LINE = 200
_SPAM_SUFFIX = re.compile(r"[-–—_|]+\s*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,16}[\s\W]*$")
_DIGIT = re.compile(r"\d")
_FORM_WORDS = ("form", "sign up", "subscribe")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def boilerplate_key(line: str) -> str:
    """Compare lines by their words only: view counters, dates and punctuation vary per page."""
    return " ".join(_KEY_NOISE.sub(" ", line.casefold()).split())


def learn_boilerplate(
    texts: Iterable[str], *, min_files: int = 3, min_share: float = 0.2
) -> frozenset[str]:
    """Line keys that recur across one site's pages: its menus and footers.

    Each line counts once per page; ``min_files`` stops a handful of pages from
    turning an ordinary repeated phrase into boilerplate.
    """
    counts: Counter[str] = Counter()
    pages = 0
    for text in texts:
        pages += 1
        keys = {
            boilerplate_key(line)
            for line in normalise(text).split("\n")
            if 0 < len(line) <= MAX_BOILERPLATE_LINE
        }
        keys.discard("")
        counts.update(keys)
    threshold = max(min_files, min_share * pages)
    return frozenset(key for key, count in counts.items() if count >= threshold)


def strip_spam_suffix(line: str) -> str:
    """Drop a CJK run glued by a dash to a Latin line; genuine Chinese lines keep theirs."""
    match = _SPAM_SUFFIX.search(line) if len(line) <= _MAX_SPAM_LINE else None
    if match is None:
        return line
    head = line[: match.start()].rstrip()
    if _CJK_CHAR.search(head) or not any(c.isascii() and c.isalpha() for c in head):
        return line
    return head


def is_chrome(line: str) -> bool:
    """Navigation, sharing, forms, headers and footers: lines no release is made of."""
    if len(line) > _SHORT_LINE:
        return len(line) <= 2 * _SHORT_LINE and _invites_sign_up(line)
    return bool(
        _NAV.match(line)
        or _FORM_FIELD.match(line)
        or _invites_sign_up(line)
        or (_DIGIT.search(line) and _HOTLINE.search(line))
        or (_BREADCRUMB_START.match(line) and _BREADCRUMB.match(line))
    )


def _invites_sign_up(line: str) -> bool:
    folded = line.casefold()
    return any(word in folded for word in _FORM_WORDS) and bool(_FORM_INVITE.search(line))


def meta_value(line: str) -> str | None:
    """The value of a "release time: …" style line, or None when the line is not one."""
    if len(line) > _SHORT_LINE:
        return None
    match = _META.match(line)
    return line[match.end() :].strip() if match else None


@dataclass(slots=True)
class Cleaned:
    """A page after line-level cleaning: blocks of kept lines, plus what meta lines said."""

    blocks: list[list[str]] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)


def clean_lines(text: str, learned: frozenset[str]) -> Cleaned:
    """Split into blank-line-separated blocks, dropping chrome and repeated lines."""
    result = Cleaned()
    seen: set[str] = set()
    block: list[str] = []
    for raw in normalise(text).split("\n"):
        line = " ".join(raw.split())
        if not line:
            if block:
                result.blocks.append(block)
                block = []
            continue
        value = meta_value(line)
        if value is not None:
            result.meta.append(value)
            continue
        if is_chrome(line):
            continue
        if learned and len(line) <= MAX_BOILERPLATE_LINE and boilerplate_key(line) in learned:
            continue
        folded = line.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        block.append(strip_spam_suffix(line))
    if block:
        result.blocks.append(block)
    return result
