"""Schema migrations (Alembic), run from code so that an installed package needs no alembic.ini.

``Store.create_schema`` calls ``upgrade`` at every start when the database is behind;
``newsbot db upgrade`` does the same on demand. Revisions live in ``versions/`` and
run on SQLite and PostgreSQL alike, branching on the dialect where they must.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

# The schema ``create_all`` made before there were migrations: such databases are
# stamped with it, then upgraded like any other.
BASELINE = "0001"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    config.attributes["connection"] = connection
    return config


@cache
def head() -> str:
    """The newest revision (read once per process)."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> str | None:
    """The database's revision; None for an empty database or one made before migrations."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Bring the schema to ``head`` inside the caller's transaction."""
    config = _config(connection)
    if current(connection) is None and inspect(connection).has_table("releases"):
        command.stamp(config, BASELINE)
    command.upgrade(config, "head")
