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
from collections.abc import Iterator
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


def sqlite_copy(template: Path, settings: Settings) -> Store:
    """A store on a copy of the SQLite file ``template``, at ``settings.database_url``."""
    database = Path(settings.database_url.removeprefix("sqlite:///"))
    database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, database)
    return Store(settings.database_url)


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
    database = tmp_path_factory.mktemp("schema") / "newsbot.sqlite3"
    store = Store(f"sqlite:///{database.as_posix()}")
    store.create_schema()
    store.close()
    return database


@pytest.fixture(scope="session")
def sqlite_loaded(tmp_path_factory: pytest.TempPathFactory, sqlite_schema: Path) -> Path:
    """A SQLite database holding the bundled data's first load, as ``load`` makes it."""
    settings = settings_for(copy_bundled_data(tmp_path_factory.mktemp("loaded") / "data"))
    store = sqlite_copy(sqlite_schema, settings)
    assert load(store, settings).tally.added == BUNDLED_RELEASES
    store.close()
    return Path(store.url.removeprefix("sqlite:///"))


@pytest.fixture(params=BACK_ENDS)
def store(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Store]:
    """An empty store; on SQLite, already holding the bundled data when the test also asks
    for ``loaded_store`` (copying a file before the store opens it is the cheapest way)."""
    if request.param == "postgres":
        store = fresh_postgres_store()
    else:
        wants_data = "loaded_store" in request.fixturenames
        template = request.getfixturevalue("sqlite_loaded" if wants_data else "sqlite_schema")
        store = sqlite_copy(template, settings)
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
def loaded_store(store: Store, settings: Settings) -> Store:
    """The store with the bundled data loaded (on SQLite, copied in by ``store``)."""
    if not store.is_sqlite:
        report = load(store, settings)
        assert report.tally.added == BUNDLED_RELEASES, report.tally
    return store


@pytest.fixture
def lookup(loaded_store: Store) -> Lookup:
    return Lookup(loaded_store)
