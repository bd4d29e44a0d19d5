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
import itertools
import json
import random
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import process

from benchmarks.bench_load import (
    DEFAULT_OUT,
    corpus_tag,
    ensure_corpus,
    peak_rss_mb,
    print_profile,
    print_table,
    remove_database,
    run_worker,
    verdict,
)
from bot.client import NewsBot
from bot.config import Settings
from bot.lookup import LookupFailure, NewsRequest, parse_news_query
from bot.offline import OfflineRunner, command_payload
from bot.store import Store, fts_match_expression
from bot.store.search import BM25_WEIGHTS

TARGET_AUTOCOMPLETE_MS = 20.0
TARGET_COMPANY_MS = 30.0
TARGET_NEWS_MS = 50.0
TARGET_BARE_RATIO = 3.0
TARGET_STARTUP_S = 2.0
TARGET_RSS_MB = 400.0
WARMUP = 10

_WORD = re.compile(r"[A-Za-z]{4,}")
_STOPWORDS = frozenset(
    {
        "that",
        "this",
        "with",
        "from",
        "will",
        "have",
        "said",
        "their",
        "which",
        "been",
        "were",
        "also",
        "into",
        "about",
        "more",
        "than",
        "such",
        "other",
        "these",
        "those",
        "after",
        "over",
        "under",
        "while",
        "where",
        "when",
        "what",
        "your",
        "they",
        "them",
        "there",
        "would",
        "could",
        "should",
        "being",
        "most",
        "each",
        "only",
        "some",
        "very",
        "both",
        "through",
    }
)

# The bare baselines: the statements a hand-written bot would run, on plain sqlite3.
_BARE_FTS = (
    "SELECT rowid, bm25(releases_fts, {weights}) AS rank FROM releases_fts "
    "WHERE releases_fts MATCH ? ORDER BY rank LIMIT 5"
).format(weights=", ".join(str(w) for w in BM25_WEIGHTS))
_BARE_DATE_COUNT = "SELECT count(*) FROM releases WHERE date_start >= ? AND date_end <= ?"
_BARE_DATE_PAGE = (
    "SELECT id, title, date_text, summary FROM releases WHERE date_start >= ? AND date_end <= ? "
    "ORDER BY date_start DESC, id DESC LIMIT 5"
)
_BARE_COMPANY = (
    "SELECT count(*), min(date_start), max(date_end) FROM releases WHERE company_id = ?",
    "SELECT id, title, date_text, summary FROM releases WHERE company_id = ? "
    "ORDER BY date_start DESC NULLS LAST, id DESC LIMIT 5",
    "SELECT q.speaker, q.role, q.text, r.id, r.title, r.date_text FROM quotes q "
    "JOIN releases r ON r.id = q.release_id WHERE r.company_id = ? "
    "ORDER BY r.date_start DESC NULLS LAST, q.release_id, q.position LIMIT 20",
)


# --- Inputs ----------------------------------------------------------------------------


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped or replaced."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + rng.choice("aeiourstln") + text[i + 1 :]


@dataclass(frozen=True, slots=True)
class Inputs:
    """What users type, drawn from the loaded data so that most queries find something."""

    company_prefixes: list[str]
    company_names: list[str]
    keywords: list[str]
    dates: list[str]
    titles: list[str]
    names: list[str]  # every canonical company name, for the bare fuzzy baseline
    company_ids: dict[str, int]
    title_texts: list[str]


def draw_inputs(store: Store, count: int, seed: int) -> Inputs:
    rng = random.Random(seed)
    companies = store.company_rows()
    names = [c.name for c in companies]
    aliases = [alias for c in companies for alias in c.aliases] or names
    tickers = [c.ticker for c in companies if c.ticker] or names
    titles = store.release_titles()
    bodies = [
        r.body for r in store.releases(rng.sample([t[0] for t in titles], min(200, len(titles))))
    ]
    sentences = [s.split() for body in bodies for s in body.split(". ") if len(s.split()) > 3]
    vocabulary = sorted({w.casefold() for body in bodies for w in _WORD.findall(body)} - _STOPWORDS)
    years = sorted({t[3][:4] for t in titles if t[3]}) or ["2021"]

    def words_of(sentence: list[str]) -> list[str]:
        found = [w.casefold() for w in _WORD.findall(" ".join(sentence))]
        return [w for w in found if w not in _STOPWORDS] or vocabulary[:2]

    def prefix() -> str:
        roll = rng.random()
        name = rng.choice(names)
        if roll < 0.05:
            return ""
        if roll < 0.35:
            return name[: rng.randint(1, 8)].casefold()
        if roll < 0.6:
            return typo(name, rng)
        if roll < 0.7:
            return rng.choice(aliases)
        if roll < 0.8:
            return rng.choice(tickers)
        if roll < 0.9:
            return name.split()[-1][:6]
        return name

    def company() -> str:
        roll = rng.random()
        name = rng.choice(names)
        if roll < 0.3:
            return name
        if roll < 0.45:
            return rng.choice(aliases)
        if roll < 0.55:
            return rng.choice(tickers)
        if roll < 0.85:
            return typo(name.casefold(), rng)
        return name[: rng.randint(4, max(4, len(name) - 1))]

    def keyword() -> str:
        roll = rng.random()
        words = words_of(rng.choice(sentences))
        if roll < 0.35:
            return rng.choice(vocabulary)
        if roll < 0.7:
            return " ".join(rng.sample(words, min(2, len(words))))
        if roll < 0.85:
            sentence = rng.choice(sentences)
            start = rng.randrange(len(sentence) - 1)
            return '"' + " ".join(sentence[start : start + 2]) + '"'
        return f"{rng.choice(words)} -{rng.choice(vocabulary)}"

    def period() -> str:
        roll = rng.random()
        year = rng.choice(years)
        if roll < 0.4:
            return year
        if roll < 0.8:
            return f"{year}-{rng.randint(1, 12):02d}"
        first = rng.randint(1, 10)
        return f"{year}-{first:02d}..{year}-{first + 2:02d}"

    def title() -> str:
        roll = rng.random()
        words = rng.choice(titles)[1].split()
        if roll < 0.4:
            head = " ".join(words[: rng.randint(1, 3)])
            return head[: rng.randint(max(1, len(head) - 3), len(head))]
        if roll < 0.6:
            return rng.choice(words)
        if roll < 0.8:
            return " ".join(rng.sample(words, min(2, len(words))))
        return typo(max(words, key=len), rng)

    return Inputs(
        company_prefixes=[prefix() for _ in range(count)],
        company_names=[company() for _ in range(count)],
        keywords=["oncology trial"] + [keyword() for _ in range(count - 1)],
        dates=[period() for _ in range(count)],
        titles=[title() for _ in range(count)],
        names=names,
        company_ids={c.name: c.id for c in companies},
        title_texts=[t[1] for t in titles],
    )


# --- Timing ----------------------------------------------------------------------------


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


@dataclass(slots=True)
class Timing:
    samples_ms: list[float] = field(default_factory=list)
    not_found: int = 0

    @property
    def p50(self) -> float:
        return percentile(self.samples_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.samples_ms, 99)


def warmup_count(inputs: Sequence[Any]) -> int:
    """A few untimed calls first (caches, lazy imports), never most of a short run."""
    return max(1, min(WARMUP, len(inputs) // 10))


def time_calls(function: Callable[[Any], object], inputs: Sequence[Any]) -> Timing:
    """Each input once, after a short warm-up; "not found" answers count as answers."""
    timing = Timing()
    warmup = list(inputs[: warmup_count(inputs)])
    for position, item in enumerate([*warmup, *inputs]):
        started = time.perf_counter()
        try:
            function(item)
        except LookupFailure:
            timing.not_found += position >= len(warmup)
        timing.samples_ms.append((time.perf_counter() - started) * 1000)
    del timing.samples_ms[: len(warmup)]
    return timing


async def _time_commands(
    runner: OfflineRunner, command: str, option: str, inputs: Sequence[str]
) -> Timing:
    # A fresh user per call, so the per-user cooldown never answers in the handler's place.
    users = itertools.count(900_000_000_000_000_001)
    timing = Timing()
    warmup = list(inputs[: warmup_count(inputs)])
    for text in [*warmup, *inputs]:
        payload = command_payload(command, {option: text}, user_id=next(users))
        started = time.perf_counter()
        await runner.run(payload)
        timing.samples_ms.append((time.perf_counter() - started) * 1000)
    del timing.samples_ms[: len(warmup)]
    return timing


async def time_slash_commands(
    bot: NewsBot, company_inputs: Sequence[str], keyword_inputs: Sequence[str]
) -> tuple[Timing, Timing]:
    """/company and /news through the tree, the error handler and the (fake) HTTP layer."""
    await bot.load_features()
    runner = OfflineRunner(bot)
    company = await _time_commands(runner, "company", "name", company_inputs)
    news = await _time_commands(runner, "news", "query", keyword_inputs)
    return company, news


# --- Bare baselines --------------------------------------------------------------------


class Bare:
    """The same questions answered with nothing but sqlite3 and rapidfuzz."""

    def __init__(self, db: Path, inputs: Inputs) -> None:
        self.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
        self.inputs = inputs
        self._ids = [inputs.company_ids[name] for name in inputs.names]
        self._folded_titles = [title.casefold() for title in inputs.title_texts]

    def close(self) -> None:
        self.conn.close()

    def company_choices(self, text: str) -> object:
        return process.extract(text, self.inputs.names, limit=25)

    def release_choices(self, text: str) -> object:
        # Fuzzy-scoring 100k titles takes most of a second: a substring scan is the fair floor.
        needle = text.casefold()
        return [title for title in self._folded_titles if needle in title][:25]

    def company_profile(self, text: str) -> object:
        best = process.extractOne(text, self.inputs.names)
        company_id = self._ids[best[2]]
        return [self.conn.execute(sql, (company_id,)).fetchall() for sql in _BARE_COMPANY]

    def keyword(self, expression: str) -> object:
        return self.conn.execute(_BARE_FTS, (expression,)).fetchall()

    def period(self, span: tuple[str, str]) -> object:
        count = self.conn.execute(_BARE_DATE_COUNT, span).fetchone()
        return count, self.conn.execute(_BARE_DATE_PAGE, span).fetchall()


def bare_match(text: str) -> str:
    """The FTS5 expression the store would build for a /news query."""
    positive, negative = fts_match_expression(parse_news_query(text).search)
    assert positive is not None, text
    return f"{positive} NOT {negative}" if negative else positive


def bare_span(text: str) -> tuple[str, str]:
    search = parse_news_query(text).search
    assert search.since is not None and search.until is not None, text
    return search.since.isoformat(), search.until.isoformat()


# --- Start-up (its own process) --------------------------------------------------------


def current_rss_mb() -> float:
    """Resident set size now (not the peak), from /proc; the peak where /proc is missing."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return peak_rss_mb()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else peak_rss_mb()


def measure_startup(db: Path, data_dir: Path, launched: float) -> dict[str, Any]:
    """Store + Lookup (index build) + NewsBot + features, as ``newsbot run`` does before login."""
    started = time.perf_counter()
    settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{db}")
    store = Store(settings.database_url)
    store.create_schema()
    bot = NewsBot(settings, store)
    asyncio.run(bot.load_features())
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "since_launch": time.time() - launched,
        "rss_mb": current_rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "failed_features": sorted(bot.failed_features),
    }


def worker(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_query worker")
    parser.add_argument("task", choices=("startup",))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--launched", type=float, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(measure_startup(args.db, args.data_dir, args.launched)))
    return 0


# --- The benchmark ---------------------------------------------------------------------


def ensure_database(out: Path, corpus: Path, tag: str) -> tuple[Path, dict[str, Any] | None]:
    """The loaded database for this corpus, and the load's figures (None: reused)."""
    db = out / f"query-{tag}.sqlite3"
    marker = out / f"query-{tag}.json"
    if marker.exists() and db.exists():
        return db, None
    marker.unlink(missing_ok=True)
    remove_database(db)
    loaded = run_worker(
        "benchmarks.bench_load", ["load", "--data-dir", str(corpus), "--db", str(db)]
    )
    marker.write_text(json.dumps(loaded), encoding="utf-8")
    return db, loaded


@dataclass(frozen=True, slots=True)
class Case:
    """One handler, its inputs, its target and the bare baseline it is held against."""

    label: str
    target_ms: float | None
    handler: Callable[[Any], object]
    inputs: Sequence[Any]
    bare: Callable[[Any], object] | None = None
    bare_inputs: Sequence[Any] = ()


def _ms(value: float) -> str:
    return f"{value:.2f}"


def _row(label: str, target_ms: float | None, timing: Timing, bare: Timing | None) -> list[str]:
    misses = []
    if target_ms is not None and timing.p99 > target_ms:
        misses.append("p99")
    ratio = ""
    if bare is not None:
        ratio = f"{timing.p50 / bare.p50:.1f}x / {timing.p99 / bare.p99:.1f}x"
        if timing.p99 > TARGET_BARE_RATIO * bare.p99:
            misses.append("vs bare")
    target = f"p99 <= {target_ms:.0f}" if target_ms is not None else "-"
    if bare is not None:
        target += f", <= {TARGET_BARE_RATIO:.0f}x bare"
    result = "ok" if not misses else "MISS (" + ", ".join(misses) + ")"
    return [
        label,
        f"{len(timing.samples_ms)}",
        _ms(timing.p50),
        _ms(timing.p99),
        _ms(bare.p50) if bare else "",
        _ms(bare.p99) if bare else "",
        ratio,
        target,
        result,
    ]


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
    db, loaded = ensure_database(args.out, corpus, tag)
    print(
        f"database: reused {db}"
        if loaded is None
        else f"database: loaded in {loaded['seconds']:.1f} s (not counted) at {db}"
    )
    sys.stdout.flush()

    startup = run_worker(
        "benchmarks.bench_query",
        ["startup", "--db", str(db), "--data-dir", str(corpus), "--launched", str(time.time())],
    )

    settings = Settings(data_dir=corpus, database_url=f"sqlite:///{db}")
    store = Store(settings.database_url)
    bot = NewsBot(settings, store)
    lookup = bot.lookup
    inputs = draw_inputs(store, args.queries, args.seed)
    bare = Bare(db, inputs)
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
            TARGET_NEWS_MS,
            lambda text: lookup.news(NewsRequest(text)),
            inputs.keywords,
            bare.keyword,
            [bare_match(text) for text in inputs.keywords],
        ),
        Case(
            "/news by date",
            TARGET_NEWS_MS,
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
        rows.append(_row(case.label, case.target_ms, timing, bare_timing))
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
        row = _row(label, None, timing, None)
        row[6] = f"{added:+.2f} ms p50"
        rows.append(row)
    bare.close()

    print(
        f"\n{len(inputs.keywords)} queries per handler after "
        f"{warmup_count(inputs.keywords)} warm-up calls; times in ms; "
        "x bare = p50 ratio / p99 ratio\n"
    )
    print_table(
        ("measure", "n", "p50", "p99", "bare p50", "bare p99", "x bare", "target", "result"),
        rows,
    )
    startup_ok = startup["seconds"] <= TARGET_STARTUP_S
    rss_ok = startup["rss_mb"] <= TARGET_RSS_MB
    print()
    print_table(
        ("start-up (fresh process)", "figure", "target", "result"),
        [
            (
                "Store + Lookup + NewsBot + features",
                f"{startup['seconds']:.2f} s ({startup['since_launch']:.2f} s from exec)",
                f"<= {TARGET_STARTUP_S:.0f} s",
                verdict(startup_ok),
            ),
            (
                "RSS when ready",
                f"{startup['rss_mb']:.0f} MB (peak {startup['peak_rss_mb']:.0f} MB)",
                f"<= {TARGET_RSS_MB:.0f} MB",
                verdict(rss_ok),
            ),
        ],
    )
    if startup["failed_features"]:
        print(f"features that failed to load: {', '.join(startup['failed_features'])}")
    failed = len(missed) + (not startup_ok) + (not rss_ok)
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
