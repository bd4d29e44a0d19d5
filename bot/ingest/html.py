"""An HTML page → one ReleaseRecord: trafilatura finds the article, the page parser reads it.

trafilatura separates the article from navigation, cookie banners, related-news lists
and footers far better than line-based cleaning can on markup; the text it keeps goes
through the same parser as scraped text pages. The page's own metadata (see
``html_meta``) then replaces the parser's guesses where the markup is more reliable:
a headline in ``og:title``, a date in ``article:published_time``. Curated sidecar
values still beat both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from lxml.html import HtmlElement

from bot.ingest.companies import canonical_company
from bot.ingest.errors import IngestError
from bot.ingest.evidence import Candidate, Explanation
from bot.ingest.html_charset import decode_html
from bot.ingest.html_meta import page_evidence
from bot.ingest.page import parse_normalised
from bot.ingest.text import normalise, word_count
from bot.records import ReleaseRecord
from bot.registry import Registry

# An article shorter than this, on a page that is mostly scripts or asks for a password,
# is the page's furniture, not a release.
_THIN_ARTICLE_WORDS = 40
_SCRIPT_SHARE = 0.5
_METADATA_RULE = "page metadata: "


@dataclasses.dataclass(frozen=True, slots=True)
class WebPage:
    """A page as fetched (or saved): its bytes, its address and the charset the server named."""

    data: bytes
    url: str | None = None
    charset: str | None = None


def parse_html(
    page: WebPage,
    *,
    source: str,
    registry: Registry,
    metadata: Mapping[str, str] | None = None,
    explain: Explanation | None = None,
) -> ReleaseRecord:
    """Parse one HTML page; ``metadata`` is the curated sidecar, which wins over everything."""
    from trafilatura import extract, load_html

    markup = decode_html(page.data, page.charset)
    tree = load_html(markup)
    if tree is None:
        raise IngestError("not an HTML page")
    evidence = page_evidence(tree)
    text = extract(
        tree, url=page.url, include_comments=False, include_tables=True, deduplicate=False
    )
    text = normalise(text or "")
    if word_count(text) < _THIN_ARTICLE_WORDS and (reason := _no_article(markup, tree)):
        raise IngestError(reason)
    if not text.strip():
        raise IngestError("no article text in the page")
    curated = dict(metadata or {})
    record = parse_normalised(
        text,
        source=source,
        registry=registry,
        boilerplate=frozenset(),
        metadata=curated,
        explain=explain,
    )
    chosen = _metadata_choices(evidence, registry)
    if explain is not None:
        _explain_metadata(explain, evidence, curated, registry)
    return _with_metadata(record, chosen, curated, page.url)


def _no_article(markup: str, tree: HtmlElement) -> str | None:
    """Why a page with (almost) no article text is not a release, when its markup shows it."""
    if tree.xpath("//input[@type='password']"):
        return "a login wall, not an article"
    scripts = sum(len(script.text or "") for script in tree.xpath("//script"))
    if scripts > len(markup) * _SCRIPT_SHARE:
        return "mostly scripts: the article is not in the page's HTML"
    return None


def _metadata_choices(
    evidence: dict[str, list[Candidate[str]]], registry: Registry
) -> dict[str, str]:
    """The winning metadata value per field. A publisher or site name counts as the
    company only when the registry knows it: on a wire's page it names the wire."""
    chosen = {
        name: found[0].value for name, found in evidence.items() if found and name != "company"
    }
    for candidate in evidence["company"]:
        company = canonical_company(registry, candidate.value)
        if company is not None:
            chosen["company"] = company
            break
    return chosen


def _with_metadata(
    record: ReleaseRecord, chosen: dict[str, str], curated: Mapping[str, str], url: str | None
) -> ReleaseRecord:
    """The record with metadata values wherever no curated value was given."""
    changes: dict[str, Any] = {}
    if "title" in chosen and not curated.get("title"):
        changes.update(title=chosen["title"], title_derived=False)
    if "date" in chosen and not curated.get("date"):
        changes.update(date=chosen["date"], date_precision="day")
    if "company" in chosen and not curated.get("company"):
        changes.update(company=chosen["company"], company_inferred=False, company_aliases=[])
    if not curated.get("url"):
        changes["url"] = chosen.get("url") or url or record.url
    return dataclasses.replace(record, **changes) if changes else record


def _explain_metadata(
    explain: Explanation,
    evidence: dict[str, list[Candidate[str]]],
    curated: Mapping[str, str],
    registry: Registry,
) -> None:
    """Metadata candidates go first (after a curated value); a publisher the registry
    does not know goes last, since it was not used."""
    for name, found in evidence.items():
        used = [c for c in found if name != "company" or canonical_company(registry, c.value)]
        unused = [c for c in found if c not in used]
        existing = explain.fields.setdefault(name, [])
        position = 1 if curated.get(name) else 0
        existing[position:position] = _labelled(used, "")
        existing.extend(_labelled(unused, " (not a known company)"))


def _labelled(candidates: list[Candidate[str]], note: str) -> list[Candidate[str]]:
    return [
        Candidate(c.value, _METADATA_RULE + c.rule + note, c.evidence, c.weight) for c in candidates
    ]
