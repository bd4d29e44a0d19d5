"""Reading the registry file: parsed again only when its stamp says it may have changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.registry import load_registry

ENTRY = '[[company]]\nname = "{name}"\naliases = ["{name} Inc."]\n'


def write(path: Path, name: str, *, age_s: float) -> None:
    path.write_text(ENTRY.format(name=name), encoding="utf-8")
    stamp = time.time_ns() - int(age_s * 1e9)
    os.utime(path, ns=(stamp, stamp))


def test_an_unchanged_file_is_parsed_once(tmp_path: Path) -> None:
    path = tmp_path / "companies.toml"
    write(path, "Orbis", age_s=60)
    assert load_registry(path) is load_registry(path)


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "companies.toml"
    write(path, "Orbis", age_s=60)
    assert load_registry(path).companies[0].name == "Orbis"
    write(path, "Zetas", age_s=30)  # the same size: only the time tells
    assert load_registry(path).companies[0].name == "Zetas"


def test_a_file_modified_just_now_is_always_read(tmp_path: Path) -> None:
    """Its stamp may not show a second edit within the same clock tick."""
    path = tmp_path / "companies.toml"
    write(path, "Orbis", age_s=0)
    stamp = path.stat().st_mtime_ns
    assert load_registry(path).companies[0].name == "Orbis"
    path.write_text(ENTRY.format(name="Zetas"), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert load_registry(path).companies[0].name == "Zetas"


def test_a_missing_file_is_an_empty_registry(tmp_path: Path) -> None:
    assert load_registry(tmp_path / "companies.toml").companies == ()
