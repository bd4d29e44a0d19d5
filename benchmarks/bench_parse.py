"""How fast one process turns pages into records, without any database.

    python -m benchmarks.bench_parse [--releases 5000] [--corpus ../shared/corpus/pages]

Pages are read into memory first, so only parsing is timed. The bare baseline, timed
in the same run on the same pages, is the work no parser can skip: decoding the bytes
and splitting the text into lines. The real-page corpus is measured too when present
(``--corpus``, else ``$NEWSBOT_CORPUS/pages``), because its pages are longer and
noisier than the synthetic ones. Each figure is the best of ``--runs``, in CPU seconds
of this process (steady on a shared machine) beside wall seconds; the process's peak
RSS closes the report.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.harness import peak_rss_mb
from bot import ingest
from bot.registry import Registry, load_registry

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
DEFAULT_CORPUS = (
    Path(
        os.environ.get("NEWSBOT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
    )
    / "pages"
)


def _pages(folder: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in sorted(folder.rglob("*.txt"))]


def _parse_all(pages: list[tuple[Path, bytes]], registry: Registry) -> None:
    for path, data in pages:
        with contextlib.suppress(ingest.IngestError):  # rejected pages cost time too
            ingest.parse_file(path, data, registry=registry)


def _bare(pages: list[tuple[Path, bytes]], registry: Registry) -> None:
    for _, data in pages:
        ingest.decode_text(data).split("\n")


def _best_of(runs: int, work: Callable[[], None]) -> tuple[float, float]:
    """The fastest run's (CPU, wall) seconds; each is the minimum over the runs."""
    cpu = wall = float("inf")
    for _ in range(runs):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        work()
        cpu = min(cpu, time.process_time() - cpu_start)
        wall = min(wall, time.perf_counter() - wall_start)
    return cpu, wall


def measure(name: str, pages: list[tuple[Path, bytes]], registry: Registry, runs: int) -> None:
    parse_cpu, parse_wall = _best_of(runs, lambda: _parse_all(pages, registry))
    bare_cpu, bare_wall = _best_of(runs, lambda: _bare(pages, registry))
    count = len(pages)
    print(
        f"{name:<18} {count:>6} pages  parse {1000 * parse_cpu / count:.3f} ms/page CPU "
        f"({1000 * parse_wall / count:.3f} wall, {count / parse_cpu:,.0f}/s)   "
        f"bare {1000 * bare_cpu / count:.4f} ms/page CPU ({1000 * bare_wall / count:.4f} wall)   "
        f"parse/bare {parse_cpu / bare_cpu:.1f}x CPU, {parse_wall / bare_wall:.1f}x wall"
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
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
