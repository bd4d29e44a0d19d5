"""The store is sealed: above ``bot/store`` nothing imports SQLAlchemy, a store submodule,
an ORM class or a session; what the store hands out are plain frozen values."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from bot.store import (
    DeliveryStore,
    FeedState,
    FeedStore,
    FollowedRelease,
    PollResult,
    Subscription,
    SubscriptionStore,
    UndeliveredRelease,
)
from bot.store.models import Base

ROOT = Path(__file__).resolve().parent.parent
NOT_YET_SEALED: set[str] = set()
ORM_NAMES = {mapper.class_.__name__ for mapper in Base.registry.mappers} | {"Base"}


def _callers() -> list[Path]:
    paths = [*(ROOT / "bot").rglob("*.py"), *(ROOT / "commands").rglob("*.py")]
    return sorted(
        path
        for path in paths
        if path.relative_to(ROOT).parts[:2] != ("bot", "store")
        and path.relative_to(ROOT).as_posix() not in NOT_YET_SEALED
    )


def _leaks(path: Path) -> list[str]:
    """What ``path`` imports from behind the store's front door."""
    leaks: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module == "bot.store":
                leaks += [a.name for a in node.names if a.name in ORM_NAMES | {"Session"}]
        else:
            continue
        leaks += [m for m in modules if m.startswith(("sqlalchemy", "bot.store."))]
    return leaks


@pytest.mark.parametrize("path", _callers(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_nothing_above_the_store_reaches_behind_it(path: Path) -> None:
    assert _leaks(path) == []


@pytest.mark.parametrize(
    "value_type", [FeedState, FollowedRelease, PollResult, Subscription, UndeliveredRelease]
)
def test_the_follow_and_feed_side_hands_out_frozen_values(value_type: type) -> None:
    assert dataclasses.is_dataclass(value_type)
    assert value_type.__dataclass_params__.frozen


@pytest.mark.parametrize("store_type", [DeliveryStore, FeedStore, SubscriptionStore])
def test_no_store_method_returns_a_row(store_type: type) -> None:
    returns = {
        name: re.findall(r"\w+", method.__annotations__.get("return", ""))
        for name, method in vars(store_type).items()
        if callable(method) and not name.startswith("_")
    }
    assert {name: ORM_NAMES.intersection(words) for name, words in returns.items()} == {
        name: set() for name in returns
    }
