"""Who speaks, in Latin-script attributions: the person's name apart from honorifics and role.

"Jane Roe, Chief Executive Officer of Acme" → ("Jane Roe", "Chief Executive Officer of Acme");
"Acme CEO Jane Roe" → ("Jane Roe", "Acme CEO"); "a spokesperson for Acme" → (None, that text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.quote_mentions import (
    MAX_NAME_WORDS,
    WORD,
    complete_name,
    is_capitalised,
    is_run_word,
    name_run_only,
    run_end,
    stops_name,
)
from bot.ingest.quote_words import (
    COMPANY_WORDS,
    HONORIFICS,
    NOT_NAMES,
    OBJECT_LEADS,
    PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_WORDS,
    SPOKESPEOPLE,
)

_ROLE_LEAD = re.compile(r"^(?:who\s+(?:is|was|serves\s+as)|currently|the\s+company's)\s+", re.I)
_ROLE_DESCRIPTOR = re.compile(
    r"\bof\s+the\s+(?:[\w-]+\s+){0,4}?(?:company|firm|startup|start-up|group|biotech|developer"
    r"|maker)\s+(?=[A-Z])"
)
# Where an appositive stops being a job: a relative clause or a verb in the past tense.
_ROLE_CLAUSE = re.compile(
    r"\s+(?:(?:and|et|y|e|und)\s+)?(?:who|which|dont|qui|que|che|welche[rs]?)\s"
    r"|\s+[a-z]{3,}ed\s+(?:the|a|an|that|to)\s"
)
_OWNER = ("'s", "’s")
_MAX_ROLE_WORDS = 16
_MAX_LEAD_WORDS = 4  # "der Vorstandsvorsitzende", "the company's chief executive"


@dataclass(frozen=True, slots=True)
class Speaker:
    """An attribution's subject: a named person, a pronoun, or an unnamed organisation."""

    name: str | None
    role: str | None
    pronoun: bool = False


def speaker_before_verb(text: str, body: str) -> Speaker | None:
    """The subject written before a speech verb: `Jane Roe, CEO of Acme,` / `Acme CEO Jane
    Roe` / `Chairman, Jane Roe,` / `she` / `a spokesperson for Acme`."""
    parts = [part.strip() for part in text.strip().rstrip(",").split(",")]
    parts = [_drop_conjunction(part) for part in parts if part]
    if not parts:
        return None
    last = parts[-1]
    if _is_pronoun(last):
        for index, part in enumerate(parts[:-1]):  # "Quant à Jane Roe, …, elle s'est dit"
            found = _name_at_end(part, body)
            if found is not None:
                return Speaker(found[0], _role(parts[index + 1 : -1]), pronoun=False)
        return Speaker(None, None, pronoun=True)
    for index, part in enumerate(parts[:-1]):  # "Jane Roe, Executive Vice President, Acme,"
        titled = _is_role(parts[index + 1])
        found = _name_at_end(part, body, titled=titled) if titled else None
        if found and not found[1] and " " in found[0]:
            return Speaker(found[0], _role(parts[index + 1 :]))
    found = _name_at_end(last, body)
    if found is not None:
        name, prefix = found
        if prefix:
            return Speaker(name, prefix)
        earlier = parts[-2] if len(parts) > 1 else ""
        return Speaker(name, earlier if earlier and _is_role(earlier) else None)
    for index, part in enumerate(parts[:-1]):  # "Jane Roe, Founder, CEO of Acme,"
        found = _name_at_end(part, body)
        if found is not None and not found[1]:
            return Speaker(found[0], _role(parts[index + 1 :]))
    organisation = _organisation(last)
    if organisation is None and name_run_only(last):
        return Speaker(None, last)  # "Acme said": a company, kept as the role
    return organisation


def speaker_after_verb(text: str, body: str, *, subject_optional: bool) -> Speaker | None:
    """The subject written after a speech verb or "according to": `Jane Roe, CEO of Acme` /
    `der Vorstandsvorsitzende Jane Roe am Dienstag` / `she`. Romance languages may leave the
    subject out (`", ha insistido."`): then it is the person last named."""
    text = text.strip()
    if subject_optional and text.startswith(","):
        return Speaker(None, None, pronoun=True)  # "”, ressaltou, recebendo …"
    text = text.lstrip(",:").strip()
    words = list(WORD.finditer(text))
    if not words:
        return Speaker(None, None, pronoun=True) if subject_optional else None
    if words[0].group() in PRONOUNS:  # lower case: "Lei Jun" is no pronoun
        return Speaker(None, None, pronoun=True)
    first_part = text.split(",")[0]
    opening = [w.group().casefold() for w in words[: _MAX_LEAD_WORDS + 1]]
    # "said in a statement" names no one; "a" is also the article of "a spokesperson"
    if (opening[0] not in PREPOSITIONS or opening[0] == "a") and any(
        w in SPOKESPEOPLE for w in opening
    ):
        return _organisation(first_part)  # "a spokesperson for Acme"
    for index, word in enumerate(words[: _MAX_LEAD_WORDS + 1]):
        folded = word.group().casefold()
        if is_capitalised(word.group()) or folded in HONORIFICS:
            break
        if index == 0 and folded in PREPOSITIONS:
            # ", ha remarcado en la junta" has no subject; ", said in a statement" has none
            return Speaker(None, None, pronoun=True) if subject_optional else None
    else:
        return None
    stop = run_end(words, index)
    tokens = [w.group() for w in words[index:stop]]
    split = _split_name(tokens, body)
    if split is None:
        return _organisation(first_part)
    name, prefix = split
    lead = " ".join(w.group() for w in words[:index] if w.group().casefold() not in PARTICLES)
    role = " ".join(part for part in (lead, prefix) if part) or None
    rest = text[words[stop - 1].end() :]
    if rest.startswith(","):
        role = role or _role([part.strip() for part in rest[1:].split(",")], trailing=True)
    return Speaker(name, role)


def speaker_leading(text: str, body: str) -> Speaker | None:
    """A name opening the clause, then a few lower-case words: `Roe konkret dazu:`."""
    words = list(WORD.finditer(text))
    if not words or not is_capitalised(words[0].group()):
        return None
    stop = run_end(words, 0)
    rest = words[stop:]
    if len(rest) > 3 or any(is_capitalised(w.group()) for w in rest):
        return None
    split = _split_name([w.group() for w in words[:stop]], body)
    return Speaker(split[0], split[1] or None) if split else None


def _name_at_end(part: str, body: str, *, titled: bool = False) -> tuple[str, str] | None:
    """(name, role before it) when ``part`` ends with a person's name."""
    words = list(WORD.finditer(part))
    if not words or part[words[-1].end() :].strip(" .;:"):
        return None
    start = len(words)
    while start > 0 and is_run_word(words, start - 1):
        start -= 1
    while start < len(words) and words[start].group().casefold() in PARTICLES:
        start += 1
    split = _split_name([w.group() for w in words[start:]], body, titled=titled)
    if split is None:
        return None
    name, prefix = split
    lead = part[: words[start].start()].strip() if start < len(words) else ""
    if lead and lead.split()[-1].casefold() in {"to", "à", "a"}:
        lead = ""  # "According to Jane Roe", "Quant à Jane Roe": no role
    elif lead and lead.split()[-1].casefold() in OBJECT_LEADS:
        return None  # "chief scientist of the company Acme Medical": an object, not a name
    return name, " ".join(p for p in (lead, prefix) if p)


def _split_name(tokens: list[str], body: str, *, titled: bool = False) -> tuple[str, str] | None:
    """Run of capitalised words → (name, role words before it); None when it is no person."""
    honorific = False
    while tokens and tokens[0].casefold().rstrip(".") in HONORIFICS:
        tokens, honorific = tokens[1:], True
    cut = 0
    for index, token in enumerate(tokens):
        folded = token.casefold()
        if stops_name(token) or folded.split("-")[-1] in ROLE_WORDS or folded.endswith(_OWNER):
            cut = index + 1  # "Acme CEO Jane Roe", "Acme-Chef Jane Roe", "Acme's Jane Roe"
    prefix, name_words = tokens[:cut], tokens[cut:]
    while name_words and name_words[0].casefold().rstrip(".") in HONORIFICS:
        name_words, honorific = name_words[1:], True
    while name_words and name_words[-1].casefold() in PARTICLES:
        name_words = name_words[:-1]
    if not name_words or len(name_words) > MAX_NAME_WORDS:
        return None
    if name_words[0].casefold() in NOT_NAMES or name_words[0].casefold() in PARTICLES:
        return None
    name = " ".join(f"{word}." if len(word) == 1 else word for word in name_words)
    if len(name_words) == 1:
        name = complete_name(body, name, titled=titled) or (name if honorific else "")
    return (name, " ".join(prefix)) if name else None


def _is_pronoun(part: str) -> bool:
    words = part.split()
    if len(words) == 1:
        return words[0].casefold() in PRONOUNS
    return len(words) == 2 and words[-1] in PRONOUNS


def _is_role(part: str) -> bool:
    return any(w.casefold().strip(".") in ROLE_WORDS for w in part.split())


def _role(parts: list[str], *, trailing: bool = False) -> str | None:
    """Appositive parts → role; a trailing clause ("a margine della …") is not part of it."""
    kept: list[str] = []
    for part in parts:
        part = part.strip().rstrip(".;:")
        if not part or (kept and trailing and part[:1].islower() and not _is_role(part)):
            break
        kept.append(part)
    role = _ROLE_DESCRIPTOR.sub("of ", _ROLE_LEAD.sub("", ", ".join(kept)))
    role = _ROLE_CLAUSE.split(role, maxsplit=1)[0].strip()
    return role if role and len(role.split()) <= _MAX_ROLE_WORDS else None


def _organisation(part: str) -> Speaker | None:
    """`a spokesperson for Acme`, `Acme Group`, `the CEO of Acme`: an unnamed speaker, kept as
    the role, never as a person."""
    part = part.strip().rstrip(".;:")
    words = [w.strip(".") for w in part.casefold().split()]
    if not words or len(words) > _MAX_ROLE_WORDS or words[0] in {"who", "which"}:
        return None
    if any(w in SPOKESPEOPLE or w in COMPANY_WORDS or w in ROLE_WORDS for w in words):
        return Speaker(None, part)
    return None


def _drop_conjunction(part: str) -> str:
    """ "… and said" leaves "… and": the conjunction is not part of the subject."""
    words = part.split()
    if words and words[-1].casefold() in {"and", "und", "et", "y", "e", "och", "en"}:
        return " ".join(words[:-1])
    return part
