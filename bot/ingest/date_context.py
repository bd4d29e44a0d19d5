"""What the words around a written date say about it: a label, a dateline, a stamp, a period.

Kept apart from the forms (``date_forms``) and the ranking (``dates``) because these are
the page-layout conventions: where sites and wires put the publication date, and the
phrases that mark a date as something else (a reporting period, a future event, a range).
"""

from __future__ import annotations

import re

_WEEKDAY = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|tuesday|wednesday|thursday"
    r"|saturday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato"
    r"|segunda|terça|quarta|quinta|sexta|(?:segunda|terça|quarta|quinta|sexta)-feira"
    r"|måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
)
_CJK_WEEKDAY = r"(?:星期|周|週)[一二三四五六日天]|[（(][月火水木金土日월화수목금토일][)）]"
_WEEKDAY_AFTER = re.compile(rf"^\s*,?\s*\(?(?:{_WEEKDAY})\)?\.?(?![^\W\d_])", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_WEEKDAY})\.?,?\s*$", re.IGNORECASE)

# Text that may sit beside a date in a stamp line: weekdays, clock times, zones, "at".
_FILLER = re.compile(
    rf"(?<![^\W\d_])(?:{_WEEKDAY}|[ap]\.?m\.?|at|um|uhr|à|às|alle|kl|klockan|h"
    r"|utc|gmt|mez|mesz|cet|cest|ist|(?-i:[A-Z]{1,3}[SD]?T))\.?(?![^\W\d_])"
    rf"|{_CJK_WEEKDAY}|[午前後]",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
# A stamp line may go on with other meta fields: "2021-04-27 Source: … Author: …".
_META_FIELD = re.compile(
    r"^\s*[|·/,-]?\s*(?:source|from|by|author|editor|views?|来源|來源|作者|编辑|編輯|出处|浏览)"
    r"\s*[:：]?",
    re.IGNORECASE,
)

# Labels a site writes before the date it published the page.
_PUBLISH_LABEL = (
    r"publish(?:ed)?(?:\s(?:time|date|on|at))?|post(?:ed)?(?:\s(?:time|date|on|at))?"
    r"|release(?:d)?(?:\s?(?:time|date|on))?|issued(?:\son)?|dated|date|datum"
    r"|fecha(?:\sde\spublicación)?|publicad[oa](?:\sel|\sem)?|publiée?(?:\sle)?"
    r"|data(?:\sdi\spubblicazione)?|pubblicato(?:\sil)?|veröffentlicht(?:\sam)?"
    r"|erschienen(?:\sam)?|publicerad|publicerat|published\sdate"
    r"|发布时间|发布日期|發布時間|發佈時間|發布日期|發佈日期|发表时间|发表日期|公告日期|公告时间"
    r"|時間|时间|日期|기사입력|입력|등록일?|작성일|게재일|公開日|掲載日|発表日|日付"
)
_UPDATE_LABEL = (
    r"(?:last\s)?updated?(?:\s(?:on|at|time|date))?|modified|aktualisiert(?:\sam)?"
    r"|mis\sà\sjour(?:\sle)?|actualizad[oa]|atualizad[oa]|aggiornato|uppdaterad"
    r"|更新时间|更新時間|更新日|수정"
)
_LABEL_END = re.compile(
    rf"(?<![^\W\d_])(?:(?P<publish>{_PUBLISH_LABEL})|(?P<update>{_UPDATE_LABEL}))"
    r"\s*(?P<colon>[:：])?\s*[|]?\s*$",
    re.IGNORECASE,
)
_LABEL_REACH = 40  # a label without a colon must sit this close to the line start
# "Record date:", "Payment date:" label other dates than the page's own.
_OTHER_DATE_KIND = re.compile(
    r"(?:record|payment|pay|ex|dividend|meeting|event|effective|closing|settlement|expiry"
    r"|expiration|maturity|due|report(?:ing)?|start|end|birth|filing|grant|vesting|trad(?:e|ing)"
    r"|listing|offer|subscription|redemption|shareholder|agm)[\s-]*$",
    re.IGNORECASE,
)
_CRAWLER_PREFIX = re.compile(r"^\s*date\s*$", re.IGNORECASE)

# After a dateline's date: a weekday, then a wire tag ("/PRNewswire/", "(GLOBE NEWSWIRE)"),
# then a dash or colon before the story.
_DATELINE_TAIL = re.compile(
    r"\s*(?:/[^/\n]{1,40}/|\([^()\n]{1,40}\))?\s*(?:--|—|–|-|:)(?=\s|[^\W\d_]|$)"
)
_DATELINE_REACH = 150
# Before a dateline's date: a capitalised place ("CITY,N.J.,", "Beijing, CHINA, ")…
_PLACE_BEFORE = re.compile(
    r"(?:^|[\s\-–—(])(?:[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3}[ \t]*,[ \t]*){1,3}$"
)
# …or a dash after it ("SEATTLE, WASHINGTON—", "HONG KONG - Media OutReach Newswire - ").
_DASH_BEFORE = re.compile(r"[A-Za-z.)][ \t]*(?:--|—|–|-)[ \t]*$")

_PERIOD_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:ended|ending|end(?:ed)?\sof|as\s(?:of|at)|through|thru|until|till"
    r"|to|from|between|since|month\sof|period|bis|zum|vom|per|au|du|jusqu'au|al|hasta"
    r"|desde|fino\sal|dal|tom|från|fram\still)|截至|截止|至|止)\s*,?\s*(?:the\s)?$",
    re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:will|shall|would|scheduled|expected|planned|plans?|due|payable|record"
    r"|effective|deadline|expir\w*|before|after|by|held|beginning|starting|commencing"
    r"|starts?|begins?|next|upcoming|prior\sto)(?![^\W\d_])[^.;。\n]{0,40}$",
    re.IGNORECASE,
)
_COPYRIGHT_BEFORE = re.compile(r"(?:©|\(c\)|copyright)[^\n]{0,30}$", re.IGNORECASE)
_RANGE_BEFORE = re.compile(
    r"(?<!\w)\d{1,2}\.?\s*(?:[^\W\d_]+\.?\s*)?(?:-|–|—|to|bis|au|al|a|till|until|through)\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(
    r"^\s*(?:-|–|—|to|bis|au|al|till|until|through)\s*\d{1,2}(?![\d:])", re.IGNORECASE
)
_ON_BEFORE = re.compile(r"(?<![^\W\d_])(?:on|am|le|el|il|em|den)\s+$", re.IGNORECASE)


def without_weekday(before: str) -> str:
    """``before`` with a trailing weekday dropped ("… — Wednesday, " → "… — ")."""
    match = _WEEKDAY_BEFORE.search(before)
    return before[: match.start()] if match else before


def is_filler(text: str) -> bool:
    """Text that may sit beside a date in a stamp: weekdays, times, zones, numbers, marks;
    other meta fields ("Source: …") may follow."""
    meta = _META_FIELD.search(text)
    if meta is not None:
        text = text[: meta.start()]
    return _LETTER.search(_FILLER.sub(" ", text)) is None


def label_kind(before: str) -> str | None:
    """ "publish" or "update" when ``before`` ends with a date label, else None."""
    match = _LABEL_END.search(without_weekday(before))
    if match is None or _OTHER_DATE_KIND.search(before, 0, match.start()):
        return None
    if not match.group("colon") and match.start() > _LABEL_REACH:
        return None
    return "publish" if match.group("publish") else "update"


def is_crawler_prefix(before: str) -> bool:
    """ "date 2023-11-21 …": the stamp a crawler put at the start of the page."""
    return _CRAWLER_PREFIX.match(before) is not None


def dateline_tail(text: str, end: int) -> re.Match[str] | None:
    """The wire tag and dash after a dateline's date ending at ``end``, if there is one."""
    weekday = _WEEKDAY_AFTER.match(text, end)
    return _DATELINE_TAIL.match(text, weekday.end() if weekday else end)


def is_dateline(line: str, start: int, end: int) -> bool:
    """A date between a place (or the line start, or a dash) and the dash opening a story."""
    if dateline_tail(line, end) is None:
        return False
    before = without_weekday(line[:start])
    if _PLACE_BEFORE.search(before):
        return True
    return start <= _DATELINE_REACH and (not before.strip() or bool(_DASH_BEFORE.search(before)))


def is_place_line(before: str, after: str) -> bool:
    """ "Santiago, 05 de noviembre de 2015": a place, a date and nothing else on the line."""
    match = _PLACE_BEFORE.search(before)
    return match is not None and not before[: match.start()].strip() and is_filler(after)


def is_range_or_copyright(before: str, after: str) -> bool:
    """One end of a date range ("1 januari - 30 juni 2003") or a copyright year."""
    return bool(
        _RANGE_BEFORE.search(before)
        or _RANGE_AFTER.match(after)
        or _COPYRIGHT_BEFORE.search(before)
    )


def is_period_or_plan(before: str) -> bool:
    """ "the quarter ended June 30", "will be held on May 5": not when the page was published."""
    return bool(_PERIOD_BEFORE.search(before) or _FUTURE_BEFORE.search(before))


def follows_on(before: str) -> bool:
    """ "… said on May 5, 2021": the day something happened."""
    return _ON_BEFORE.search(before) is not None
