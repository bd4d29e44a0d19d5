"""Shared fixtures: a private copy of the bundled data, a store on it, and a loaded lookup."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings, default_database_url
from bot.loader import LoadReport, load_paths
from bot.lookup import Lookup
from bot.store import Store

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"


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


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
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
