"""Fixtures for ingest tests: the bundled registry and seed pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.registry import Registry, load_registry

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "releases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(ROOT / "data" / "companies.toml")


@pytest.fixture(scope="session")
def empty_registry() -> Registry:
    return Registry()
