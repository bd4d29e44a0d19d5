"""Boilerplate removal: site chrome, forms, meta lines and spam, by general rules and learning."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from bot.ingest.dates import is_date_line

# Longest line considered for learned boilerplate; longer lines are prose, never chrome.
MAX_BOILERPLATE_LINE = 300
# Lines longer than this are never judged by the navigation / call-to-action rules.
_SHORT_LINE = 120

# A boilerplate key's words: runs of letters (digits and punctuation vary per page).
_KEY_WORD = re.compile(r"[^\W\d_]+")

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
      | (?:©|\(c\)|copyright|all\srights\sreserved|privacy\spolicy|terms\s(?:of\s(?:use|service)|and\sconditions)|cookie\s(?:policy|settings)|sitemap|disclaimer)\b.*
      | (?:understand|know|learn|see|get|read|discover|explore)\s(?:\w+\s){0,2}(?:latest|more|recent)\s(?:news|information|updates|stories)(?:\s(?:of|about|from|on)\s.{1,60})?
      | (?:tags?|keywords?|categor(?:y|ies)|labels?)\s?[:：].*
      | (?:photo|image|picture|video|caption|figure|pic)\s?(?:credit|source)?\s?[:：].*
      | (?:address|add|e-?mail|tel|phone|fax|website|web|url|post\s?code|zip\s?code|wechat\sid)\s?[:：].*
      | (?:news|press|media)\s?(?:releases?|room|cent(?:er|re)|list)|news|company\snews|industry\snews
      | .{0,40}ICP\s?(?:备|证).*
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
    r"(?:fill\s(?:in|out)|complete)\s(?:the|this|our)\s(?:form|fields)|sign\sup\sfor\s(?:our\s)?(?:e-?mails|newsletters?|updates|alerts)"
    r"|subscribe\sto\s(?:our\s)?(?:newsletter|e-?mails|updates|mailing)",
    re.IGNORECASE,
)
# Header lines with a stock code or telephone number ("stock(600222)hot line:010-61006450").
_HOTLINE = re.compile(
    r"(?:hot\s?line|tel(?:ephone)?|phone|fax|stock\s?(?:code)?|ticker|service\sline)\s*[(（:：]?\s*\+?[\d(][\d\s()+-]{4,}",
    re.IGNORECASE,
)
# Publication meta lines ("release time:", "views:"); a dated one's value is a date source.
_DATED_LABEL = (
    r"(?:release\s?(?:time|date)|publish(?:ed)?(?:\s(?:time|date|on))?"
    r"|post(?:ed)?(?:\s(?:time|date|on))?|date|time|update[ds]?(?:\s(?:time|date|on))?"
    r"|发布时间|发布日期|时间|日期)\s*[:：]"
)
_META = re.compile(
    rf"^(?:(?P<dated>{_DATED_LABEL})|(?:source|from|views?|clicks?|hits|reads?|author|editor"
    r"|writer|reporter|by|来源|作者|编辑|浏览(?:次数)?|点击(?:数|量)?)\s*[:：])",
    re.IGNORECASE,
)
# A dated label later in a combined meta line: "Source: Xinhua | Date: 2022-06-01".
_LATER_DATED_LABEL = re.compile(rf"(?<![^\W_]){_DATED_LABEL}", re.IGNORECASE)
# Breadcrumbs: "Home > News > Company news".
_BREADCRUMB = re.compile(r"^[^>»›/\n]{1,40}(?:\s*[>»›/]\s*[^>»›/\n]{1,60}){1,6}$")
_BREADCRUMB_START = re.compile(
    r"^(?:home|homepage|index|首页|当前位置|you\sare\shere)\b", re.IGNORECASE
)
# A CJK run glued by a dash to the end of a Latin line: a site's spam suffix.
_MAX_SPAM_LINE = 200
_SPAM_SUFFIX = re.compile(r"[-–—_|]+\s*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,16}[\s\W]*$")
_DIGIT = re.compile(r"\d")
# Lines like "Posted on March 5, 2019": meta lines whose label has no colon.
_POSTED = re.compile(r"(?:posted|published|released|issued|updated|dated)(?:\s(?:on|at))?\s", re.I)
_TRAILER = re.compile(
    r"(?:about\s(?!the\b|this\b|us\b|\d)\S+(?:\s\S+){0,4}|forward[\s-]looking\sstatements?|safe\sharbou?r\b.*"
    r"|cautionary\s(?:note|statement)s?\b.*|(?:media|press|investor|investors|ir)\s(?:and\s\w+\s)?contacts?"
    r"|contacts?|disclaimers?|notes?\sto\seditors?|###|-?\s?ends?\s?-?)\s*:?$",
    re.IGNORECASE,
)
_MENU_SEPARATOR = re.compile(r"\s[|·•]\s|\s?｜\s?")
_MENU_ITEM = 30
_MENU_RUN = 3
_TERMINAL_STOPS = (".", "!", "?", "。", "！", "？")
_SENTENCE_STOPS = (*_TERMINAL_STOPS, ":", "：")
_MAX_FORM_FIELD = 40
_BREADCRUMB_MARKS = (">", "»", "›", "/")
_MENU_MARKS = ("|", "·", "•", "｜")
_TRAILING_MARKS = ' !?.。！？…"”’)'
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CACHED_LINES = 4096  # line verdicts remembered: a few sites' chrome, many pages' lines


@lru_cache(maxsize=_CACHED_LINES)
def boilerplate_key(line: str) -> str:
    """Compare lines by their words only: view counters, dates and punctuation vary per page.

    Cached: the lines worth keying are a site's chrome, which recurs on every page.
    """
    return " ".join(_KEY_WORD.findall(line.casefold()))


def line_keys(text: str) -> frozenset[str]:
    """The keys of a page's lines short enough to be boilerplate, each once: what the page
    adds to its folder's count, and what a load stores so a reload need not read it again.
    ``text`` is normalised, as ``decode_text`` gives it."""
    keys = {
        boilerplate_key(line) for line in text.split("\n") if 0 < len(line) <= MAX_BOILERPLATE_LINE
    }
    keys.discard("")
    return frozenset(keys)


def boilerplate_of(
    pages: Iterable[Collection[str]], *, min_files: int = 3, min_share: float = 0.2
) -> frozenset[str]:
    """The keys found on enough of the pages, given each page's ``line_keys``.

    Each line counts once per page; ``min_files`` stops a handful of pages from
    turning an ordinary repeated phrase into boilerplate.
    """
    counts: Counter[str] = Counter()
    count = 0
    for keys in pages:
        count += 1
        counts.update(keys)
    threshold = max(min_files, min_share * count)
    return frozenset(key for key, seen in counts.items() if seen >= threshold)


def strip_spam_suffix(line: str) -> str:
    """Drop a CJK run glued by a dash to a Latin line; genuine Chinese lines keep theirs."""
    tail = line.rstrip(_TRAILING_MARKS)
    if len(line) > _MAX_SPAM_LINE or not tail or not _CJK_CHAR.match(tail[-1]):
        return line  # cheap test first: the line must end in a CJK character
    match = _SPAM_SUFFIX.search(line)
    if match is None:
        return line
    head = line[: match.start()].rstrip()
    if _CJK_CHAR.search(head) or not any(c.isascii() and c.isalpha() for c in head):
        return line
    return head


def is_chrome(line: str, folded: str) -> bool:
    """Navigation, sharing, forms, headers and footers: lines no release is made of.

    ``folded`` is ``line.casefold()``, computed once by the caller. Cheap substring
    tests gate the costlier patterns.
    """
    if len(line) > _SHORT_LINE:
        return len(line) <= 2 * _SHORT_LINE and _invites_sign_up(line, folded)
    return bool(
        _NAV.match(line)
        or "all rights reserved" in folded
        or (_has_any(line, _MENU_MARKS) and _is_menu_bar(line))
        or (len(line) <= _MAX_FORM_FIELD and _FORM_FIELD.match(line))
        or _invites_sign_up(line, folded)
        or (_DIGIT.search(line) and _HOTLINE.search(line))
        or (
            _has_any(line, _BREADCRUMB_MARKS)
            and _BREADCRUMB_START.match(line)
            and _BREADCRUMB.match(line)
        )
    )


def _has_any(line: str, marks: tuple[str, ...]) -> bool:
    """Substring tests run at C speed; they gate the costlier patterns."""
    return any(mark in line for mark in marks)


def _invites_sign_up(line: str, folded: str) -> bool:
    maybe = "form" in folded or "sign up" in folded or "subscribe" in folded
    return maybe and bool(_FORM_INVITE.search(line))


def meta_value(line: str) -> str | None:
    """For a meta line, the date it states ("release time: …", "Posted on <date>"), or ""
    for undated ones ("views: 12"); None for any other line."""
    if len(line) > _SHORT_LINE:
        return None
    if ":" in line or "：" in line:
        match = _META.match(line)
        if match:
            value = line[match.end() :]
            if match.group("dated"):
                return value.strip()
            later = _LATER_DATED_LABEL.search(value)
            return value[later.end() :].strip() if later else ""
    match = _POSTED.match(line)
    if match and is_date_line(line[match.end() :]):
        return line[match.end() :]
    return None


def is_trailer_heading(line: str) -> bool:
    """ "About Acme", "Forward-Looking Statements", "Media Contacts": the standard sections
    that close a release; company boilerplate and legal text, not the news."""
    return (
        len(line) <= _SHORT_LINE
        and not line.endswith(_TERMINAL_STOPS)
        and bool(_TRAILER.match(line))
    )


def _menu_item(line: str) -> bool:
    return len(line) <= _MENU_ITEM and not line.endswith(_SENTENCE_STOPS) and len(line.split()) <= 3


def _is_menu_bar(line: str) -> bool:
    """ "中文 | EN", "RSS Feeds | Contact us | Privacy Policy": short or navigation items
    between bars."""
    items = [item.strip() for item in _MENU_SEPARATOR.split(line)]
    if len(items) < 2 or not all(_menu_item(item) or _NAV.match(item) for item in items):
        return False
    return len(items) >= 3 or all(" " not in item for item in items)


def _drop_menus(block: list[str]) -> list[str]:
    """A run of three or more one-to-three-word lines is a site menu, not release text."""
    if len(block) < _MENU_RUN:
        return block
    kept: list[str] = []
    run: list[str] = []
    for line in [*block, ""]:
        if line and _menu_item(line):
            run.append(line)
            continue
        if len(run) < _MENU_RUN:
            kept.extend(run)
        run = []
        if line:
            kept.append(line)
    return kept


@dataclass(slots=True)
class Cleaned:
    """A page after line-level cleaning: blocks of kept lines, plus the dates meta lines gave."""

    blocks: list[list[str]] = field(default_factory=list)
    meta: list[str] = field(default_factory=list)


@lru_cache(maxsize=_CACHED_LINES)
def _line_verdict(line: str) -> tuple[str | None, bool]:
    """(meta value, chrome?) of one line. Cached: a site prints its menus, footers and
    labels on every page, and a load reads many pages of one site in a row."""
    value = meta_value(line)
    return value, value is None and is_chrome(line, line.casefold())


def clean_lines(text: str, learned: frozenset[str]) -> Cleaned:
    """Split normalised text into blank-line-separated blocks, dropping chrome and repeats."""
    result = Cleaned()
    seen: set[str] = set()
    block: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if "  " in line:
            line = " ".join(line.split())
        if not line:
            if block:
                result.blocks.append(_drop_menus(block))
                block = []
            continue
        value, chrome = _line_verdict(line)
        if value is not None:
            if value:
                result.meta.append(value)
            continue
        if chrome:
            continue
        folded = line.casefold()
        if learned and len(line) <= MAX_BOILERPLATE_LINE and boilerplate_key(line) in learned:
            continue
        if folded in seen:
            continue
        seen.add(folded)
        block.append(strip_spam_suffix(line))
    if block:
        result.blocks.append(_drop_menus(block))
    result.blocks = [b for b in result.blocks if b]
    return result
