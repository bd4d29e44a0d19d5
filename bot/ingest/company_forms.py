"""Latin-script forms that name a page's announcer without a verb next to it.

A headline's opening subject ("Acme Opens …"), a filing's upper-case legal name at the
top ("ACME HOLDINGS LIMITED"), a role that belongs to a company ("CEO of Acme",
"presidente di Acme"), the lines a site wraps around its articles ("About Acme",
"Acme Newsroom", "© 2023 Acme Inc.") and, as a last resort, the name an article keeps
repeating. Also who the page's *people* are, so that a speaker is never the company.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from bot.ingest.company_names import name_before
from bot.ingest.evidence import Candidate
from bot.ingest.text import finditer_from, lowers_plainly, trie_pattern

EN_VERBS = (
    r"announce[sd]?|report(?:s|ed)?|said|says|unveil(?:s|ed)|declare[sd]|launch(?:es|ed)"
    r"|introduce[sd]|confirm(?:s|ed)|release[sd]|post(?:s|ed)|name[sd]|appoint(?:s|ed)"
    r"|complete[sd]|sign(?:s|ed)|open(?:s|ed)|agreed|receive[sd]|entered"
    r"|is pleased to|has \w+ed"
)
_NAME_WORD = r"[A-Z0-9ÄÖÜÉÁÓ][\w&'’.\-]*"
# "Acme" or "Acme Foods & Drinks", up to five words, after a role or at a line's start.
_NAME = (
    rf"{_NAME_WORD}(?:\s+(?:&\s+|of\s+|de\s+)?{_NAME_WORD}){{0,4}}"
    r"(?:,?\s+(?:Inc|Ltd|Limited|LLC|Corp|plc|AG|SA|GmbH|SpA|S\.p\.A|srl|AB|NV)\b\.?)?"
)
_HEADLINE_STOP = re.compile(r"^(?:to|and|&|of|for|in|at|on|with)$", re.IGNORECASE)
_HEADLINE_VERB = re.compile(rf"^(?i:{EN_VERBS}|to|will|wins|gets|reaches|delays|files)$|^[a-z]")
_ARTICLES = frozenset({"a", "o", "os", "as", "the", "la", "le", "les", "el", "los", "las", "il"})
_ARTICLES |= frozenset({"die", "der", "das", "lo"})
# "POLYTEC ASSET HOLDINGS LIMITED 保利達資產控股有限公司": a filing's heading names its issuer.
_LEGAL_HEADING = re.compile(
    r"^((?:[A-Z0-9&][A-Z0-9&.,'’\-]*\s+(?:\([A-Z]{1,4}\)\s+)?){1,7}"
    r"(?:LIMITED|LTD|PLC|INC|CORPORATION|CORP|AG|SE|S\.?A|N\.?V|BERHAD|BHD|ASA|AB|SPA|S\.P\.A"
    r"|COMPANY LIMITED|CO\., LTD)\.?)(?=\s|$|[-–(])"
)
# "Acme Metals PLC" alone on a line (or wrapped over two): a title-case legal name heading.
_LEGAL_LINE = re.compile(
    r"^((?:[A-Z][\w&'’\-]*\s+){1,5}(?:Limited|Ltd|PLC|plc|Inc|Incorporated|Corporation|Corp"
    r"|AG|SE|SA|S\.A|NV|N\.V|ASA|AB|SpA|S\.p\.A|Berhad|Bhd)\.?)$"
)
_MARKER = re.compile(r"\s*\([A-Z]{1,4}\)")
_LEGAL_HEADING_LINES = 8
# "Acme: Board approves results", "Gruppo Acme: …": a headline led by its company's name.
_PREFIX = re.compile(rf"^((?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}):\s+([A-ZÀ-Þ].*)$")
_PREFIX_LINES = 15
_PREFIX_HEADLINE_WORDS = 4
_DASHES = frozenset({"-", "–", "—", "|"})
# "the CEO of Acme", "le PDG d’Acme", "presidente di Acme", "consejero delegado de Acme".
# Spelled out in both cases, and led by a look at the first letter: scanning every
# position of a page with a case-blind alternation is slow.
_CHIEFS = (
    r"(?=[CcPDdAaMmV])(?:CEO|[Cc]hief [Ee]xecutive(?: [Oo]fficer)?|[Cc]hairman|[Cc]hairwoman"
    r"|[Pp]residenta?|[Pp]residente|[Pp]résident|PDG|[Dd]irecteur [Gg]énéral|[Cc]onsejero [Dd]elegado"
    r"|[Dd]irectora? [Gg]eneral|[Aa]mministratore [Dd]elegato|[Mm]anaging [Dd]irector"
    r"|Vorstandschef|Vorstandsvorsitzender?)"
)
_ROLE_OF = re.compile(
    rf"(?<!\w){_CHIEFS}\s+(?:of|de|del|di|della|d['’]|der|des|do|da)\s*(?:the\s+)?({_NAME})"
    # the name ends the noun phrase: "president of Canadian banking" names no company
    r"(?=\s*(?:$|[^\w\s]|\s(?:and|at|in|on|for|to|since|who|was|is|has|had|will|said|says"
    r"|y|e|et|und|en|ha|hat|est|è|a|[A-ZÀ-Þ\d])\b))"
)
# Where a chief's title may start, as plain words in a prefix tree: the engine finds these
# quickly, and the role pattern is tried only there.
_CHIEF_START = re.compile(
    trie_pattern(
        ["CEO", "PDG", "Vorstandschef", "Vorstandsvorsitzende"]
        + [
            spelling
            for word in ("chief", "chairman", "chairwoman", "president", "président", "directeur",
                         "consejero", "director", "amministratore", "managing")
            for spelling in (word, word.capitalize())
        ]
    )
)  # fmt: skip
# "Acme’s Head of Sales", "Acme's chief executive": an officer named through the company;
# found from the "’s", and the name read backwards from there.
_POSSESSIVE_ROLE = re.compile(
    r"['’]s\s+(?:[\w&\-]+\s+){0,3}?(?i:CEO|CFO|COO|Chief|Head|President|Chairman|Chairwoman"
    r"|Director|Managing Director|Vice President|spokes(?:man|woman|person))\b"
)
_ABOUT = re.compile(
    r"^(?:About|Über|À propos de|A propos de|Acerca de|Sobre|Om|Informazioni su|Over|Info su)"
    r"\s+(.{2,60}?)\s*:?$"
)
_SITE_NAMES = (
    "Newsroom", "News Room", "Investor Relations", "Press Room", "Pressroom", "Media Centre",
    "Media Center", "News Center", "News Centre", "Press Releases",
)  # fmt: skip
_SITE_NAME = re.compile(rf"^(.{{2,40}}?)\s+(?:{'|'.join(_SITE_NAMES)})$", re.IGNORECASE)
# What a site-name line ends with, lower-cased: one look spares most lines the pattern.
_SITE_NAME_ENDS = tuple(name.lower() for name in _SITE_NAMES)
# "SOURCE Acme Biotech": how wire services close a release, naming whose it is.
_SOURCE = re.compile(r"^SOURCE:?\s+([A-Z].{1,59})$")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(.{2,60})")
_COPYRIGHT_END = re.compile(r"\.?\s*(?:All rights|Alle Rechte|Tous droits|Todos los|\||$)", re.I)
# A capitalised name inside a sentence (after a lower-case word), where capitals are telling.
# The space first: a literal lets the engine skip ahead instead of trying every position.
_INNER_NAME = re.compile(
    r" (?<=[a-zäöüéèàíóúç,] )((?:[A-Z0-9ÄÖÜÉÁ][\w&'’\-]*)(?: +(?:& +)?[A-Z][\w&'’\-]*){0,3})"
)
_MIN_REPEATS = 3
# "Singaporeans", "Canadian", "Swedish": words for peoples, not organisations.
_PEOPLES = re.compile(r"^[A-Z][a-z]+(?:ians?|eans?|ans|ese|ish)$")
_MAX_REPEAT_WEIGHT = 2.5
# A person's name: capitalised words with lower-case letters ("McKay", never "UK"). Each
# word is taken whole (``*+``): what may follow it, a space or a comma, is never part of
# a word, so giving letters back could only make a failing match retry in vain.
_UPPER = "A-ZÀ-ÖØ-Þ"
_PERSON = rf"[{_UPPER}][a-zß-ÿ][\w'’-]*+(?:\s+[A-Z]\.)?(?:\s+[{_UPPER}][a-zß-ÿ][\w'’-]*+){{1,2}}"
# People, in one pass: "Jane Roe, CEO of …", "CEO Jane Roe", "Mr. Roe", "Roe, who …".
_PEOPLE = re.compile(
    rf"\b(?=[{_UPPER}])(?:({_PERSON}),\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
    r"(?:CEO|Chief|President|Chairman|Chairwoman|Director|Officer|Manager|Head|Founder|Vice"
    r"|Executive|Minister|Secretary|spokes\w+|presidente|directeur|Vorstand|consejero|director)"
    r"|(?:CEO|Chairman|Chairwoman|President|Director|Officer|Minister|Secretary|Founder)"
    rf",?\s+({_PERSON})"
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Sr|Sra|Herr|Frau|M|Mme)\.?\s+([A-Z][\w'’-]+)"
    rf"|([{_UPPER}][\w'’-]++),\s+who\b)"
)


def headline_subject(title: str) -> str | None:
    """The proper-noun phrase a headline opens with, when a verb or a lower-case word follows
    it ("Acme Opens …", "A Acme recebeu …"); a phrase closed by a comma is an apposition or
    a dateline ("McKay, who …", "Roma, 7 dic"), and a line of capitals has no subject."""
    words = title.split()
    if len(words) > 2 and words[0].casefold() in _ARTICLES:
        words = words[1:]
    subject: list[str] = []
    for word in words[:7]:
        bare = word.strip(":;")
        if subject and (_HEADLINE_VERB.match(bare) or _HEADLINE_STOP.match(bare)):
            break
        if subject and bare in _DASHES:
            break
        if not bare[:1].isupper() and not bare[:1].isdigit():
            return None
        if bare.endswith(","):
            return None
        possessive = bare.endswith(("’s", "'s"))
        subject.append(bare[:-2] if possessive else bare)
        if possessive or word.endswith((":", ";")):
            break
    else:
        return None
    name = " ".join(subject)
    if len(subject) == len(words) or (len(name) <= 2 and name.isupper()):
        return None
    return name


def headline_prefix(lines: tuple[str, ...]) -> Iterator[Candidate[str]]:
    """ "Acme: Board approves 2024 results": a name heading a headline line, before a colon."""
    for line in lines[:_PREFIX_LINES]:
        match = _PREFIX.match(line)
        if match and len(match.group(2).split()) >= _PREFIX_HEADLINE_WORDS:
            yield Candidate(match.group(1), "name heading a headline", line, 2.5)


def legal_heading(lines: tuple[str, ...]) -> tuple[str, str] | None:
    """(name, line) of a legal name heading one of the page's first lines: opening it in
    capitals ("ACME LIMITED 愛克美有限公司 …"), or filling it, possibly wrapped over two."""
    top = lines[:_LEGAL_HEADING_LINES]
    for number, line in enumerate(top):
        match = _LEGAL_HEADING.match(line)
        if match and any(c.isalpha() for c in match.group(1)):
            return _MARKER.sub("", match.group(1)), line  # "ACME (RF) LIMITED": no "(RF)"
        for joined in (line, f"{line} {top[number + 1]}" if number + 1 < len(top) else ""):
            filled = _LEGAL_LINE.match(joined)
            if filled:
                return filled.group(1), joined
    return None


def role_of_company(text: str) -> Iterator[Candidate[str]]:
    """Companies named as the employer of a chief: "the chief executive of Acme"."""
    for match in finditer_from(_ROLE_OF, _CHIEF_START, text):
        yield Candidate(match.group(1), "company of a named role", match.group(), 2.5)
    for match in _POSSESSIVE_ROLE.finditer(text):
        name = name_before(text, match.start())
        if name:
            yield Candidate(name, "company of a named role", match.group(), 2)


def line_forms(line: str) -> Iterator[Candidate[str]]:
    """Forms that fill a line of their own: "About Acme", "Acme Newsroom", "SOURCE Acme",
    "© 2023 Acme Inc."."""
    if len(line) > 80:
        return
    about = _ABOUT.match(line)
    if about:
        yield Candidate(about.group(1), "about section", line, 4)
    site = (
        _SITE_NAME.match(line)
        if line.lower().endswith(_SITE_NAME_ENDS) or not lowers_plainly(line)
        else None
    )
    if site:
        yield Candidate(site.group(1), "site name", line, 2)
    source = _SOURCE.match(line)
    if source:
        yield Candidate(source.group(1), "wire source line", line, 4)
    copyright_line = _COPYRIGHT.search(line)
    if copyright_line:
        holder = _COPYRIGHT_END.split(copyright_line.group(1), maxsplit=1)[0]
        yield Candidate(holder, "copyright holder", line, 1.5)


def repeated_names(text: str) -> Iterator[Candidate[str]]:
    """Capitalised names the article keeps using inside its sentences; weak alone."""
    counts = Counter(_INNER_NAME.findall(text))  # counted in page order, at C speed
    for name, count in counts.items():
        if count >= _MIN_REPEATS and not (
            (len(name) <= 2 and name.isupper()) or _PEOPLES.search(name)
        ):
            yield Candidate(name, "repeated name", name, min(_MAX_REPEAT_WEIGHT, 0.5 * count))


def people(page: str) -> list[str]:
    """Names the page gives a role or an honorific: people, whatever verb follows them."""
    return [next(filter(None, groups)) for groups in _PEOPLE.findall(page)]
