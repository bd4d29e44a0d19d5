"""What a page says about itself in its markup: evidence for title, date, company and URL.

Each rule is named after the markup it reads and weighted by how much publishers get
it right: structured data and Open Graph are written for machines, ``<title>`` is
written for browser tabs (and carries the site's name). Rules are tried all at once and
the candidates ranked, so ``--explain`` can show every one of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from bot.ingest.evidence import Candidate, ranked

FIELDS = ("title", "date", "company", "url")
_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "pressrelease", "blogposting", "reportagenewsarticle", "report"}
)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*｜\s*")
_MAX_VALUE = 300  # characters: a longer "title" is a description, not a headline


@dataclass(frozen=True, slots=True)
class MetaRule:
    """Read one field from one kind of markup."""

    field: str
    name: str
    xpath: str
    weight: float
    site_name_attached: bool = False  # "Headline | Site": keep the longest part


RULES = (
    MetaRule("title", "og:title", "//meta[@property='og:title']/@content", 3.0),
    MetaRule("title", "twitter:title", "//meta[@name='twitter:title']/@content", 2.5),
    MetaRule("title", "first <h1>", "(//h1)[1]", 2.0),
    MetaRule("title", "<title>, site name cut off", "(//title)[1]", 1.0, site_name_attached=True),
    MetaRule(
        "date", "article:published_time", "//meta[@property='article:published_time']/@content", 3.0
    ),
    MetaRule("date", "itemprop datePublished", "//*[@itemprop='datePublished']/@content", 2.5),
    MetaRule("date", "<meta name=date>", "//meta[@name='date' or @name='pubdate']/@content", 2.0),
    MetaRule("date", "<time datetime>", "(//time/@datetime)[1]", 1.0),
    MetaRule("url", "<link rel=canonical>", "//link[@rel='canonical']/@href", 3.0),
    MetaRule("url", "og:url", "//meta[@property='og:url']/@content", 2.0),
    MetaRule("company", "og:site_name", "//meta[@property='og:site_name']/@content", 1.0),
)
# JSON-LD keys per field, with the rule name and weight each gets.
_JSON_LD = {
    "headline": ("title", "JSON-LD headline", 2.8),
    "datePublished": ("date", "JSON-LD datePublished", 4.0),
    "url": ("url", "JSON-LD url", 1.5),
}


def page_evidence(tree: HtmlElement) -> dict[str, list[Candidate[str]]]:
    """Per field, the values the page's markup gives, best first."""
    found: dict[str, list[Candidate[str]]] = {name: [] for name in FIELDS}
    for rule in RULES:
        for raw in tree.xpath(rule.xpath):
            text = raw if isinstance(raw, str) else raw.text_content()
            if rule.site_name_attached:
                text = max(_TITLE_SEPARATORS.split(text), key=len)
            value = _clean(rule.field, text)
            if value:
                found[rule.field].append(Candidate(value, rule.name, text.strip(), rule.weight))
    for item in _json_ld_items(tree):
        _add_json_ld(item, found)
    return {name: ranked(candidates) for name, candidates in found.items()}


def _add_json_ld(item: dict[str, Any], found: dict[str, list[Candidate[str]]]) -> None:
    kind = item.get("@type")
    kinds = {str(k).casefold() for k in (kind if isinstance(kind, list) else [kind])}
    if kinds & _ARTICLE_TYPES:
        for key, (field, rule, weight) in _JSON_LD.items():
            value = item.get(key)
            if isinstance(value, str) and (clean := _clean(field, value)):
                found[field].append(Candidate(clean, rule, value, weight))
        publisher = item.get("publisher")
        name = publisher.get("name") if isinstance(publisher, dict) else publisher
        if isinstance(name, str) and name.strip():
            found["company"].append(Candidate(name.strip(), "JSON-LD publisher", name, 2.0))
    elif "organization" in kinds or "corporation" in kinds:
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            found["company"].append(Candidate(name.strip(), "JSON-LD Organization", name, 1.5))


def _json_ld_items(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks, ``@graph`` lists flattened."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            document = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # malformed structured data is common; the rest of the page still counts
        pending = document if isinstance(document, list) else [document]
        while pending:
            item = pending.pop(0)
            if isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)
                yield item


def _clean(field: str, text: str) -> str | None:
    """The field's value in the form records use, or None when the markup holds no such value."""
    value = " ".join(text.split())
    if not value or len(value) > _MAX_VALUE:
        return None
    if field == "date":
        match = _ISO_DAY.match(value)
        return "-".join(match.groups()) if match else None
    if field == "url":
        return value if value.startswith(("http://", "https://")) else None
    return value
