"""Who announces a page when no registry entry is named: written forms, weighed together.

Each rule reads one way pages name their announcer (a name before its ticker, before
"announced", in a legal form, as the headline's subject, under "About X", in the
page's copyright line); spellings of one company pool their weights, and the
heaviest company wins. Too little evidence gives no name rather than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.ingest.company_names import (
    CJK_GAP,
    CJK_LEGAL,
    clean_name,
    legal_core,
    name_before,
    name_words,
    plausible,
    same_company,
)
from bot.ingest.dates import dateline_end
from bot.ingest.evidence import Candidate, PageParts, ranked
from bot.ingest.tickers import CJK_SHORT_NAME, listings

MIN_WEIGHT = 3.0  # one legal-form mention, or a headline subject alone, names no announcer
_MIN_CJK_SHORT = 3
_CJK_START = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MENTION_BONUS = 0.3
_MAX_MENTION_BONUS = 2.0
_MAX_LEGAL_MENTIONS = 3
_EN_VERBS = (
    r"announce[sd]?|report(?:s|ed)?|said|says|unveil(?:s|ed)|declare[sd]|launch(?:es|ed)"
    r"|introduce[sd]|confirm(?:s|ed)|release[sd]|post(?:s|ed)|name[sd]|appoint(?:s|ed)"
    r"|complete[sd]|sign(?:s|ed)|open(?:s|ed)|agreed|receive[sd]|entered"
    r"|is pleased to|has (?:announced|reported|appointed|signed|completed|received|named)"
)
_OTHER_VERBS = (
    r"gab heute bekannt|gibt (?:heute )?bekannt|gab bekannt|teilte (?:heute )?mit|teilt mit|meldet"
    r"|annonce|a annoncé|publie|dévoile|anuncia|anunció|anunciou|informa|informó|informou"
    r"|comunica|comunicó|comunicou|presenta|presentó|divulga|annuncia|ha annunciato|rende noto"
    r"|meddelar|rapporterar|offentliggör|redovisar|maakt bekend"
)
# "Acme (NYSE: ACME) today announced", "Acme, Inc. said on Tuesday", "Acme gab heute bekannt".
_ANNOUNCING = re.compile(
    r"(?<=\s)(?:(?:today|yesterday|on \w+day)\s+)?"
    rf"(?:{_EN_VERBS}|{_OTHER_VERBS})\b"
)
_TODAY = re.compile(r"\b(?:today|heute|aujourd'hui|hoy|hoje|oggi|idag)\b", re.IGNORECASE)
_CJK_NAME = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af々ー]"
# "比亚迪宣布", "中兴通讯发布公告", "ソーダニッカ株式会社は、", "삼성전자는 … 밝혔다".
_CJK_ANNOUNCING = re.compile(
    rf"(?:^|[\s，,。、：:（(“\"」）)])({_CJK_NAME}{{2,10}}?)(?:今日|今天|日前|近日)?"
    r"(?:宣布|公告|发布|發布|举行|舉行|表示|は、)"
)
_CJK_NAME_LABELS = ("会社名", "公司名称", "公司名稱", "회사명")
_CJK_LEGAL_NAME = re.compile(
    rf"(?:{'|'.join(_CJK_NAME_LABELS)})?\s*[:：]?\s*(?:株式会社|주식회사)\s?"
    rf"({_CJK_NAME}(?:\s?{_CJK_NAME}){{1,11}})"
    rf"|({_CJK_NAME}{{2,14}}?)\s?(?:{'|'.join(re.escape(f) for f in CJK_LEGAL)})"
)
# "（以下简称“青松动力”）": the short name a filing defines for a company.
_CJK_DEFINED = re.compile(r"(?:以下简称|以下簡稱)\s*[:：]?\s*[“\"「]([^”\"」]{2,12})[”\"」]")
_LATIN_LEGAL_MENTION = re.compile(
    r"\b(?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|LLC|PLC|plc|Plc|AG|S\.A|SA|N\.V|NV"
    r"|GmbH|AB|ASA|Oyj|S\.p\.A|SpA|srl|SGPS|Aktiengesellschaft|Aktiebolag|Co)\b\.?"
    r"(?:\s*\(publ\))?"
)
_ABOUT = re.compile(
    r"^(?:About|Über|À propos de|A propos de|Acerca de|Sobre|Om|Informazioni su|Over|Info su)"
    r"\s+(.{2,60}?)\s*:?$"
)
_SITE_NAME = re.compile(
    r"^(.{2,40}?)\s+(?:Newsroom|News Room|Investor Relations|Press Room|Pressroom|Media Centre"
    r"|Media Center|News Center|News Centre|Press Releases)$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(.{2,60})")
_COPYRIGHT_END = re.compile(r"\.?\s*(?:All rights|Alle Rechte|Tous droits|Todos los|\||$)", re.I)
_HEADLINE_STOP = re.compile(r"^(?:to|and|&|of|for|in|at|on|with)$", re.IGNORECASE)
_HEADLINE_VERB = re.compile(rf"^(?i:{_EN_VERBS}|to|will|wins|gets|reaches|delays|files)$|^[a-z]")
# "Die Acme Group hat …", "Acme Foods opened …": the name a lead sentence opens with.
_LEAD_SUBJECT = re.compile(
    r"^(?:(?:The|Die|Der|Das|La|Le|Les|El|Il|Lo|L['’])\s*)?"
    r"((?:[A-Z0-9ÄÖÜÉ][\w&'’.\-]*)(?:\s+(?:&|of|de|y)?\s*[A-Z0-9ÄÖÜÉ][\w&'’.\-]*){0,4})"
    r",?\s+(?:\([^()]{1,80}\),?\s+)?[a-zäöüéèà]"
)
# A capitalised name inside a sentence (after a lower-case word), where capitals are telling.
_INNER_NAME = re.compile(
    r"(?<=[a-zäöüéèàíóúç,] )((?:[A-Z0-9ÄÖÜÉÁ][\w&'’\-]*)(?:\s+(?:&\s+)?[A-Z][\w&'’\-]*){0,3})"
)
_MIN_REPEATS = 3
_MAX_REPEAT_WEIGHT = 2.5
_SPEAKER_ROLE = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:CEO|Chief|President|Chairman|Chairwoman|Director|Officer|Manager|Head|Founder|Vice"
    r"|Executive|Minister|Secretary|spokes\w+|presidente|directeur|Vorstand)",
)
_ROLE_THEN_NAME = re.compile(
    r"\b(?:CEO|Chairman|Chairwoman|President|Director|Officer|Minister|Secretary|Founder)"
    r",?\s+([A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2})"
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Sra|Herr|Frau|M|Mme)\.?\s+([A-Z][\w'’-]+)")


def company_candidates(parts: PageParts) -> list[Candidate[str]]:
    """Every company the page's forms name as its announcer, best first, spellings pooled."""
    page = "\n".join(parts.lines) if parts.lines else f"{parts.title}\n{parts.body}"
    people = _people(page)
    cjk_page = CJK_GAP.sub("", page)
    short_forms: dict[str, str] = {}
    pooled: list[list[Candidate[str]]] = []
    legal_counts: dict[str, int] = {}
    for found in _found(parts, page):
        name = clean_name(found.value)
        if name not in short_forms:
            short_forms[name] = _short_cjk_name(name, cjk_page)
        name = short_forms[name]
        if not plausible(name) or any(name_words(name) <= person for person in people):
            continue
        if found.rule == "legal name":
            legal_counts[name] = legal_counts.get(name, 0) + 1
            if legal_counts[name] > _MAX_LEGAL_MENTIONS:
                continue
        candidate = Candidate(name, found.rule, found.evidence, found.weight)
        group = next((g for g in pooled if same_company(g[0].value, name)), None)
        if group is None:
            pooled.append([candidate])
        else:
            group.append(candidate)
    text = f"{parts.title}\n{parts.body}"
    results = []
    for group in pooled:
        best = max(group, key=lambda c: c.weight)
        mentions = text.count(best.value)
        weight = sum(c.weight for c in group) + min(_MAX_MENTION_BONUS, _MENTION_BONUS * mentions)
        results.append(Candidate(best.value, best.rule, best.evidence, round(weight, 2)))
    return [c for c in ranked(results) if c.weight >= MIN_WEIGHT]


def _found(parts: PageParts, page: str) -> Iterator[Candidate[str]]:
    """Raw names from every rule, in page order within each rule."""
    for listing in listings(page):
        name = name_before(page, listing.start)
        if name:
            yield Candidate(name, "name before its ticker", page[listing.start : listing.end], 6)
    for match in CJK_SHORT_NAME.finditer(page):
        yield Candidate(match.group(1), "exchange short name", match.group(), 6)
    for match in _CJK_DEFINED.finditer(page):
        yield Candidate(match.group(1), "defined short name", match.group(), 3)
    for match in _ANNOUNCING.finditer(page):
        end = match.start()
        while end > 0 and page[end - 1].isspace():  # a hard-wrapped "Acme\nsaid"
            end -= 1
        name = name_before(page, end)
        if name:
            sentence = page[max(0, match.start() - 60) : match.end()]
            weight = 5 if _TODAY.search(match.group()) else 4
            yield Candidate(name, "name before an announcing verb", sentence, weight)
    for match in _CJK_ANNOUNCING.finditer(page):
        yield Candidate(match.group(1), "name before an announcing verb", match.group(), 2)
    subject = _headline_subject(parts.title)
    if subject:
        yield Candidate(subject, "headline subject", parts.title, 2.5)
    opening = _LEAD_SUBJECT.match(parts.lead[dateline_end(parts.lead) :])
    if opening:
        yield Candidate(opening.group(1), "lead sentence subject", opening.group(), 2.5)
    for line in parts.lines:
        yield from _line_forms(line)
    for match in _LATIN_LEGAL_MENTION.finditer(page):
        name = name_before(page, match.end())
        if name and name != match.group():
            yield Candidate(name, "legal name", name, 1.5)
    yield from _repeated_names(f"{parts.title}\n{parts.body}")
    for match in _CJK_LEGAL_NAME.finditer(page):
        if match.group().lstrip().startswith(_CJK_NAME_LABELS):
            yield Candidate(match.group(1), "labelled company name", match.group(), 4)
        else:
            yield Candidate(match.group(1) or match.group(2), "legal name", match.group(), 1.5)


def _line_forms(line: str) -> Iterator[Candidate[str]]:
    """Forms that fill a line of their own: "About Acme", "Acme Newsroom", "© 2023 Acme Inc."."""
    if len(line) > 80:
        return
    about = _ABOUT.match(line)
    if about:
        yield Candidate(about.group(1), "about section", line, 4)
    site = _SITE_NAME.match(line)
    if site:
        yield Candidate(site.group(1), "site name", line, 2)
    copyright_line = _COPYRIGHT.search(line)
    if copyright_line:
        holder = _COPYRIGHT_END.split(copyright_line.group(1), maxsplit=1)[0]
        yield Candidate(holder, "copyright holder", line, 1.5)


def _repeated_names(text: str) -> Iterator[Candidate[str]]:
    """Capitalised names the article keeps using inside its sentences; weak alone."""
    counts: dict[str, int] = {}
    for match in _INNER_NAME.finditer(text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    for name, count in counts.items():
        if count >= _MIN_REPEATS:
            yield Candidate(name, "repeated name", name, min(_MAX_REPEAT_WEIGHT, 0.5 * count))


def _headline_subject(title: str) -> str | None:
    """The proper-noun phrase a headline opens with, when a verb follows it ("Acme Opens …")."""
    words = title.split()
    subject: list[str] = []
    for word in words[:7]:
        bare = word.strip(",:;")
        if subject and (_HEADLINE_VERB.match(bare) or _HEADLINE_STOP.match(bare)):
            break
        if not bare[:1].isupper() and not bare[:1].isdigit():
            break
        possessive = bare.endswith(("’s", "'s"))
        subject.append(bare[:-2] if possessive else bare)
        if possessive or word.endswith((",", ":", ";")):
            break
    else:
        return None
    if len(subject) == len(words) or _CJK_START.search(" ".join(subject)):
        return None
    return " ".join(subject) or None


def _short_cjk_name(name: str, page: str) -> str:
    """The form of a CJK name the page repeats most: "扬州惠通科技" → "惠通科技" when the page
    keeps saying "惠通科技"; unsegmented text gives no word edges, so counts find them."""
    if not _CJK_START.match(name) or len(name) <= _MIN_CJK_SHORT:
        return name
    best, best_count = name, page.count(name)
    for length in range(len(name) - 1, _MIN_CJK_SHORT - 1, -1):
        for start in range(len(name) - length + 1):
            part = name[start : start + length]
            count = page.count(part)
            if count > best_count and count >= 2:
                best, best_count = part, count
    return best


def _people(page: str) -> list[frozenset[str]]:
    """Names the page gives a role or an honorific: people, whatever verb follows them."""
    found = [m.group(1) for m in _SPEAKER_ROLE.finditer(page)]
    found += [m.group(1) for m in _HONORIFIC.finditer(page)]
    found += [m.group(1) for m in _ROLE_THEN_NAME.finditer(page)]
    return [name_words(name) for name in found]


def company_aliases(parts: PageParts, company: str) -> list[str]:
    """Other names the page states for ``company``: its legal names and listing forms."""
    page = "\n".join(parts.lines) if parts.lines else f"{parts.title}\n{parts.body}"
    aliases: list[str] = []
    for listing in listings(page):
        name = name_before(page, listing.start)
        if name and same_company(clean_name(name), company):
            aliases += [name, *listing.forms]
    for match in _LATIN_LEGAL_MENTION.finditer(page):
        name = name_before(page, match.end())
        if name and name != legal_core(name) and same_company(clean_name(name), company):
            aliases.append(name)
    for match in _CJK_LEGAL_NAME.finditer(page):
        if company in match.group():
            aliases.append(match.group().strip())
    return [a for a in dict.fromkeys(aliases) if a != company]
