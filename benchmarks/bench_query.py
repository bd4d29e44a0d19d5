"""How fast newsbot answers, per handler, on a large corpus, next to bare baselines.

    python -m benchmarks.bench_query [--releases 100000] [--companies 10000]

Loads the synthetic corpus once (the database is cached under the output folder and
reused while the parameters match), then times a few hundred varied queries per
handler in process — ``Lookup`` as the commands call it — and the same inputs through
the bare tools underneath: ``sqlite3`` FTS5 and ``rapidfuzz``. /company and /news also
run through the real slash-command handlers (``OfflineRunner``) to show what the
Discord layer adds. Start-up to ready-to-answer and its RSS are measured in a fresh
process. A missed target is profiled with cProfile.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    DEFAULT_OUT,
    corpus_tag,
    ensure_corpus,
    print_profile,
    run_worker,
)
from benchmarks.query.bare import Bare, bare_match, bare_span
from benchmarks.query.databases import ensure_database, ensure_postgres
from benchmarks.query.inputs import draw_inputs
from benchmarks.query.report import measure_row, print_measures, print_slowest, print_startup
from benchmarks.query.startup import worker
from benchmarks.query.timing import Timing, time_calls, time_slash_commands, warmup_count
from bot.client import NewsBot
from bot.config import Settings
from bot.lookup import NewsRequest
from bot.store import Store

TARGET_AUTOCOMPLETE_MS = 10.0
TARGET_COMPANY_MS = 20.0
TARGET_NEWS_MS = 50.0
TARGET_DATE_MS = 30.0
TARGET_PG_NEWS_MS = 80.0


@dataclass(frozen=True, slots=True)
class Case:
    """One handler, its inputs, its target and the bare baseline it is held against."""

    label: str
    target_ms: float | None
    handler: Callable[[Any], object]
    inputs: Sequence[Any]
    bare: Callable[[Any], object] | None = None
    bare_inputs: Sequence[Any] = ()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_query", description=__doc__)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=300, help="queries per handler")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases")
    parser.add_argument("--no-profile", action="store_true", help="do not profile misses")
    parser.add_argument(
        "--slowest", type=int, default=0, metavar="N", help="list each measure's N slowest inputs"
    )
    parser.add_argument(
        "--database-url",
        help="answer from this scratch PostgreSQL database (loaded here; bare baselines "
        "stay on SQLite)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    tag = corpus_tag(args.releases, args.companies, args.seed)

    print(f"newsbot query benchmark: {args.releases:,} releases, {args.companies:,} companies")
    corpus, generated = ensure_corpus(args.out, args.releases, args.companies, args.seed)
    print(
        f"corpus: reused {corpus}"
        if generated is None
        else f"corpus: generated in {generated:.1f} s (not counted) at {corpus}"
    )
    sys.stdout.flush()
    sqlite_url, loaded = ensure_database(args.out, corpus, tag)
    url = sqlite_url
    if args.database_url:
        pg_loaded = ensure_postgres(args.out, corpus, tag, args.database_url)
        url = args.database_url
        loaded = loaded or pg_loaded
    print(
        f"database: reused {url}"
        if loaded is None
        else f"database: loaded in {loaded['seconds']:.1f} s (not counted) at {url}"
    )
    sys.stdout.flush()

    startup = run_worker(
        "benchmarks.bench_query",
        ["startup", "--url", url, "--data-dir", str(corpus), "--launched", str(time.time())],
    )

    settings = Settings(data_dir=corpus, database_url=url)
    store = Store(settings.database_url)
    bot = NewsBot(settings, store)
    lookup = bot.lookup
    lookup.warm()  # as the bot does once it is up, and after each load
    inputs = draw_inputs(store, args.queries, args.seed)
    bare = Bare(Path(sqlite_url.removeprefix("sqlite:///")), inputs)
    news_target = TARGET_PG_NEWS_MS if args.database_url else TARGET_NEWS_MS
    cases = [
        Case(
            "company autocomplete",
            TARGET_AUTOCOMPLETE_MS,
            lookup.company_choices,
            inputs.company_prefixes,
            bare.company_choices,
            inputs.company_prefixes,
        ),
        Case(
            "release autocomplete",
            TARGET_AUTOCOMPLETE_MS,
            lookup.release_choices,
            inputs.titles,
            bare.release_choices,
            inputs.titles,
        ),
        Case(
            "/company profile",
            TARGET_COMPANY_MS,
            lookup.company_profile,
            inputs.company_names,
            bare.company_profile,
            inputs.company_names,
        ),
        Case(
            "/news keyword",
            news_target,
            lambda text: lookup.news(NewsRequest(text)),
            inputs.keywords,
            bare.keyword,
            [bare_match(text) for text in inputs.keywords],
        ),
        Case(
            "/news keyword + company",
            news_target,
            lambda pair: lookup.news(NewsRequest(pair[0], company=pair[1])),
            inputs.company_keywords,
            bare.keyword_in_company,
            [
                (bare_match(text), inputs.company_ids[name])
                for text, name in inputs.company_keywords
            ],
        ),
        Case(
            "/news keyword + period",
            news_target,
            lambda text: lookup.news(NewsRequest(text)),
            inputs.dated_keywords,
            bare.keyword_in_period,
            [(bare_match(text), *bare_span(text)) for text in inputs.dated_keywords],
        ),
        Case(
            "/news by date",
            TARGET_DATE_MS,
            lambda text: lookup.news(NewsRequest(text)),
            inputs.dates,
            bare.period,
            [bare_span(text) for text in inputs.dates],
        ),
    ]
    rows: list[list[str]] = []
    handler_timings: dict[str, Timing] = {}
    missed: list[Case] = []
    for case in cases:
        timing = time_calls(case.handler, case.inputs)
        bare_timing = time_calls(case.bare, case.bare_inputs) if case.bare else None
        handler_timings[case.label] = timing
        rows.append(measure_row(case.label, case.target_ms, timing, bare_timing))
        if rows[-1][-1] != "ok":
            missed.append(case)
        print(f"  measured {case.label} ({timing.not_found} not found)")
        sys.stdout.flush()
    company_slash, news_slash = asyncio.run(
        time_slash_commands(bot, inputs.company_names, inputs.keywords)
    )
    for label, timing, handler in (
        ("/company via Discord layer", company_slash, "/company profile"),
        ("/news keyword via Discord layer", news_slash, "/news keyword"),
    ):
        added = timing.p50 - handler_timings[handler].p50
        row = measure_row(label, None, timing, None)
        row[6] = f"{added:+.2f} ms p50"
        rows.append(row)
    bare.close()

    print_measures(rows, len(inputs.keywords), warmup_count(inputs.keywords))
    if args.slowest:
        for case in cases:
            print_slowest(case.label, handler_timings[case.label], case.inputs, args.slowest)
    startup_missed = print_startup(startup)
    failed = len(missed) + startup_missed
    print(f"\n{failed} measure(s) missed a target")
    if missed and not args.no_profile:
        for case in missed:
            profile = cProfile.Profile()
            profile.enable()
            time_calls(case.handler, case.inputs)
            profile.disable()
            print_profile(profile, f"{case.label}, {len(case.inputs)} queries")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
