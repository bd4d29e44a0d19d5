"""The store is sealed: no ORM class, session or SQLAlchemy import above ``bot/store``."""

from __future__ import annotations

import ast
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from bot.store import Store, StoredRelease
from bot.store.models import Base

ROOT = Path(__file__).resolve().parents[1]
ABOVE_THE_STORE = [
    *sorted((ROOT / "bot").glob("*.py")),
    *sorted((ROOT / "bot" / "lookup").glob("*.py")),
    *sorted((ROOT / "bot" / "render").glob("*.py")),
    *sorted((ROOT / "bot" / "offline").glob("*.py")),
    *sorted((ROOT / "commands").glob("*.py")),
]
ORM_NAMES = {mapper.class_.__name__ for mapper in Base.registry.mappers} | {"Base", "Session"}


def _store_leaks(path: Path) -> list[str]:
    """The ORM names, models module or SQLAlchemy imports one module makes."""
    leaks = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            leaks += [a.name for a in node.names if a.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "sqlalchemy" or node.module == "bot.store.models":
                leaks.append(node.module)
            elif node.module.startswith("bot.store"):
                leaks += [a.name for a in node.names if a.name in ORM_NAMES]
    return leaks


def test_nothing_above_the_store_imports_orm_classes_or_sessions() -> None:
    leaks = {
        path.relative_to(ROOT).as_posix(): found
        for path in ABOVE_THE_STORE
        if (found := _store_leaks(path))
    }
    assert not leaks


def test_a_release_read_back_is_a_frozen_value(loaded_store: Store) -> None:
    """Values, not rows: usable after the connection closed, and nobody can change them."""
    release = loaded_store.release(1)
    assert isinstance(release, StoredRelease)
    assert release.company.name and release.sources and release.line.id == 1
    assert loaded_store.releases([2, 999, 1]) == [loaded_store.release(2), release]
    with pytest.raises(FrozenInstanceError):
        release.title = "changed"  # type: ignore[misc]


def test_the_store_package_exports_no_orm_class() -> None:
    """Tests that need a table import it from ``bot.store.models`` by name, on purpose."""
    import bot.store

    assert not ORM_NAMES & set(bot.store.__all__)
    assert not ORM_NAMES & set(vars(bot.store))
