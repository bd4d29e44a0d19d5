"""The company registry (``data/companies.toml``): canonical names, aliases, tickers."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tomli

from bot.file_stamps import RACY_NS


class RegistryError(ValueError):
    """The registry file is unreadable or an entry is malformed."""


@dataclass(frozen=True, slots=True)
class CompanyEntry:
    name: str
    aliases: tuple[str, ...] = ()
    ticker: str | None = None
    exchange: str | None = None
    website: str | None = None

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every spelling that refers to this company, canonical name first."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Registry:
    companies: tuple[CompanyEntry, ...] = field(default_factory=tuple)

    def by_name(self, name: str) -> CompanyEntry | None:
        """Exact, case-insensitive lookup over names, aliases and tickers."""
        folded = name.casefold().strip()
        for entry in self.companies:
            spellings = (*entry.all_names, entry.ticker or "")
            if any(s.casefold() == folded for s in spellings if s):
                return entry
        return None


def _entry(raw: object, position: int) -> CompanyEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise RegistryError(f"company #{position}: 'name' is required and must be text")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RegistryError(f"company {raw['name']!r}: 'aliases' must be a list of text")
    optional = {}
    for key in ("ticker", "exchange", "website"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise RegistryError(f"company {raw['name']!r}: {key!r} must be text")
        optional[key] = value
    return CompanyEntry(
        name=raw["name"].strip(),
        aliases=tuple(a.strip() for a in aliases if a.strip()),
        **optional,
    )


def parse_registry(text: str) -> Registry:
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise RegistryError(f"not valid TOML: {exc}") from exc
    entries = document.get("company", [])
    if not isinstance(entries, list):
        raise RegistryError("expected [[company]] tables")
    return Registry(tuple(_entry(raw, i + 1) for i, raw in enumerate(entries)))


def load_registry(path: Path) -> Registry:
    """Read the registry; a missing file is an empty registry (every company inferred).

    Every load reads it, and with thousands of companies parsing the TOML costs more than
    a small reload's own work: a file whose size and modification time are those of an
    earlier read in this process is not parsed again (``/reload`` in the running bot, the
    CLI's repeated loads). A file modified too recently to trust its stamp is always read.
    """
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return Registry()
    if stat.st_mtime_ns > time.time_ns() - RACY_NS:
        return _read_registry(path)
    return _registry_as_stamped(str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)
def _registry_as_stamped(path: str, inode: int, size: int, mtime_ns: int) -> Registry:
    """The registry file as it was with this stamp (a new stamp is a new key)."""
    return _read_registry(Path(path))


def _read_registry(path: Path) -> Registry:
    return parse_registry(path.read_text(encoding="utf-8"))
