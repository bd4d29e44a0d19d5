"""Shared fixtures: a private copy of the bundled data, a store on it, and a loaded lookup.

The ``store`` fixture (and so everything built on it) runs on SQLite, and also on
PostgreSQL when ``TEST_DATABASE_URL`` is set. That database is wiped before every test.
On SQLite, the schema and the bundled data's first load are made once per session and
copied into each test's database: migrating and loading cost more than the rest of a
test's setup, copying a file almost nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.config import Settings, default_database_url
from bot.loader import LoadReport, load_paths
from bot.lookup import Lookup
from bot.store import Store

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
BUNDLED_RELEASES = 3
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
BACK_ENDS = [
    "sqlite",
    *([pytest.param("postgres", marks=pytest.mark.postgres)] if POSTGRES_URL else []),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``postgres`` need ``TEST_DATABASE_URL``; without it they are skipped."""
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="TEST_DATABASE_URL is not set")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


def fresh_postgres_store() -> Store:
    """A store on an empty ``TEST_DATABASE_URL`` database, schema created."""
    store = Store(POSTGRES_URL)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.create_schema()
    return store


def copy_bundled_data(target: Path) -> Path:
    """The bundled data without its database; file times are kept, as a load stamps them."""
    shutil.copytree(BUNDLED_DATA, target, ignore=shutil.ignore_patterns("db"))
    return target


def settings_for(data_dir: Path) -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=default_database_url(data_dir),
        admin_user_ids=frozenset({777}),
        max_file_bytes=200_000,
    )


def sqlite_file(store: Store) -> Path:
    return Path(store.url.removeprefix("sqlite:///"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The bundled data copied aside, so tests can add, change and break files freely."""
    return copy_bundled_data(tmp_path / "data")


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return settings_for(data_dir)


@pytest.fixture(scope="session")
def sqlite_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database with the schema made."""
    store = Store(f"sqlite:///{(tmp_path_factory.mktemp('schema') / 'db.sqlite3').as_posix()}")
    store.create_schema()
    store.close()
    return sqlite_file(store)


@pytest.fixture(scope="session")
def sqlite_loaded(tmp_path_factory: pytest.TempPathFactory, sqlite_schema: Path) -> Path:
    """A SQLite database holding the bundled data's first load, as ``load`` makes it."""
    settings = settings_for(copy_bundled_data(tmp_path_factory.mktemp("loaded") / "data"))
    store = Store(settings.database_url)
    _copy_database(sqlite_schema, store)
    assert load(store, settings).tally.added == BUNDLED_RELEASES
    store.close()
    return sqlite_file(store)


def _copy_database(template: Path, store: Store) -> None:
    """Make ``store``'s SQLite file a copy of ``template``, whatever connections are open."""
    with (
        closing(sqlite3.connect(template)) as source,
        closing(sqlite3.connect(sqlite_file(store))) as target,
    ):
        source.backup(target)


@pytest.fixture(params=BACK_ENDS)
def store(
    request: pytest.FixtureRequest, settings: Settings, sqlite_schema: Path
) -> Iterator[Store]:
    if request.param == "postgres":
        store = fresh_postgres_store()
    else:
        store = Store(settings.database_url)
        _copy_database(sqlite_schema, store)
        store.create_schema()
    yield store
    store.close()


def load(store: Store, settings: Settings, *roots: Path, actor: str = "test") -> LoadReport:
    return load_paths(
        store,
        data_dir=settings.data_dir,
        roots=list(roots) or None,
        max_file_bytes=settings.max_file_bytes,
        actor=actor,
    )


@pytest.fixture
def loaded_store(store: Store, settings: Settings, sqlite_loaded: Path) -> Store:
    if store.is_sqlite:
        _copy_database(sqlite_loaded, store)
    else:
        report = load(store, settings)
        assert report.tally.added == BUNDLED_RELEASES, report.tally
    return store


@pytest.fixture
def lookup(loaded_store: Store) -> Lookup:
    return Lookup(loaded_store)
