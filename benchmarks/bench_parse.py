"""How fast one process turns pages into records, without any database.

    python -m benchmarks.bench_parse [--releases 5000] [--corpus ../shared/corpus/pages]

Pages are read into memory first, so only parsing is timed. The bare baseline, timed
in the same run on the same pages, is the work no parser can skip: decoding the bytes
and splitting the text into lines. The real-page corpus is measured too when present,
because its pages are longer and noisier than the synthetic ones.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import write_corpus
from bot import ingest
from bot.registry import Registry, load_registry

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pages"


def _pages(folder: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in sorted(folder.rglob("*.txt"))]


def _parse_all(pages: list[tuple[Path, bytes]], registry: Registry) -> None:
    for path, data in pages:
        with contextlib.suppress(ingest.IngestError):  # rejected pages cost time too
            ingest.parse_file(path, data, registry=registry)


def _bare(pages: list[tuple[Path, bytes]], registry: Registry) -> None:
    for _, data in pages:
        ingest.decode_text(data).split("\n")


def _best_of(runs: int, work: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(runs):
        # CPU time of this process: steadier than wall time on a shared machine.
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def measure(name: str, pages: list[tuple[Path, bytes]], registry: Registry, runs: int) -> None:
    parse = _best_of(runs, lambda: _parse_all(pages, registry))
    bare = _best_of(runs, lambda: _bare(pages, registry))
    count = len(pages)
    print(
        f"{name:<22} {count:>6} pages  parse {count / parse:>8,.0f}/s "
        f"({1000 * parse / count:.3f} ms/page)   bare {count / bare:>10,.0f}/s   "
        f"parse/bare {parse / bare:.1f}x"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_parse", description=__doc__)
    parser.add_argument("--releases", type=int, default=5_000)
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)

    folder = args.out / f"parse-{args.releases}-{args.companies}"
    if not (folder / "companies.toml").exists():
        write_corpus(folder, releases=args.releases, companies=args.companies)
    measure(
        "synthetic pages",
        _pages(folder / "releases"),
        load_registry(folder / "companies.toml"),
        args.runs,
    )
    if args.corpus.is_dir():
        measure("real-page corpus", _pages(args.corpus), Registry(), args.runs * 3)
    else:
        print(f"real-page corpus not found at {args.corpus}; skipped")


if __name__ == "__main__":
    main()
