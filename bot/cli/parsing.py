"""``parse`` (and ``fetch`` without ``--load``): records printed, the database untouched."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot import ingest
from bot.config import Settings
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry

_EXPLAIN_LIMIT = 6  # candidates shown per field
_EXPLAIN_EVIDENCE = 90  # characters of supporting text shown per candidate


def add_record_options(command: argparse.ArgumentParser) -> None:
    """How ``parse`` and ``fetch`` print the records they make."""
    command.add_argument("--json", action="store_true", help="print a JSON list of records")
    command.add_argument(
        "--explain", action="store_true", help="show each field's candidates and rules (stderr)"
    )


def cmd_parse(settings: Settings, args: argparse.Namespace) -> int:
    """Parse files or fetched pages and print their records, without touching the database."""
    registry = load_registry(settings.registry_path)
    answers = fetch_urls(settings, args.files)
    records: list[dict[str, Any]] = []
    failures = 0
    for name in args.files:
        explanation = ingest.Explanation() if args.explain else None
        try:
            if name in answers:
                parsed = _parse_answer(answers[name], registry, explanation)
            else:
                parsed = _parse_path(settings, registry, Path(name), explanation)
        except ingest.IngestError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            failures += 1
            continue
        records.extend(record.to_json() for record in parsed)
        if explanation is not None:
            _print_explanation(name, explanation)
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for record in records:
            _print_record(record)
    return 1 if failures else 0


def _parse_path(
    settings: Settings, registry: Registry, path: Path, explanation: ingest.Explanation | None
) -> list[ReleaseRecord]:
    data = ingest.read_source(path, max_bytes=settings.max_file_bytes)
    sidecar_path = ingest.sidecar_for(path)
    sidecar = (
        ingest.read_source(sidecar_path, max_bytes=settings.max_file_bytes)
        if sidecar_path.exists()
        else None
    )
    return ingest.parse_file(path, data, registry=registry, sidecar=sidecar, explain=explanation)


def fetch_urls(settings: Settings, names: Sequence[str]) -> dict[str, Any]:
    """Each http(s) address among ``names`` with its answer (or fetch error); HTTP code is
    imported only when there is an address."""
    urls = [name for name in names if name.startswith(("http://", "https://"))]
    if not urls:
        return {}
    from bot.sources.pages import fetch_pages

    answers = fetch_pages(urls, settings.data_dir, settings.max_file_bytes)
    return dict(zip(urls, answers, strict=True))


def _parse_answer(
    answer: Any, registry: Registry, explanation: ingest.Explanation | None
) -> list[ReleaseRecord]:
    from bot.sources.http import FetchError
    from bot.sources.pages import parse_response

    if isinstance(answer, FetchError):
        raise ingest.IngestError(f"cannot fetch: {answer}")
    return parse_response(answer, registry=registry, explain=explanation)


def _print_explanation(name: str, explanation: ingest.Explanation) -> None:
    """Per field, each candidate with the rule that found it; the first one won."""
    print(f"{name}: why these values", file=sys.stderr)
    for field, candidates in explanation.fields.items():
        print(f"  {field}:" + ("" if candidates else " no candidate"), file=sys.stderr)
        for rank, candidate in enumerate(candidates[:_EXPLAIN_LIMIT]):
            mark = "✓" if rank == 0 else " "
            evidence = " ".join(candidate.evidence.split())[:_EXPLAIN_EVIDENCE]
            print(
                f"    {mark} {candidate.value!s:<30.60} {candidate.rule}  «{evidence}»",
                file=sys.stderr,
            )


def _print_record(record: dict[str, Any]) -> None:
    title = record["title"] + ("  (derived)" if record["title_derived"] else "")
    company = record["company"] + ("  (inferred)" if record["company_inferred"] else "")
    print(f"{record['source']}\n  title:   {title}\n  company: {company}")
    print(f"  date:    {record['date'] or 'unknown'} ({record['date_precision'] or '-'})")
    print(f"  summary: {record['summary']}")
    for quote in record["quotes"]:
        role = f", {quote['role']}" if quote["role"] else ""
        print(f"  quote:   “{quote['text'][:120]}” — {quote['speaker'] or '?'}{role}")
    if record["figures"]:
        print(f"  figures: {'; '.join(record['figures'])}")
    print()
