"""The company registry (``data/companies.toml``): canonical names, aliases, tickers."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


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
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"not valid TOML: {exc}") from exc
    entries = document.get("company", [])
    if not isinstance(entries, list):
        raise RegistryError("expected [[company]] tables")
    return Registry(tuple(_entry(raw, i + 1) for i, raw in enumerate(entries)))


def load_registry(path: Path) -> Registry:
    """Read the registry; a missing file is an empty registry (every company inferred)."""
    if not path.exists():
        return Registry()
    return parse_registry(path.read_text(encoding="utf-8"))
