"""Who announces a page when no registry entry is named: written forms, weighed together.

Each rule reads one way pages name their announcer (a name before its ticker, before
"announced", in a legal form, as the headline's subject, under "About X", in the
page's copyright line); spellings of one company pool their weights, a name the
headline also uses gains, and the heaviest company wins. Too little evidence gives no
name rather than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.ingest.company_cjk import cjk_candidates, cjk_legal_names, is_person, short_cjk_name
from bot.ingest.company_forms import (
    EN_VERBS,
    headline_prefix,
    headline_subject,
    legal_heading,
    line_forms,
    people,
    repeated_names,
    role_of_company,
)
from bot.ingest.company_names import (
    CJK_GAP,
    clean_name,
    legal_core,
    name_before,
    name_words,
    plausible,
    same_company,
)
from bot.ingest.dates import dateline_end
from bot.ingest.evidence import Candidate, PageParts, ranked
from bot.ingest.text import finditer_from, trie_pattern
from bot.ingest.tickers import CJK_SHORT_NAME, Listing, listings

MIN_WEIGHT = 3.0  # one legal-form mention, or a headline subject alone, names no announcer
_MENTION_BONUS = 0.3
_MAX_MENTION_BONUS = 2.0
_HEADLINE_BONUS = 1.5  # the company a headline names is the one the page is about
_EARLY_BONUS = 0.3
_MAX_LEGAL_MENTIONS = 3
_APPOSITIVE = 100  # longest ", a maker of …," between a name and its verb
_SCAN_CHARS = 2000  # forms are read in the page's opening this long
_HEADLINE_SUBJECT = "headline subject"
_LEAD_SUBJECT_RULE = "lead sentence subject"
_OPENERS = frozenset({_HEADLINE_SUBJECT, _LEAD_SUBJECT_RULE})
_MIN_OPENER_MENTIONS = 2
_OTHER_VERBS = (
    r"gab heute bekannt|gibt (?:heute )?bekannt|gab bekannt|teilte (?:heute )?mit|teilt mit|meldet"
    r"|annonce|a annoncé|publie|dévoile|anuncia|anunció|anunciou|informa|informó|informou"
    r"|comunica|comunicó|comunicou|presenta|presentó|divulga|annuncia|rende noto"
    r"|ha (?:anunciado|nombrado|designado|firmado|cerrado|lanzado|presentado|adquirido"
    r"|annunciato|nominato|firmato|lanciato|presentato|acquisito|completato)"
    r"|recebeu|assinou|lançou|concluiu|firmó|cerró|lanzó"
    r"|meddelar|rapporterar|offentliggör|redovisar|maakt bekend"
)
# "Acme (NYSE: ACME) today announced", "Acme, Inc. said on Tuesday", "Acme gab heute bekannt".
# Group 1 is the verb phrase; the space before it opens the pattern, so that the engine
# skips ahead to spaces instead of trying the verbs at every position.
_ANNOUNCING = re.compile(
    r"\s((?:(?:today|yesterday|on \w+day)\s+)?"
    rf"(?:{EN_VERBS}|{_OTHER_VERBS})\b)"
)
_TODAY = re.compile(r"\b(?:today|heute|aujourd'hui|hoy|hoje|oggi|idag)\b", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_PREPOSITIONS = frozenset(
    {"with", "to", "from", "by", "for", "of", "at", "in", "on", "into", "between", "against",
     "avec", "con", "mit", "com", "för", "med", "par", "pour", "por", "para", "von", "van"}
)  # fmt: skip
_CLOSING_QUOTES = frozenset("”\"»’'")
_LEGAL_FORM_WORDS = (
    "Inc", "Incorporated", "Corp", "Corporation", "Ltd", "Limited", "LLC", "PLC", "plc", "Plc",
    "AG", "S.A", "SA", "N.V", "NV", "GmbH", "AB", "ASA", "Oyj", "S.p.A", "SpA", "srl", "SGPS",
    "Aktiengesellschaft", "Aktiebolag", "Co",
)  # fmt: skip
_LATIN_LEGAL_MENTION = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, _LEGAL_FORM_WORDS))})\b\.?(?:\s*\(publ\))?"
)
# Where a legal mention may start: the forms as a prefix tree, found quickly.
_LEGAL_FORM_START = re.compile(trie_pattern(_LEGAL_FORM_WORDS))
# "Acme Holdings Limited (AHL) has …": a legal name and the abbreviation the page defines.
_ABBREVIATION = re.compile(r"\s?\(([A-Z][A-Z0-9&]{1,7})\)")
# "Die Acme Group hat …", "Acme Foods opened …": the name a lead sentence opens with.
_LEAD_SUBJECT = re.compile(
    r"^(?:(?:The|Die|Der|Das|La|Le|Les|El|Los|Las|Il|Lo|A|O|Os|As|L['’])\s*)?"
    r"((?:[A-Z0-9ÄÖÜÉ][\w&'’.\-]*)(?:\s+(?:&|of|de|y)?\s*[A-Z0-9ÄÖÜÉ][\w&'’.\-]*){0,4})"
    r",?\s+(?:\([^()]{1,80}\),?\s+)?[a-zäöüéèà]"
)


def company_candidates(parts: PageParts) -> list[Candidate[str]]:
    """Every company the page's forms name as its announcer, best first, spellings pooled."""
    page = _opening(parts)
    persons = [name_words(name) for name in people(page)]
    cjk_page = page if page.isascii() else CJK_GAP.sub("", page)  # gaps between CJK only
    spellings: dict[str, str | None] = {}  # raw name → clean spelling, None when no company
    pooled: list[list[Candidate[str]]] = []
    groups: dict[str, list[Candidate[str]]] = {}  # spelling → its pool
    legal_counts: dict[str, int] = {}
    heading = legal_heading(parts.lines)
    for found in _found(parts, page, heading):
        if found.value not in spellings:
            spellings[found.value] = _spelling(found.value, cjk_page, heading, persons)
        name = spellings[found.value]
        if name is None:
            continue
        if found.rule == "legal name":
            legal_counts[name] = legal_counts.get(name, 0) + 1
            if legal_counts[name] > _MAX_LEGAL_MENTIONS:
                continue
        candidate = Candidate(name, found.rule, found.evidence, found.weight)
        group = groups.get(name) or next(
            (g for g in pooled if same_company(g[0].value, name)), None
        )
        if group is None:
            group = []
            pooled.append(group)
        group.append(candidate)
        groups[name] = group
    text = f"{parts.title}\n{parts.body[:_SCAN_CHARS]}"
    title_words = name_words(parts.title)
    derived_title = parts.lead.startswith(parts.title.rstrip("…"))  # one sentence, not two
    results = []
    for group in pooled:
        best = _display(group)
        mentions = text.count(best.value)
        weight = sum(c.weight for c in group) + min(_MAX_MENTION_BONUS, _MENTION_BONUS * mentions)
        confirmed = any(c.rule != _HEADLINE_SUBJECT for c in group)
        said = parts.body.count(best.value) if derived_title else mentions  # a long read
        if all(c.rule in _OPENERS for c in group) and (
            said < _MIN_OPENER_MENTIONS or len(best.value) <= 2
        ):
            continue  # "Présent lors de …", "RN ganha …": a sentence's first word is no name
        if confirmed and (name_words(best.value) <= title_words or best.value in parts.title):
            weight += _HEADLINE_BONUS + _headline_position_bonus(best.value, parts.title)
        results.append(Candidate(best.value, best.rule, best.evidence, round(weight, 2)))
    return [c for c in ranked(results) if c.weight >= MIN_WEIGHT]


def _spelling(
    raw: str, cjk_page: str, heading: tuple[str, str] | None, persons: list[frozenset[str]]
) -> str | None:
    """The clean spelling of a raw name, or None when it names no company."""
    name = short_cjk_name(clean_name(raw), cjk_page)
    if heading and _CJK.match(name) and name in heading[1]:
        name = clean_name(heading[0])  # "ACME LIMITED 愛克美有限公司": one company
    if not plausible(name) or is_person(name):
        return None
    words = name_words(name)
    if any(words <= person for person in persons):
        return None
    return name


def _opening(parts: PageParts) -> str:
    """The page's header and first paragraphs, where announcers are named; the lines that
    name one further down ("About Acme", "© Acme") are read one by one instead."""
    page = "\n".join(parts.lines) if parts.lines else f"{parts.title}\n{parts.body}"
    if len(page) <= _SCAN_CHARS:
        return page
    cut = page.rfind("\n", 0, _SCAN_CHARS)
    return page[: cut if cut > 0 else _SCAN_CHARS]


def _headline_position_bonus(name: str, title: str) -> float:
    """A little more for a name earlier in the headline: its subject comes first."""
    at = title.find(name.split()[0]) if name.split() else -1
    return _EARLY_BONUS * (1 - at / len(title)) if at >= 0 else 0.0


def _display(group: list[Candidate[str]]) -> Candidate[str]:
    """The spelling to show for pooled spellings: the heaviest, then the one the others
    contain ("Acme" over "Acme Tom Smith")."""
    words = [name_words(c.value) for c in group]
    return max(
        group,
        key=lambda c: (c.weight, sum(name_words(c.value) <= other for other in words)),
    )


def _found(
    parts: PageParts, page: str, heading: tuple[str, str] | None
) -> Iterator[Candidate[str]]:
    """Raw names from every rule, in page order within each rule."""
    if heading:
        yield Candidate(heading[0], "legal name heading", heading[1], 5)
    named = _named_forms(page)
    for listing, name in named.listings:
        if name:
            yield Candidate(name, "name before its ticker", page[listing.start : listing.end], 6)
    for match in CJK_SHORT_NAME.finditer(page):
        yield Candidate(match.group(1), "exchange short name", match.group(), 6)
    for match in _ANNOUNCING.finditer(page):
        end = match.start(1)
        while end > 0 and page[end - 1].isspace():  # a hard-wrapped "Acme\nsaid"
            end -= 1
        name = name_before(page, end)
        if name is None and page[end - 1 : end] == ",":  # "Acme, a maker of X, said"
            comma = page.rfind(",", max(0, end - _APPOSITIVE), end - 1)
            end = comma if comma > 0 and "\n" not in page[comma:end] else end
            name = name_before(page, end) if end == comma else None
        if not name or not _subject_position(page, end - len(name)):
            continue
        sentence = page[max(0, match.start(1) - 60) : match.end()]
        weight = 5 if _TODAY.search(match.group(1)) else 4
        yield Candidate(name, "name before an announcing verb", sentence, weight)
    yield from cjk_candidates(page, parts.title)
    subject = headline_subject(parts.title)
    if subject:
        yield Candidate(subject, _HEADLINE_SUBJECT, parts.title, 2.5)
    opening = _LEAD_SUBJECT.match(parts.lead[dateline_end(parts.lead) :])
    if opening:
        yield Candidate(opening.group(1), _LEAD_SUBJECT_RULE, opening.group(), 2.5)
    yield from role_of_company(page)
    yield from headline_prefix(parts.lines)
    for line in parts.lines:
        yield from line_forms(line)
    for match, name in named.legal_names:
        if name and name != match.group():
            yield Candidate(name, "legal name", name, 1.5)
            defined = _ABBREVIATION.match(page, match.end())
            if defined:
                yield Candidate(defined.group(1), "abbreviation of a legal name", name, 1.5)
    yield from repeated_names(f"{parts.title}\n{parts.body[:_SCAN_CHARS]}")


@dataclass(frozen=True, slots=True)
class _NamedForms:
    """The names a page's opening writes before its listings and legal forms: read once,
    for both the announcer and its aliases."""

    listings: tuple[tuple[Listing, str | None], ...]
    legal_names: tuple[tuple[re.Match[str], str | None], ...]


@lru_cache(maxsize=1)
def _named_forms(page: str) -> _NamedForms:
    return _NamedForms(
        tuple((listing, name_before(page, listing.start)) for listing in listings(page)),
        tuple(
            (match, name_before(page, match.end()))
            for match in finditer_from(_LATIN_LEGAL_MENTION, _LEGAL_FORM_START, page)
        ),
    )


def _subject_position(page: str, start: int) -> bool:
    """Can the name at ``start`` be the subject of the verb after it? Not right after a
    closing quote ("…,” Smith said" attributes a quote), nor after a preposition
    ("an agreement with Acme completed" has Acme as its object)."""
    before = page[max(0, start - 12) : max(0, start)].rstrip(" ,")
    if before and before[-1] in _CLOSING_QUOTES:
        return False
    words = before.split()
    return not (words and words[-1] in _PREPOSITIONS)


def company_aliases(parts: PageParts, company: str) -> list[str]:
    """Other names the page states for ``company``: its legal names and listing forms."""
    page = _opening(parts)
    named = _named_forms(page)
    aliases: list[str] = []
    for listing, name in named.listings:
        if name and same_company(clean_name(name), company):
            aliases += [name, *listing.forms]
    for _, name in named.legal_names:
        if name and name != legal_core(name) and same_company(clean_name(name), company):
            aliases.append(name)
    aliases += cjk_legal_names(page, company)
    return [a for a in dict.fromkeys(aliases) if a != company]
