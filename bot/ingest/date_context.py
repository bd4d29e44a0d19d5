"""What the words around a written date say about it: a label, a dateline, a stamp, a period.

Kept apart from the forms (``date_forms``) and the ranking (``dates``) because these are
the page-layout conventions: where sites and wires put the publication date, and the
phrases that mark a date as something else (a reporting period, a future event, a range).
"""

from __future__ import annotations

import re

_WEEKDAYS = (
    # en (with abbreviations), de, fr, es, it, pt, sv
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    "segunda", "terça", "quarta", "quinta", "sexta",
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
)  # fmt: skip
_WEEKDAY_SET = frozenset(_WEEKDAYS)
# A word beside a date, looked up in the table rather than matched by a long alternation.
_WORD_AFTER = re.compile(r"\s*,?\s*\(?(?P<word>[^\W\d_]+(?:-feira)?)\)?\.?(?![^\W\d_])")
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]+(?:-feira)?)\.?,?\s*$")

# Words that may sit beside a date in a stamp line: weekdays, clock words, "at".
_FILLER_WORDS = frozenset(
    (*_WEEKDAYS, "am", "pm", "at", "um", "uhr", "à", "às", "alle", "kl", "klockan", "h", "utc",
     "gmt", "mez", "mesz", "cet", "cest", "ist", "t", "z", "午前", "午後", "上午", "下午", "오전", "오후",
     *"月火水木金土日월화수목금토일時时分秒시분초"),
)  # fmt: skip
# Two-letter weekdays, before a comma or point only: "to, nov 09", "Do., 5. Mai".
_SHORT_WEEKDAYS = frozenset(("må", "ti", "on", "to", "fr", "lö", "sö", "mo", "di", "mi", "do",
                             "sa", "so"))  # fmt: skip
_FILLER_WORD = re.compile(r"[^\W\d_]+(?:-feira)?")
_TIME_ZONE = re.compile(r"[A-Z]{1,4}T|(?:星期|周|週)[一二三四五六日天]")
_LETTER = re.compile(r"[^\W\d_]")
# A stamp line may go on with other meta fields: "2021-04-27 Source: … Author: …".
_META_FIELD = re.compile(
    r"(?:^|[\s|·/,-])(?:source|from|by|author|editor|views?|来源|來源|作者|编辑|編輯|出处|浏览)"
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
    r"|(?:press|news|media)\s(?:release|statement)|pressmeddelande|pressemitteilung"
    r"|communiqué(?:\sde\spresse)?|comunicado(?:\sde\sprensa)?|comunicato(?:\sstampa)?"
    r"|(?:monthly\s)?archives?(?:\sfor)?|(?:posted|published)\sby\s[^\n]{1,40}?\son"
)
_UPDATE_LABEL = (
    r"(?:last\s)?updated?(?:\s(?:on|at|time|date))?|modified|aktualisiert(?:\sam)?"
    r"|mis\sà\sjour(?:\sle)?|actualizad[oa]|atualizad[oa]|aggiornato|uppdaterad"
    r"|更新时间|更新時間|更新日|수정"
)
_LABEL_END = re.compile(
    rf"(?<![^\W\d_])(?:(?P<publish>{_PUBLISH_LABEL})|(?P<update>{_UPDATE_LABEL}))"
    r"\s*(?P<colon>[:：])?\s*[|•·]?\s*$",
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
_LINK = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
_LINK_WINDOW = 120
_COLON = re.compile(r"[:：]")
_CRAWLER_PREFIX = re.compile(r"^\s*date\s*$", re.IGNORECASE)

# After a dateline's date: a weekday, a time zone, then a wire tag ("/PRNewswire/",
# "(GLOBE NEWSWIRE)"), then a dash, colon or slash before the story.
_DATELINE_TAIL = re.compile(
    r"\s*\)?(?:\s*\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?)?(?:\s*(?-i:[A-Z]{1,4}T|UTC|GMT))?"
    r"\s*(?:/[^/\n]{1,40}/|\([^()\n]{1,40}\))?\s*(?:--|—|–|-|:|/)(?=\s|[^\W\d_]|$)"
)
_DATELINE_REACH = 150
_PLACE_REACH = 100
# How far before a date each kind of context is looked for: the end-anchored patterns
# scan their window, so each gets only what its longest form needs.
_WEEKDAY_WINDOW = 20
_NEAR_WINDOW = 30
_LABEL_WINDOW = 50
_PLAN_WINDOW = 60
# Before a dateline's date: a capitalised place ("CITY,N.J.,", "Beijing, CHINA, ")…
_PLACE_BEFORE = re.compile(
    r"(?:^|[\s\-–—(])(?:[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3}[ \t]*,[ \t]*){1,3}$"
)
# …or a dash after it ("SEATTLE, WASHINGTON—", "HONG KONG - Media OutReach Newswire - ",
# "TORONTO, ON / ACCESSWIRE / ", "Ottawa–(Newsfile Corp. – ").
_DASH_BEFORE = re.compile(r"[A-Za-z.)][ \t]*(?:--|—|–|-|/)[ \t]*$")
# A line that breaks off mid-phrase before a date on the next line ("… ended 31").
_BROKEN_OFF = re.compile(r"(?<![\d.,])\d{1,2}\s*$")

_PERIOD_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:ended|ending|end(?:ed)?\sof|as\s(?:of|at)|through|thru|until|till"
    r"|to|from|between|since|month\sof|period|bis|zum|vom|per|au|du|jusqu'au|al|hasta"
    r"|desde|fino\sal|dal|tom|från|fram\still)|截至|截止|至|止)\s*,?\s*(?:the\s)?$",
    re.IGNORECASE,
)
# A plan is announced a few words ahead ("will be held on"); a deadline right before the
# date ("payable on", "by").
_FUTURE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:(?:will|shall|would|scheduled|expected|planned|plans?|held|upcoming"
    r"|record)(?![^\W\d_])[^.;。\n]{0,40}|(?:due|payable|effective|deadline|expir\w*|before"
    r"|after|by|beginning|starting|commencing|starts?|begins?|next|prior\sto)(?:\s+on)?\s*)$",
    re.IGNORECASE,
)
_COPYRIGHT_BEFORE = re.compile(r"(?:©|\(c\)|copyright)[^\n]{0,30}$", re.IGNORECASE)
_RANGE_BEFORE = re.compile(
    r"(?:(?<!\w)\d{1,2}[.日]?\s*(?:[^\W\d_]+\.?\s*)?|(?<!\d)(?:19|20)\d\d[年]?\s*)"
    r"(?:\([^()\n]{1,4}\)\s*)?"
    r"(?:-|–|—|~|〜|～|to|bis|au|al|a|till|until|through)\s*$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(
    r"\s*(?:\([^()\n]{1,4}\))?\s*(?:-|–|—|~|〜|～|to|bis|au|al|till|until|through)\s*"
    r"(?:\d{1,2}(?![\d:])|(?:19|20)\d\d)",
    re.IGNORECASE,
)
_ON_BEFORE = re.compile(r"(?<![^\W\d_])(?:on|am|le|el|il|em|den)\s+$", re.IGNORECASE)


def _weekday_start(text: str, start: int) -> int:
    """Where the text before ``start`` ends once a trailing weekday is dropped
    ("… — Wednesday, " → "… — ")."""
    match = _WORD_BEFORE.search(text, max(0, start - _WEEKDAY_WINDOW), start)
    return match.start() if match and match["word"].casefold() in _WEEKDAY_SET else start


def is_filler(text: str) -> bool:
    """Text that may sit beside a date in a stamp: weekdays, times, zones, numbers, marks;
    other meta fields ("Source: …") may follow."""
    if _LETTER.search(text) is None:
        return True
    meta = _META_FIELD.search(text)
    if meta is not None:
        text = text[: meta.start()]
    text = text.replace(".m.", "m.")  # "a.m." → "am."
    for word in _FILLER_WORD.finditer(text):
        folded = word.group().casefold()
        if folded in _FILLER_WORDS or _TIME_ZONE.fullmatch(word.group()):
            continue
        if folded in _SHORT_WEEKDAYS and text[word.end() : word.end() + 1] in (",", "."):
            continue
        return False
    return True


def label_kind(line: str, start: int) -> str | None:
    """ "publish" or "update" when a date label ends just before ``start``, else None."""
    window = max(0, start - _LABEL_WINDOW)
    if start > _LABEL_REACH + _LABEL_WINDOW and not _COLON.search(line, window, start):
        return None  # far from the line start, only a label with a colon counts
    end = _weekday_start(line, start)
    match = _LABEL_END.search(line, max(0, end - _LABEL_WINDOW), end)
    if match is None or _OTHER_DATE_KIND.search(line, max(0, match.start() - 30), match.start()):
        return None
    if not match.group("colon") and match.start() > _LABEL_REACH:
        return None
    return "publish" if match.group("publish") else "update"


def is_crawler_prefix(before: str) -> bool:
    """ "date 2023-11-21 …": the stamp a crawler put at the start of the page."""
    return _CRAWLER_PREFIX.match(before) is not None


def dateline_tail(text: str, end: int) -> re.Match[str] | None:
    """The wire tag and dash after a dateline's date ending at ``end``, if there is one."""
    word = _WORD_AFTER.match(text, end)
    weekday = word is not None and word["word"].casefold() in _WEEKDAY_SET
    return _DATELINE_TAIL.match(text, word.end() if word and weekday else end)


def is_dateline(line: str, start: int, end: int) -> bool:
    """A date between a place (or the line start, or a dash) and the dash opening a story."""
    if dateline_tail(line, end) is None:
        return False
    before_end = _weekday_start(line, start)
    if _PLACE_BEFORE.search(line, max(0, before_end - _PLACE_REACH), before_end):
        return True
    if start > _DATELINE_REACH:
        return False
    return not line[:before_end].strip() or bool(_DASH_BEFORE.search(line, 0, before_end))


def is_place_line(line: str, start: int, end: int) -> bool:
    """ "Santiago, 05 de noviembre de 2015": a place, a date and nothing else on the line."""
    if start > _PLACE_REACH or len(line) - end > _PLACE_REACH:
        return False
    match = _PLACE_BEFORE.search(line, 0, start)
    return match is not None and not line[: match.start()].strip() and is_filler(line[end:])


def is_range_or_copyright(text: str, start: int, end: int) -> bool:
    """One end of a date range ("1 januari - 30 juni 2003") or a copyright year."""
    return bool(
        _RANGE_BEFORE.search(text, max(0, start - _NEAR_WINDOW), start)
        or _RANGE_AFTER.match(text, end)
        or _COPYRIGHT_BEFORE.search(text, max(0, start - _LABEL_WINDOW), start)
    )


def in_link(line: str, start: int) -> bool:
    """A date in a web address ("…/news/2021/05/05/…"): often another page's, never stated."""
    return bool(start and line[start - 1] in "/=_") or bool(
        _LINK.search(line, max(0, start - _LINK_WINDOW), start)
    )


def continues_into(previous: str) -> bool:
    """The previous line runs on into the date ("For the three months ended 31" /
    "December 2024"): a wrapped sentence, not a stamp."""
    return bool(_BROKEN_OFF.search(previous) or is_period_or_plan(previous, len(previous)))


def is_period_or_plan(text: str, start: int) -> bool:
    """ "the quarter ended June 30", "will be held on May 5": not when the page was published."""
    return bool(
        _PERIOD_BEFORE.search(text, max(0, start - _NEAR_WINDOW), start)
        or _FUTURE_BEFORE.search(text, max(0, start - _PLAN_WINDOW), start)
    )


def follows_on(text: str, start: int) -> bool:
    """ "… said on May 5, 2021": the day something happened."""
    return _ON_BEFORE.search(text, max(0, start - _NEAR_WINDOW), start) is not None
