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
from bot.ingest.dates import date_candidates, dateline_end, is_date_line, publication_date
from bot.ingest.errors import IngestError, NotARelease
from bot.ingest.evidence import Candidate, Explanation, PageParts
from bot.ingest.figures import key_figures
from bot.ingest.kind import not_a_release
from bot.ingest.quotes import extract_quotes
from bot.ingest.text import has_words, normalise, split_sentences
from bot.ingest.titles import (
    MAX_TITLE_LINE,
    forwarded_release_start,
    headline_text,
    is_furniture,
    is_title_case,
    notice_headline,
    runs_on,
    title_candidates,
)
from bot.records import UNKNOWN_COMPANY, ReleaseRecord
from bot.registry import Registry

SUMMARY_LIMIT = 350
TITLE_LIMIT = 100
_HEADLINE_WORDS = 25  # an unpunctuated line this long with two sentences is prose
_ARTICLE_LINES = 4  # prose lines a headline is compared with
_HEADER_LINES = 12  # a page without prose lines: its header, and the lines to compare with
_PROSE_WORDS = 8  # a paragraph this long that ends a sentence is article text
_MIN_PROSE_WORDS = 6  # a page needs at least one paragraph this long to be a release
_TITLE_WORDS = 4  # shorter headline-like lines are usually section labels ("Newsroom")
_SIGNATURE_WORDS = 10
_WRAPPED_WIDTH = 120  # hard-wrapped text has lines no longer than this
_WRAP_SHARE = 0.6  # and of about the same width: a shorter line ends a paragraph or heads one
_TERMINAL = tuple('.!?。！？"”…')
_WIDE_STOPS = tuple("。！？；")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|:\s+|\s*｜\s*")
# Words a derived title should not end on.
_WEAK_ENDINGS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "but",
     "from", "as", "is", "are", "was", "were", "its", "their", "that", "which", "who"}
)  # fmt: skip


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
    headline, lines = _take_title(lines, explain)
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


def lead_paragraph(paragraphs: list[str]) -> str | None:
    """The first paragraph long enough to be article text (not a heading, a greeting or a
    prompt to sign up)."""
    long_enough = [p for p in paragraphs if has_words(p, _MIN_PROSE_WORDS)]
    return next((p for p in long_enough if not is_furniture(p)), next(iter(long_enough), None))


def _is_prose(line: str) -> bool:
    if len(line) > MAX_TITLE_LINE:
        return True
    return (
        has_words(line, _PROSE_WORDS)
        and not is_furniture(line)
        and (
            line.endswith((".", "。"))
            or (
                has_words(line, _HEADLINE_WORDS)
                and not is_title_case(line)
                and len(split_sentences(line)) > 1
            )
        )
    )


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


def _take_title(
    lines: list[tuple[int, str]], explain: Explanation | None = None
) -> tuple[str, list[tuple[int, str]]]:
    """The headline among the lines above the first prose paragraph; lines above it are
    page header. Without one, every line stays and the caller derives a title.

    A cover letter forwarding the release comes first: the headline is then the echoed
    line nearest the release's text, below the letter's signature and copy list."""
    start = forwarded_release_start([line for _, line in lines])
    if start is not None:
        headline, rest = _title_above(lines[start:], explain, nearest=True)
        if headline:
            return headline, rest
    headline, rest = _title_above(lines, explain)
    if headline or not lines:
        return headline, rest
    # Text flattened from a PDF: the headline is run into the first paragraph.
    notice = notice_headline(lines[0][1])
    if notice and explain is not None:
        explain.add("title", [Candidate(notice, "notice headline in flattened text", notice)])
    return notice or "", lines


def _title_above(
    lines: list[tuple[int, str]], explain: Explanation | None, *, nearest: bool = False
) -> tuple[str, list[tuple[int, str]]]:
    first_prose = next((i for i, (_, line) in enumerate(lines) if _is_prose(line)), None)
    article_lines = _ARTICLE_LINES
    if first_prose is None:
        # Hard-wrapped text has no prose line: its top lines stand for the header.
        first_prose, article_lines = min(len(lines), _HEADER_LINES), _HEADER_LINES
    else:
        first_prose = _paragraph_start(lines, first_prose)
    above = [line for _, line in lines[:first_prose]]
    article = [line for _, line in lines[first_prose : first_prose + article_lines]]
    candidates = title_candidates(above, article)
    if nearest:
        candidates = sorted(candidates, key=lambda c: -c.value)
    if explain is not None:
        explain.add(
            "title", [Candidate(above[c.value], c.rule, c.evidence, c.weight) for c in candidates]
        )
    best = next(iter(candidates), None)
    if best is None:
        return "", lines
    first, end = best.value, best.value + 1
    if first and runs_on(above[first - 1], above[first]):
        first -= 1
    elif end < len(lines) and runs_on(above[first], lines[end][1]) and not _is_prose(lines[end][1]):
        end += 1
    headline = headline_text(" ".join(line for _, line in lines[first:end]))
    return headline, lines[end:]


def _paragraph_start(lines: list[tuple[int, str]], end: int) -> int:
    """The first line of the hard-wrapped paragraph whose last line is ``end``: lines of the
    same block and about the same width that do not end a sentence or look like headings."""
    block = lines[end][0]
    widths = [
        len(line)
        for number, line in lines[max(0, end - _HEADER_LINES) : end + 1]
        if number == block
    ]
    if not widths or max(widths) > _WRAPPED_WIDTH:
        return end
    start = end
    while start > 0:
        number, line = lines[start - 1]
        if (
            number != block
            or line.endswith(_TERMINAL)
            or len(line) < _WRAP_SHARE * max(widths)
            or line.isupper()
            or is_title_case(line)
        ):
            break
        start -= 1
    return start


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
        started = started or _is_prose(line)
    return lines


def _drop_signature(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Short unpunctuated closing lines ("Chairman of Acme") sign a letter; they are not prose."""
    end = len(lines)
    while end > 1:
        line = lines[end - 1][1]
        if has_words(line, _SIGNATURE_WORDS + 1) or line.endswith(_TERMINAL):
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
    if previous.endswith(_TERMINAL):
        return False
    return line[:1].islower() or previous.endswith((",", ";", "-", "–"))


def summarize(paragraphs: list[str], headline: str) -> str:
    """Up to three opening sentences of the article text, within SUMMARY_LIMIT characters.

    A sentence repeating the page's own ``headline`` is skipped; a title derived from
    the lead is no reason to skip the lead, so callers pass "" for those.
    """
    chosen: list[str] = []
    length = 0
    folded_title = headline.casefold().rstrip(".!? ")
    for paragraph in paragraphs:
        if not has_words(paragraph, _MIN_PROSE_WORDS) or not _is_sentence_text(paragraph):
            continue
        if not chosen:
            paragraph = paragraph[dateline_end(paragraph) :]
        for sentence in split_sentences(paragraph):
            if sentence.casefold().rstrip(".!? ") == folded_title:
                continue
            if not chosen and len(sentence) > SUMMARY_LIMIT:
                return shorten(sentence, SUMMARY_LIMIT)
            if length + len(sentence) + len(chosen) > SUMMARY_LIMIT:
                return _join_sentences(chosen)
            chosen.append(sentence)
            length += len(sentence)
            if len(chosen) == 3:
                return _join_sentences(chosen)
    if chosen:
        return _join_sentences(chosen)
    return shorten(lead_paragraph(paragraphs) or paragraphs[0], SUMMARY_LIMIT)


def _join_sentences(sentences: list[str]) -> str:
    """Latin sentences are spaced; CJK ones follow each other directly."""
    joined = sentences[0]
    for sentence in sentences[1:]:
        joined += sentence if joined.endswith(_WIDE_STOPS) else f" {sentence}"
    return joined


def _is_sentence_text(paragraph: str) -> bool:
    return paragraph.endswith(_TERMINAL) or len(split_sentences(paragraph)) > 1


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary, ending with "…", never on a dangling "of" or "the"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    words = (cut[:space] if space > 0 else cut).split()
    while len(words) > 1 and words[-1].casefold() in _WEAK_ENDINGS:
        words.pop()
    return " ".join(words).rstrip(",;:-–— ") + "…"


def derive_title(lead: str) -> str:
    """A headline for a page without one: the lead sentence, shortened."""
    sentences = split_sentences(lead[dateline_end(lead) :]) or [lead]
    return shorten(sentences[0].rstrip(".。!！ ") or lead, TITLE_LIMIT)
