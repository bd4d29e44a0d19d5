"""Reloading safely: a crashed or killed load changes nothing, readers never see half a
load, a load by another process is noticed, and the summary always fits Discord."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from bot import ingest, render
from bot.config import Settings
from bot.lookup import Lookup, NewsRequest, NotFound
from bot.reloading import Reloader, ReloadRefused
from bot.store import SEARCH_CANDIDATES, LoadTally, Store
from bot.store.models import Base
from tests.conftest import BUNDLED_DATA, load
from tests.limits import assert_message_within_limits

REPO = Path(__file__).resolve().parent.parent
WORKER = REPO / "tests" / "load_worker.py"
BULK_PAGES = 2_000
# Every generated page names this partner, and nothing else does: its hit count tells
# exactly how many generated pages a reader can see.
PARTNER = "Vantorix"
_SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "tor", "zi", "pul", "bex", "no", "sa", "qui")


def write_pages(folder: Path, count: int, *, seed: int = 0) -> list[str]:
    """Short release pages by a few dozen made-up companies; returns each page's company.

    Every line is built from random syllables, so no line recurs often enough to be
    learnt as boilerplate and no page resembles another enough to be merged with it.
    """
    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join("".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4))) for _ in range(n))

    names = [f"{words(1).title()} Therapeutics" for _ in range(40)]
    folder.mkdir(parents=True, exist_ok=True)
    companies = []
    for number in range(count):
        company = names[number % len(names)]
        page = (
            f"{company} reports {words(3)} results\n\n"
            f"{company} today said its {words(3)} programme with {PARTNER} reached "
            f"{words(2)} in {2000 + number % 24}, enrolling {rng.randint(10, 900)} patients.\n\n"
            f'"This is {words(4)} for patients," said {words(2).title()}, Chief Executive '
            f"Officer of {company}.\n"
        )
        (folder / f"{number:05d}.txt").write_text(page, encoding="utf-8")
        companies.append(company)
    return companies


def snapshot(store: Store) -> dict[str, list[Any]]:
    """Every row of every data table (the load history aside), for "nothing changed" checks."""
    with store.engine.connect() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.c))]
            for table in Base.metadata.sorted_tables
            if table.name != "loads"
        }


def assert_intact(store: Store) -> None:
    """SQLite's own consistency check, and the full-text index against its release rows."""
    with store.engine.begin() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        conn.execute(text("INSERT INTO releases_fts(releases_fts) VALUES ('integrity-check')"))


def partner_hits(store: Store) -> int:
    """Every release the full-text index finds the partner in (a search stops counting at 1,001)."""
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM releases_fts WHERE releases_fts MATCH :word"),
                {"word": PARTNER},
            ).scalar_one()
        )


def news_total(lookup: Lookup, query: str) -> int:
    try:
        return lookup.news(NewsRequest(query=query)).total
    except NotFound:
        return 0


def newsbot_env(data_dir: Path, store: Store) -> dict[str, str]:
    """A bare environment on this data and database: nothing of the developer's shell leaks in."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": store.url,
    }


# --- A parser crash -------------------------------------------------------------------


def test_crash_mid_load_changes_nothing_and_the_next_reload_works(
    settings: Settings, lookup: Lookup, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = lookup.store
    companies = write_pages(settings.releases_dir / "new", 3)
    before, version = snapshot(store), lookup.data_version
    real_parse = ingest.parse_file
    calls = 0

    def parse_then_crash(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("parser crashed")
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(ingest, "parse_file", parse_then_crash)
    reloader = Reloader(settings, lookup)
    with pytest.raises(RuntimeError, match="parser crashed"):
        reloader.reload(actor="admin (1)")
    assert snapshot(store) == before
    assert store.data_version() == lookup.data_version == version
    assert news_total(lookup, PARTNER) == 0
    failed = store.load_history(1)[0]
    assert (failed.actor, failed.outcome) == ("admin (1)", "failed")
    assert "RuntimeError: parser crashed" in (failed.error or "")
    assert failed.finished_at is not None

    monkeypatch.setattr(ingest, "parse_file", real_parse)
    report = reloader.reload(actor="admin (1)")  # the crash left no lock behind
    assert (report.tally.added, report.tally.unchanged, report.tally.failures) == (3, 3, [])
    ok = store.load_history(1)[0]
    assert (ok.outcome, ok.added, ok.unchanged, ok.failed) == ("ok", 3, 3, 0)
    assert lookup.company_profile(companies[1]).release_count == 1
    assert news_total(lookup, PARTNER) == 3


# --- A big load, killed or raced ------------------------------------------------------


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data plus BULK_PAGES generated pages; shared by the tests below, never changed."""
    data_dir = tmp_path_factory.mktemp("big") / "data"
    shutil.copytree(BUNDLED_DATA, data_dir, ignore=shutil.ignore_patterns("db"))
    write_pages(data_dir / "releases" / "bulk", BULK_PAGES)
    return data_dir


@pytest.fixture
def big_settings(big_data: Path, tmp_path: Path) -> Settings:
    return Settings(
        data_dir=big_data,
        database_url=f"sqlite:///{(tmp_path / 'big.sqlite3').as_posix()}",
        max_file_bytes=200_000,
    )


@pytest.fixture
def big_store(big_settings: Settings) -> Iterator[Store]:
    """A store holding only the three bundled releases: the "old data" a big load must keep."""
    store = Store(big_settings.database_url)
    store.create_schema()
    bundled = sorted(big_settings.releases_dir.glob("*.txt"))
    assert load(store, big_settings, *bundled).tally.added == 3
    yield store
    store.close()


def start_worker(
    settings: Settings, store: Store, log: Path, *options: str
) -> subprocess.Popen[str]:
    """The worker on this data and store; stderr goes to ``log`` (a pipe nobody reads could fill)."""
    with log.open("a", encoding="utf-8") as stderr:
        return subprocess.Popen(
            [sys.executable, str(WORKER), str(settings.data_dir), store.url, *options],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=newsbot_env(settings.data_dir, store),
        )


def wait_for(worker: subprocess.Popen[str], marker: str, log: Path) -> list[str]:
    """The worker's lines up to and including the first that starts with ``marker``."""
    assert worker.stdout is not None
    lines = []
    while not (lines and lines[-1].startswith(marker)):
        line = worker.stdout.readline()
        assert line, f"worker ended before {marker!r} after {lines[-3:]}:\n{log.read_text()}"
        lines.append(line.strip())
    return lines


def kill(worker: subprocess.Popen[str]) -> None:
    assert worker.poll() is None, "the load finished before it could be killed"
    worker.kill()  # SIGKILL: no cleanup, no rollback, no history update
    assert worker.wait(10) == -9


# Where the kills land, in order; the last kill leaves every row written but uncommitted.
KILL_POINTS = (
    "parsed 1",  # the transaction is open and the company registry already synced
    "flushed",  # releases are written into the open transaction, not committed
    None,  # wherever the load happens to be 0.3 s after its first page
    "committing",  # every row written; only COMMIT is left
)


@pytest.mark.slow
def test_killed_loads_leave_the_old_data_and_the_next_load_completes(
    big_settings: Settings, big_store: Store, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    before = snapshot(big_store)
    wal = Path(f"{big_store.engine.url.database}-wal")
    for stop_at in KILL_POINTS:
        stop = ("--stop-at", stop_at) if stop_at else ()
        wal_before = wal.stat().st_size
        with start_worker(big_settings, big_store, log, "--flush-every", "150", *stop) as worker:
            try:
                wait_for(worker, stop_at or "parsed 1", log)
                if stop_at is None:
                    time.sleep(0.3)
                wal_at_kill = wal.stat().st_size
                kill(worker)
            finally:
                worker.kill()
        if stop_at == "committing":
            # Too big for SQLite's page cache, the uncommitted rows already sit in the WAL
            # file: the kill hits data on disk, not only in the dead process's memory.
            assert wal_at_kill > wal_before + 1_000_000
        assert_intact(big_store)
        assert snapshot(big_store) == before, f"killed at {stop_at}: old rows changed"
        assert partner_hits(big_store) == 0 and big_store.stats().releases == 3
        killed = big_store.load_history(1)[0]
        assert killed.actor == "load_worker" and killed.outcome != "ok"

    report = load(big_store, big_settings)
    assert (report.tally.added, report.tally.unchanged) == (BULK_PAGES, 3), report.tally
    killed_runs = [run for run in big_store.load_history(20) if run.actor == "load_worker"]
    assert len(killed_runs) == len(KILL_POINTS)
    assert {run.outcome for run in killed_runs} == {"interrupted"}, "history says what happened"
    assert report.tally.failures == [] and report.tally.merged == 0
    assert_intact(big_store)
    assert big_store.stats().releases == 3 + BULK_PAGES == partner_hits(big_store) + 3


@pytest.mark.slow
def test_queries_during_a_reload_see_old_or_new_data_never_half(
    big_settings: Settings, big_store: Store
) -> None:
    lookup = Lookup(big_store)
    reloader = Reloader(big_settings, lookup)
    errors: list[BaseException] = []

    def reload() -> None:
        try:
            reloader.reload(actor="first admin")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=reload)
    thread.start()
    deadline = time.monotonic() + 10
    while reloader.running is None and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    with pytest.raises(ReloadRefused, match=r"already running since .* \(started by first admin\)"):
        reloader.reload(actor="second admin")

    seen: set[tuple[int, int]] = set()
    while thread.is_alive():
        releases = big_store.stats().releases
        partners = partner_hits(big_store)
        assert releases in (3, 3 + BULK_PAGES)
        assert partners in (0, BULK_PAGES)
        # /news counts up to its cap: none, or a full cap of the new releases.
        assert news_total(lookup, PARTNER) in (0, SEARCH_CANDIDATES)
        assert lookup.company_profile("Akeso").release_count == 1
        seen.add((releases, partners))
        time.sleep(0.05)
    thread.join()

    assert not errors, errors
    assert (3, 0) in seen, "the queries must have run while the reload was under way"
    assert big_store.stats().releases == 3 + BULK_PAGES
    assert news_total(lookup, PARTNER) == SEARCH_CANDIDATES < BULK_PAGES == partner_hits(big_store)
    generated = big_store.release(3 + BULK_PAGES)
    assert generated is not None
    name = generated.company.name  # not in the index before the reload: it must be rebuilt
    assert lookup.company_profile(name).company.name == name
    assert reloader.running is None


# --- Another process ------------------------------------------------------------------


@pytest.mark.slow
def test_load_by_another_process_is_noticed(settings: Settings, lookup: Lookup) -> None:
    companies = write_pages(settings.releases_dir / "cli", 2)
    assert not lookup.refresh_if_stale()
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "load"],
        capture_output=True,
        text=True,
        env=newsbot_env(settings.data_dir, lookup.store),
        cwd=settings.data_dir.parent,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout
    assert lookup.refresh_if_stale()
    assert not lookup.refresh_if_stale()
    assert lookup.company_profile(companies[0]).release_count == 1
    assert news_total(lookup, PARTNER) == 2
    run = lookup.store.load_history(1)[0]
    assert (run.actor, run.outcome, run.added, run.unchanged) == ("cli", "ok", 2, 3)


@pytest.mark.slow
def test_offline_ask_reload_needs_admin(settings: Settings, loaded_store: Store) -> None:
    runs_before = len(loaded_store.load_history())

    def ask(*flags: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "ask", "/reload", *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=newsbot_env(settings.data_dir, loaded_store),
            cwd=settings.data_dir.parent,
        )

    admin, member = ask("--admin"), ask()
    admin_out, admin_err = admin.communicate(timeout=60)
    member_out, member_err = member.communicate(timeout=60)
    assert admin.returncode == 0, admin_err
    assert "Reload finished" in admin_out and "No changes" in admin_out
    assert "3 unchanged" in admin_out.replace("*", "")
    assert "only you can see this" in admin_out
    assert member.returncode == 0, member_err
    assert "Not allowed" in member_out and "Reload finished" not in member_out
    history = loaded_store.load_history()
    assert len(history) == runs_before + 1, "only the admin's reload may run a load"
    assert "tester" in history[0].actor
    assert (history[0].outcome, history[0].added, history[0].unchanged) == ("ok", 0, 3)


# --- The summary ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("releases/site/{n:04d}.txt", "empty file"),
        ("releases/" + "deep/" * 60 + "*bold* `{n}`.txt", "not text: " + "\u00ff" * 400),
    ],
    ids=["short", "long-and-markdown"],
)
def test_summary_of_a_thousand_failures_fits_discord(path: str, reason: str) -> None:
    failures = [(path.format(n=n), reason) for n in range(1_000)]
    tally = LoadTally(added=7, unchanged=12, failures=failures)
    embed = render.load_embed(tally, seconds=3.25).to_dict()
    assert_message_within_limits({"embeds": [embed]})
    assert "**1000** failed" in embed["description"]
    [field] = embed["fields"]
    assert field["name"] == "Failed files (1000)"
    *shown, cut = field["value"].split("\n")
    more = re.fullmatch(r"… and (\d+) more", cut)
    assert more is not None, cut
    assert shown and len(shown) + int(more.group(1)) == 1_000
