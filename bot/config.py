"""Settings, read once from the environment (and ``.env``) into one typed object.

Only the Discord token has no default; everything else works out of the box on the
bundled data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dotenv import load_dotenv

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = Path("data")
    database_url: str = ""
    discord_token: str | None = field(default=None, repr=False)
    dev_guild_id: int | None = None
    admin_user_ids: frozenset[int] = frozenset()
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    log_level: str = "INFO"
    discord_api_base: str | None = None
    # None: one gateway connection; "auto" or a number: discord.py's AutoShardedBot.
    shard_count: int | Literal["auto"] | None = None
    # Processes that parse big loads; None: one per core (at most 4).
    load_workers: int | None = None

    @property
    def releases_dir(self) -> Path:
        return self.data_dir / "releases"

    @property
    def registry_path(self) -> Path:
        return self.data_dir / "companies.toml"


def _int(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _id_set(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = env.get(name, "").replace(";", ",")
    ids = set()
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError(f"{name} must be comma-separated user ids, got {part!r}")
        ids.add(int(part))
    return frozenset(ids)


def _api_base(env: Mapping[str, str]) -> str | None:
    """No trailing slash: discord.py appends paths that start with one."""
    raw = env.get("DISCORD_API_BASE", "").strip().rstrip("/")
    if raw and not raw.startswith(("http://", "https://")):
        raise ConfigError(f"DISCORD_API_BASE must be an http(s) URL, got {raw!r}")
    return raw or None


def _shard_count(env: Mapping[str, str]) -> int | Literal["auto"] | None:
    raw = env.get("SHARD_COUNT", "").strip().lower()
    if raw == "auto":
        return "auto"
    count = _int(env, "SHARD_COUNT")
    if count is not None and count <= 0:
        raise ConfigError("SHARD_COUNT must be a positive number or auto")
    return count


def default_database_url(data_dir: Path) -> str:
    """A SQLite file beside the data, in a folder that is git-ignored."""
    return f"sqlite:///{(data_dir / 'db' / 'newsbot.sqlite3').as_posix()}"


def settings_from_env(env: Mapping[str, str]) -> Settings:
    data_dir = Path(env.get("DATA_DIR", "").strip() or "data")
    max_bytes = _int(env, "MAX_FILE_BYTES")
    if max_bytes is not None and max_bytes <= 0:
        raise ConfigError("MAX_FILE_BYTES must be positive")
    workers = _int(env, "LOAD_WORKERS")
    if workers is not None and workers <= 0:
        raise ConfigError("LOAD_WORKERS must be positive")
    return Settings(
        data_dir=data_dir,
        database_url=env.get("DATABASE_URL", "").strip() or default_database_url(data_dir),
        discord_token=env.get("DISCORD_TOKEN", "").strip() or None,
        dev_guild_id=_int(env, "DEV_GUILD_ID"),
        admin_user_ids=_id_set(env, "ADMIN_USER_IDS"),
        max_file_bytes=max_bytes or DEFAULT_MAX_FILE_BYTES,
        log_level=(env.get("LOG_LEVEL", "").strip() or "INFO").upper(),
        discord_api_base=_api_base(env),
        shard_count=_shard_count(env),
        load_workers=workers,
    )


def load_settings(dotenv_path: Path | None = None) -> Settings:
    """Settings from the process environment, with ``.env`` filling the gaps."""
    load_dotenv(dotenv_path or Path(".env"), override=False)
    return settings_from_env(os.environ)
