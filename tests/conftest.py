"""Shared fixtures: a private copy of the bundled data, a store on it, and a loaded lookup.

The ``store`` fixture (and so everything built on it) runs on SQLite, and also on
PostgreSQL when ``TEST_DATABASE_URL`` is set. That database is wiped before every test.
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
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
BACK_ENDS = ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"]


def fresh_postgres_store() -> Store:
    """A store on an empty ``TEST_DATABASE_URL`` database, schema created."""
    store = Store(POSTGRES_URL)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.create_schema()
    return store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The bundled data copied aside, so tests can add, change and break files freely."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA, target, ignore=shutil.ignore_patterns("db"))
    return target


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=default_database_url(data_dir),
        admin_user_ids=frozenset({777}),
        max_file_bytes=200_000,
    )


@pytest.fixture(params=BACK_ENDS)
def store(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Store]:
    if request.param == "postgres":
        store = fresh_postgres_store()
    else:
        store = Store(settings.database_url)
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
def loaded_store(store: Store, settings: Settings) -> Store:
    report = load(store, settings)
    assert report.tally.added == 3, report.tally
    return store


@pytest.fixture
def lookup(loaded_store: Store) -> Lookup:
    return Lookup(loaded_store)
