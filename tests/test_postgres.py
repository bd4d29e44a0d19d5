"""Scale-out: PostgreSQL beside SQLite, several processes on one database, sharding.

The PostgreSQL tests need ``TEST_DATABASE_URL`` (wiped by every test); the restart test
also needs ``TEST_POSTGRES_PGCTL``, a command that takes ``stop`` or ``start`` for that
server (``.ci/run`` provides both).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from benchmarks.corpus import write_corpus
from bot.client import NewsBot, ShardedNewsBot, make_bot
from bot.config import ConfigError, Settings, settings_from_env
from bot.lookup import Lookup, NewsRequest, NotFound, QuoteRequest
from bot.offline import OfflineResult, OfflineRunner, command_payload
from bot.store import SearchQuery, Store, StoreBusyError, StoreUnavailable
from bot.store.models import Release
from tests.conftest import POSTGRES_URL, fresh_postgres_store, load

PGCTL = os.environ.get("TEST_POSTGRES_PGCTL", "").strip()

PAGE = """Orbis Therapeutics opens a cell therapy plant in Suzhou

release time:2024-02-01

Orbis Therapeutics today opened its first cell therapy manufacturing plant in Suzhou, with room for 40 production suites. It will make OBX-7 for trials run with a 3.5 million dollar grant; see www.orbis-tx.example or write to press@orbis-tx.example.

"Suzhou gives us the capacity to treat patients at scale," said Mei Chen, Chief Executive Officer of Orbis Therapeutics.
"""


@pytest.fixture
def pg() -> Iterator[Store]:
    store = fresh_postgres_store()
    yield store
    store.close()


def _other_store() -> Store:
    """Another process's view of the same database: its own engine and pool."""
    return Store(POSTGRES_URL)


@pytest.mark.postgres
def test_a_load_by_one_process_is_seen_by_another_within_a_second(
    pg: Store, settings: Settings
) -> None:
    load(pg, settings)
    other = _other_store()
    try:
        reader = Lookup(other)
        with pytest.raises(NotFound):
            reader.news(NewsRequest("Suzhou plant"))
        (settings.releases_dir / "orbis.txt").write_text(PAGE, encoding="utf-8")
        writer = threading.Thread(target=load, args=(pg, settings))
        writer.start()
        writer.join()
        started = time.monotonic()
        while not reader.refresh_if_stale():
            assert time.monotonic() - started < 1.0, "the other process never saw the load"
            time.sleep(0.02)
        page = reader.news(NewsRequest("Suzhou plant"))
        assert [r.company for r in page.results] == ["Orbis Therapeutics"]
        assert page.results[0].snippet
    finally:
        other.close()


@pytest.mark.postgres
def test_a_second_concurrent_load_is_refused_at_once(pg: Store, settings: Settings) -> None:
    other = _other_store()
    try:
        with pg.load_transaction(actor="first", source="x"):
            started = time.monotonic()
            with pytest.raises(StoreBusyError, match="another load is running"):
                load(other, settings, actor="second")
            assert time.monotonic() - started < 1.0
        assert [run.actor for run in pg.load_history()] == ["first"]
        assert load(other, settings).tally.added == 3
    finally:
        other.close()


@pytest.mark.postgres
def test_the_id_sequence_follows_the_ids_a_load_assigns(pg: Store, settings: Settings) -> None:
    load(pg, settings)
    with pg.engine.connect() as conn:
        highest = conn.execute(select(func.max(Release.id))).scalar_one()
        following = conn.execute(
            text("SELECT nextval(pg_get_serial_sequence('releases', 'id'))")
        ).scalar_one()
    assert following == highest + 1


@pytest.mark.postgres
@pytest.mark.parametrize(("threshold", "analyzed"), [(3, True), (4, False)])
def test_a_large_load_refreshes_the_planners_statistics(
    pg: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch, threshold: int, analyzed: bool
) -> None:
    """The bundled data adds 3 releases: a load that large (and only that) runs ANALYZE
    (the migrations ran one of their own before)."""
    monkeypatch.setattr("bot.store.postgres.ANALYZE_AFTER_ROWS", threshold)
    before = _last_analyze(pg)
    load(pg, settings)
    assert (_last_analyze(pg) != before) is analyzed


def _last_analyze(pg: Store) -> object:
    with pg.engine.connect() as conn:
        return conn.execute(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'releases'")
        ).scalar_one()


def test_control_characters_in_a_quote_keyword_are_no_error(lookup: Lookup) -> None:
    """PostgreSQL refuses NUL in text; the same request must answer on both back ends."""
    page = lookup.quotes(QuoteRequest(keyword="\x00gateway\x00"))
    assert page.total == 1 and page.results[0].speaker == "Yu Xia"


@pytest.mark.postgres
def test_statements_past_the_timeout_fail_politely(pg: Store) -> None:
    with pytest.raises(StoreUnavailable, match="in time"), pg.engine.connect() as conn:
        conn.execute(text("SELECT pg_sleep(3)"))
    assert pg.data_version() == 0


@pytest.mark.postgres
@pytest.mark.skipif(not PGCTL, reason="TEST_POSTGRES_PGCTL is not set")
def test_commands_fail_politely_while_the_server_is_down_then_recover(
    pg: Store, settings: Settings
) -> None:
    load(pg, settings)
    lookup = Lookup(pg)
    assert lookup.news(NewsRequest("R&D center")).total
    subprocess.run([PGCTL, "stop"], check=True, capture_output=True)
    try:
        with pytest.raises(StoreUnavailable):
            lookup.refresh_if_stale()
        with pytest.raises(StoreUnavailable):
            lookup.news(NewsRequest("R&D center"))
    finally:
        subprocess.run([PGCTL, "start"], check=True, capture_output=True)
    # Same store, same pool, no restart: the stale connections are replaced by themselves.
    lookup.refresh_if_stale()
    assert lookup.news(NewsRequest("R&D center")).total


# --- The same answers on both back ends ---------------------------------------------------

QUERIES = [
    SearchQuery(terms=("oncology",)),
    SearchQuery(terms=("antibody",)),
    SearchQuery(terms=("phase", "trial")),
    SearchQuery(terms=("the",), title_only=True),
    SearchQuery(terms=("approval",), title_only=True),
    SearchQuery(phrases=(("R", "D"),)),
    SearchQuery(phrases=(("clinical", "trial"),)),
    SearchQuery(terms=("patients",), excluded=("cancer", "tumour")),
    SearchQuery(excluded=("vaccine",)),
    SearchQuery(terms=("2021",)),
    SearchQuery(terms=("R&D", "center")),
    # Words PostgreSQL's parser would keep whole ("OBX-7", hosts) split as FTS5 splits them.
    SearchQuery(terms=("OBX-7",)),
    SearchQuery(terms=("obx", "3.5")),
    SearchQuery(terms=("orbis-tx.example",)),
    SearchQuery(terms=("orbis",), excluded=("press@orbis-tx",)),
    SearchQuery(phrases=(("write", "to", "press"),)),
    SearchQuery(terms=("million",), title_only=True, excluded=("revenue",)),
    # Hostile text: operators and quotes of either dialect are plain words.
    SearchQuery(terms=('"', "*", "NEAR(", "!", "&", "|", "<->", ":*", "'a'", "\\")),
    SearchQuery(terms=("a:B", "(x OR y)", "\x00", "\u200b"), excluded=("-", "!!")),
]


def _answers(store: Store) -> list[tuple[int, list[int]]]:
    answers = []
    for query in QUERIES:
        hits, total = store.search(query, limit=10_000)
        answers.append((total, sorted(hit.release.id for hit in hits)))
    return answers


@pytest.mark.postgres
def test_both_back_ends_find_the_same_releases(
    pg: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", releases=150, companies=12, seed=4)
    shutil.copytree(corpus / "releases", settings.releases_dir / "corpus")
    (settings.releases_dir / "orbis.txt").write_text(PAGE, encoding="utf-8")
    sqlite = Store(f"sqlite:///{tmp_path / 'same.sqlite3'}")
    sqlite.create_schema()
    try:
        for store in (sqlite, pg):
            load(store, settings)
        answers = _answers(sqlite)
        assert sum(1 for total, _ in answers if total) >= 14
        assert _answers(pg) == answers
    finally:
        sqlite.close()


# --- Bot side: a friendly answer while the database is away, and sharding -----------------


def test_an_unreachable_database_gets_a_friendly_ephemeral_answer(
    settings: Settings, lookup: Lookup, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*_: object, **__: object) -> None:
        raise StoreUnavailable("database unavailable: connection refused")

    monkeypatch.setattr(lookup, "news", unreachable)

    async def ask() -> OfflineResult:
        bot = NewsBot(settings, lookup.store, lookup)
        await bot.load_features()
        return await OfflineRunner(bot).run(command_payload("news", {"query": "2021"}))

    result = asyncio.run(ask())
    (response,) = result.responses
    assert response["flags"] & 64  # ephemeral
    assert response["embeds"][0]["title"] == "Database unavailable"


@pytest.mark.parametrize(
    ("raw", "expected"), [("", None), ("auto", "auto"), ("AUTO", "auto"), ("4", 4)]
)
def test_shard_count_setting(raw: str, expected: object) -> None:
    assert settings_from_env({"SHARD_COUNT": raw}).shard_count == expected


@pytest.mark.parametrize("raw", ["0", "-2", "many"])
def test_bad_shard_counts_are_refused(raw: str) -> None:
    with pytest.raises(ConfigError, match="SHARD_COUNT"):
        settings_from_env({"SHARD_COUNT": raw})


def test_make_bot_shards_only_when_asked(settings: Settings, store: Store) -> None:
    plain = make_bot(settings, store)
    assert type(plain) is NewsBot
    sharded = make_bot(Settings(data_dir=settings.data_dir, shard_count=3), store)
    assert isinstance(sharded, ShardedNewsBot) and sharded.shard_count == 3
    automatic = make_bot(Settings(data_dir=settings.data_dir, shard_count="auto"), store)
    assert isinstance(automatic, ShardedNewsBot) and automatic.shard_count is None
