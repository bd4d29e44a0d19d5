"""A scraped text page → one ReleaseRecord: title, body, date, company, summary, quotes, figures."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.ingest.clean import clean_lines, is_trailer_heading
from bot.ingest.companies import (
    REGISTRY_RULE,
    canonical_company,
    company_candidates,
)
from bot.ingest.company_inference import company_aliases
from bot.ingest.dates import date_candidates, is_date_line, publication_date
from bot.ingest.errors import IngestError, NotARelease
from bot.ingest.evidence import Candidate, Explanation, PageParts
from bot.ingest.figures import key_figures
from bot.ingest.headline import is_prose, take_title
from bot.ingest.kind import not_a_release
from bot.ingest.quotes import extract_quotes
from bot.ingest.summary import derive_title, lead_paragraph, summarize
from bot.ingest.text import TERMINAL_MARKS, has_words, normalise
from bot.records import UNKNOWN_COMPANY, ReleaseRecord
from bot.registry import Registry

_SIGNATURE_WORDS = 10
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|:\s+|\s*｜\s*")


def parse_page(
    text: str,
    *,
    source: str,
    registry: Registry,
    boilerplate: frozenset[str] = frozenset(),
    metadata: Mapping[str, str] | None = None,
) -> ReleaseRecord:
    """Clean one scraped page into a release; curated ``metadata`` beats every heuristic."""
    return parse_normalised(
        normalise(text),
        source=source,
        registry=registry,
        boilerplate=boilerplate,
        metadata=metadata,
    )


def parse_normalised(
    text: str,
    *,
    source: str,
    registry: Registry,
    boilerplate: frozenset[str],
    metadata: Mapping[str, str] | None,
    explain: Explanation | None = None,
) -> ReleaseRecord:
    """``parse_page`` for text that ``decode_text`` already normalised (no second pass).
    ``explain``, when given, receives every field's candidates."""
    curated = metadata or {}
    page_lines = tuple(line for raw in text.split("\n") if (line := raw.strip()))
    reason = None if curated.get("title") else not_a_release(page_lines)
    if reason:
        if explain is not None:
            explain.rejected = reason
        raise NotARelease(reason)
    cleaned = clean_lines(text, boilerplate)
    lines: list[tuple[int, str]] = []
    date_lines: list[str] = []
    for number, block in enumerate(cleaned.blocks):
        for line in block:
            if is_date_line(line):
                date_lines.append(line)
            else:
                lines.append((number, line))
    headline, lines = take_title(lines, explain)
    lines = _drop_trailer(_drop_title_echoes(lines, headline))
    paragraphs = _paragraphs(_drop_signature(lines))
    lead = lead_paragraph(paragraphs)
    if lead is None and headline and paragraphs:
        # A filing cut short after its cover: the longest line stands for the article.
        lead = max(paragraphs, key=len)
    if lead is None:
        raise IngestError("no prose left after removing boilerplate")
    body = "\n\n".join(paragraphs)

    title = curated.get("title") or headline
    title_derived = not title
    if not title:
        title = derive_title(lead)
    parts = PageParts(
        lines=page_lines,
        meta=tuple(cleaned.meta),
        date_lines=tuple(date_lines),
        title=title,
        lead=lead,
        body=body,
    )
    date = publication_date(parts, curated=curated.get("date"))
    if curated.get("date") and date is None:
        raise IngestError(f"sidecar date not understood: {curated['date']!r}")
    company, inferred = resolve_company(registry, curated.get("company"), parts)
    if explain is not None:
        _explain_choices(explain, curated, parts, registry)
    return ReleaseRecord(
        company=company,
        company_inferred=inferred,
        company_aliases=company_aliases(parts, company) if inferred else [],
        title=title,
        title_derived=title_derived,
        date=date.iso if date else None,
        date_precision=date.precision if date else None,
        summary=summarize(paragraphs, "" if title_derived else title),
        body=body,
        quotes=extract_quotes(body),
        figures=key_figures(body),
        source=source,
        url=curated.get("url") or None,
    )


def resolve_company(registry: Registry, curated: str | None, parts: PageParts) -> tuple[str, bool]:
    """(company, inferred): a curated name (canonicalised), a registry mention, or a guess."""
    if curated:
        return canonical_company(registry, curated) or curated.strip(), False
    best = next(iter(company_candidates(parts, registry)), None)
    if best is None:
        return UNKNOWN_COMPANY, True
    return best.value, best.rule != REGISTRY_RULE


def _explain_choices(
    explain: Explanation, curated: Mapping[str, str], parts: PageParts, registry: Registry
) -> None:
    """The date and company candidates, and the curated values that overrule them."""
    explain.add(
        "date",
        [Candidate(c.value.iso, c.rule, c.evidence, c.weight) for c in date_candidates(parts)],
    )
    explain.add("company", company_candidates(parts, registry))
    for name in ("title", "date", "company"):
        if curated.get(name):
            explain.fields.setdefault(name, []).insert(
                0, Candidate(curated[name], "curated sidecar value", curated[name], float("inf"))
            )


def _drop_title_echoes(lines: list[tuple[int, str]], title: str) -> list[tuple[int, str]]:
    """The headline repeated below it, or one of its parts ("new year message | …")."""
    if not title:
        return lines
    echoes = {title.casefold(), *(p.strip().casefold() for p in _TITLE_SEPARATORS.split(title))}
    return [(n, line) for n, line in lines if line.casefold() not in echoes]


def _drop_trailer(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Everything from the first "About Acme" / "Forward-Looking Statements" style heading
    on, once the article has begun: company boilerplate repeated on every release."""
    started = False
    for position, (_, line) in enumerate(lines):
        if started and is_trailer_heading(line):
            return lines[:position]
        started = started or is_prose(line)
    return lines


def _drop_signature(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Short unpunctuated closing lines ("Chairman of Acme") sign a letter; they are not prose."""
    end = len(lines)
    while end > 1:
        line = lines[end - 1][1]
        if has_words(line, _SIGNATURE_WORDS + 1) or line.endswith(TERMINAL_MARKS):
            break
        end -= 1
    return lines[:end]


def _paragraphs(lines: list[tuple[int, str]]) -> list[str]:
    """Rejoin hard-wrapped lines of one block; otherwise each line is its own paragraph."""
    paragraphs: list[str] = []
    previous_block = -1
    for block, line in lines:
        if paragraphs and block == previous_block and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_block = block
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(TERMINAL_MARKS):
        return False
    return line[:1].islower() or previous.endswith((",", ";", "-", "–"))
