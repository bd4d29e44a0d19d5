"""Evidence for a field: every candidate a rule found, so the winner can be explained.

Extractors return candidates best first; the parser takes the first, and
``newsbot parse --explain`` prints them all with the rule that found each and where.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """One value a rule proposes for a field, with the text it came from."""

    value: T
    rule: str  # a short name for the written form the rule handles, e.g. "wire dateline"
    evidence: str  # the span of page text that supports it
    weight: float = 0.0  # higher wins; only comparable within one field


def ranked(candidates: list[Candidate[T]]) -> list[Candidate[T]]:
    """Best first; among equal weights, the one found first on the page."""
    return sorted(candidates, key=lambda c: -c.weight)


@dataclass(frozen=True, slots=True)
class PageParts:
    """A page as the field extractors see it.

    ``lines`` holds every non-blank line of the page before cleaning, in page order,
    because tickers, stamps and legal names often sit in the chrome around the article;
    ``meta`` holds the values of labelled lines ("Published: …") that cleaning set aside;
    ``date_lines`` the lines that hold nothing but a date.
    """

    lines: tuple[str, ...]
    meta: tuple[str, ...]
    date_lines: tuple[str, ...]
    title: str
    lead: str
    body: str


@dataclass(slots=True)
class Explanation:
    """Per field, the candidates its rules proposed, best first; filled only on request
    (``newsbot parse --explain``), so ordinary parsing pays nothing for it."""

    fields: dict[str, list[Candidate[Any]]] = field(default_factory=dict)
    rejected: str | None = None  # why the page is not a release, when it is not

    def add(self, name: str, candidates: Sequence[Candidate[Any]]) -> None:
        self.fields[name] = list(candidates)
