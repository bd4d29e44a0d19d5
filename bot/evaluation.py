"""Scoring parsed records against a careful reader's annotations of real pages.

The rules are those of the annotated corpus (its README): names compare as word sets,
dates at the annotated precision, titles by word overlap, speakers by recall and
precision, and a page that is not a release must give no record. ``newsbot eval``
prints these figures so that a rule change is judged on real pages, not on hopes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.ingest.errors import IngestError
from bot.records import ReleaseRecord

TITLE_OVERLAP = 0.6
_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}
_NOT_NAME_CHARACTERS = re.compile("[^0-9a-z\u00c0-\u024f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")

FIELDS = (
    "company",
    "date",
    "title",
    "speaker_recall",
    "speaker_precision",
    "non_releases",
    "crashes",
)


def name_words(text: str) -> frozenset[str]:
    """A name as the set of its words: lower case, every other character a separator."""
    return frozenset(_NOT_NAME_CHARACTERS.sub(" ", text.lower()).split())


def names_match(got: str, want: str) -> bool:
    """Two names match when one word set contains the other (and neither is empty)."""
    a, b = name_words(got), name_words(want)
    return bool(a and b) and (a <= b or b <= a)


def title_matches(got: str, want: str) -> bool:
    a, b = name_words(got), name_words(want)
    return bool(a | b) and len(a & b) / len(a | b) >= TITLE_OVERLAP


def date_matches(got: str | None, truth: Mapping[str, Any]) -> bool:
    """Exact at the annotated precision, or any defensible alternative.

    A page annotated with no date must get none, unless the reader listed an
    alternative date and the parser found exactly that one.
    """
    length = _PRECISION_LENGTH.get(truth.get("date_precision") or "day", 10)
    wanted = [d[:length] for d in [truth.get("date"), *truth.get("date_alternatives", [])] if d]
    if got is None:
        return truth.get("date") is None
    return any(got.startswith(w) and len(got) >= len(w) for w in wanted)


@dataclass(frozen=True, slots=True)
class Miss:
    file: str
    field: str
    got: object
    wanted: object


@dataclass(slots=True)
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool, count: int = 1) -> None:
        self.hits += hit * count
        self.total += count

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass(slots=True)
class Report:
    pages: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    misses: list[Miss] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Each field's share; for crashes, the share of pages that did not crash."""
        return {name: tally.share for name, tally in self.tallies.items()}

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "fields": {
                name: {"share": round(t.share, 4), "hits": t.hits, "total": t.total}
                for name, t in self.tallies.items()
            },
            "misses": [
                {"file": m.file, "field": m.field, "got": m.got, "wanted": m.wanted}
                for m in self.misses
            ],
        }


Parser = Callable[[Path], list[ReleaseRecord]]


def evaluate(pages: Path, truth: Iterable[Mapping[str, Any]], parse: Parser) -> Report:
    """Parse every annotated page with ``parse`` and score it."""
    report = Report()
    for entry in truth:
        report.pages += 1
        name = entry["file"]
        try:
            records = parse(pages / name)
        except IngestError as exc:
            records, reason = [], str(exc)
        except Exception as exc:  # a crash is a finding to report, not a reason to stop
            report.tallies["crashes"].add(False)
            report.misses.append(Miss(name, "crash", f"{type(exc).__name__}: {exc}", None))
            _score_release(report, name, entry, None)
            continue
        else:
            reason = ""
        report.tallies["crashes"].add(True)
        if not entry.get("is_release", True):
            report.tallies["non_releases"].add(not records)
            if records:
                report.misses.append(Miss(name, "non_release", records[0].title, "not a release"))
            continue
        if not records:
            report.misses.append(Miss(name, "rejected", reason, "a release"))
        _score_release(report, name, entry, records[0] if records else None)
    return report


def _score_release(
    report: Report, name: str, truth: Mapping[str, Any], record: ReleaseRecord | None
) -> None:
    if not truth.get("is_release", True):
        return
    tallies = report.tallies
    company_names = [truth.get("company") or "", *truth.get("aliases", [])]
    got_company = record.company if record else None
    company_hit = got_company is not None and any(
        names_match(got_company, want) for want in company_names if want
    )
    _record(report, name, "company", company_hit, got_company, truth.get("company"))

    got_date = record.date if record else None
    date_hit = record is not None and date_matches(got_date, truth)
    _record(report, name, "date", date_hit, got_date, truth.get("date"))

    if truth.get("title"):
        got_title = record.title if record else None
        title_hit = got_title is not None and title_matches(got_title, truth["title"])
        _record(report, name, "title", title_hit, got_title, truth["title"])

    wanted = _distinct(q["speaker"] for q in truth.get("quotes") or [] if q.get("speaker"))
    got = _distinct(q.speaker for q in (record.quotes if record else []) if q.speaker)
    for speaker in wanted:
        hit = any(names_match(g, speaker) for g in got)
        tallies["speaker_recall"].add(hit)
        if not hit:
            report.misses.append(Miss(name, "speaker_recall", got, speaker))
    for speaker in got:
        hit = any(names_match(speaker, w) for w in wanted)
        tallies["speaker_precision"].add(hit)
        if not hit:
            report.misses.append(Miss(name, "speaker_precision", speaker, wanted))


def _record(
    report: Report, name: str, field_name: str, hit: bool, got: object, want: object
) -> None:
    report.tallies[field_name].add(hit)
    if not hit:
        report.misses.append(Miss(name, field_name, got, want))


def _distinct(names: Iterable[str]) -> list[str]:
    """One entry per person: spellings whose word sets are equal count once."""
    seen: dict[frozenset[str], str] = {}
    for name in names:
        seen.setdefault(name_words(name), name)
    return [n for key, n in seen.items() if key]


def load_truth(path: Path) -> list[dict[str, Any]]:
    """The annotations: a JSON list of one object per page."""
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, list):
        raise ValueError(f"{path}: expected a JSON list of page annotations")
    return document
