"""``python -m benchmarks.corpus``: write a corpus and say how big it is and how long it took."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.corpus.writer import write_corpus


def main(argv: list[str] | None = None) -> int:
    """CLI entry: write a corpus and report its size and how long it took."""
    from benchmarks import corpus  # the package's docstring says what a corpus holds

    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=corpus.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--duplicate-share", type=float, default=0.01)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        write_corpus(
            args.out_dir,
            releases=args.releases,
            companies=args.companies,
            seed=args.seed,
            duplicate_share=args.duplicate_share,
        )
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    sizes = [entry.stat().st_size for entry in (args.out_dir / "releases").rglob("*.txt")]
    print(
        f"wrote {len(sizes):,} pages ({sum(sizes) / 1e6:.1f} MB) for {args.companies:,} "
        f"companies to {args.out_dir} in {elapsed:.1f} s"
    )
    return 0
