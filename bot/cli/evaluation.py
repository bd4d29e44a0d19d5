"""``eval``: the parser scored against annotated pages, without the database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot import ingest
from bot.config import Settings
from bot.registry import load_registry


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Score the parser on annotated pages: per-field shares and, on request, each miss."""
    from bot.evaluation import evaluate, load_truth

    registry = load_registry(settings.registry_path)
    pages = Path(args.pages)
    try:
        truth = load_truth(Path(args.truth))
    except (OSError, ValueError) as exc:
        print(f"cannot read annotations: {exc}", file=sys.stderr)
        return 2
    if not pages.is_dir():
        print(f"{pages}: not a folder of pages", file=sys.stderr)
        return 2

    def parse(path: Path) -> list[Any]:
        data = ingest.read_source(path, max_bytes=settings.max_file_bytes)
        return ingest.parse_file(path, data, registry=registry)

    report = evaluate(pages, truth, parse)
    if args.json:
        payload = report.to_json()
        if not args.failures:
            del payload["misses"]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{report.pages} pages")
    for name, tally in report.tallies.items():
        label = "no crash" if name == "crashes" else name.replace("_", " ")
        print(f"  {label:<18} {tally.share:7.1%}  ({tally.hits}/{tally.total})")
    if args.failures:
        for miss in report.misses:
            print(f"{miss.file}\t{miss.field}\tgot {miss.got!r}\twanted {miss.wanted!r}")
    return 0
