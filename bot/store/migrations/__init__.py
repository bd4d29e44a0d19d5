"""Schema migrations (Alembic), run from code so that an installed package needs no alembic.ini.

``Store.create_schema`` calls ``upgrade`` at every start when the database is behind;
``newsbot db upgrade`` does the same on demand. Revisions live in ``versions/`` and
run on SQLite and PostgreSQL alike, branching on the dialect where they must.

Alembic is imported only to migrate: importing it takes longer than the rest of a
start, and an up-to-date database (every start but the first after an upgrade) is
recognised by reading one row.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

# The schema ``create_all`` made before there were migrations: such databases are
# stamped with it, then upgraded like any other.
BASELINE = "0001"

# The newest revision in ``versions/``; a test checks it against Alembic's own view,
# so adding a revision without moving this fails the suite.
HEAD = "0012"

# Alembic's default bookkeeping table.
VERSION_TABLE = "alembic_version"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    config.attributes["connection"] = connection
    return config


def script_head() -> str | None:
    """The newest revision as Alembic reads it from ``versions/`` (slow: for tests)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current(connection: Connection) -> str | None:
    """The database's revision; None for an empty database or one made before migrations."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(connection: Connection) -> None:
    """Bring the schema to ``head`` inside the caller's transaction."""
    from alembic import command

    config = _config(connection)
    if current(connection) is None and inspect(connection).has_table("releases"):
        command.stamp(config, BASELINE)
    command.upgrade(config, "head")
