"""Exit codes, and the one line printed for a failure the user can act on.

Beside 0, 1 (some input failed) and 2 (usage or configuration): 3, the database is
unavailable; 4 and 5, Discord refused the bot for good.
"""

from __future__ import annotations

import sys

EXIT_CONFIGURATION = 2
EXIT_DATABASE_UNAVAILABLE = 3
EXIT_TOKEN_REJECTED = 4
EXIT_NOT_PERMITTED = 5

POSTGRES_INSTALL = "pip install 'newsbot[postgres]'"


def missing_database_driver(exc: Exception, database_url: str) -> str | None:
    """The line to print when ``DATABASE_URL`` names PostgreSQL but its driver, an optional
    extra, is not installed; None for anything else."""
    if not isinstance(exc, ModuleNotFoundError) or not database_url.startswith("postgres"):
        return None
    if not (exc.name or "").startswith("psycopg"):
        return None
    return (
        f"DATABASE_URL points at PostgreSQL, but its driver ({exc.name}) is not installed: "
        f"install it with `{POSTGRES_INSTALL}` and write the URL as postgresql+psycopg://…"
    )


def discord_refusal(exc: Exception) -> tuple[int, str] | None:
    """The exit code and the one line to print when Discord refused the bot for good: a
    rejected token, or a privilege the bot was not given; None for anything else."""
    discord = sys.modules.get("discord")
    if discord is None:
        return None
    if isinstance(exc, discord.LoginFailure):
        return EXIT_TOKEN_REJECTED, (
            "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot's token again "
            "from the developer portal."
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return EXIT_NOT_PERMITTED, (
            "Discord refused the gateway connection: the bot asks for an intent the "
            "developer portal does not grant it."
        )
    if isinstance(exc, discord.Forbidden):
        return EXIT_NOT_PERMITTED, (
            f"Discord refused: {exc.status} {exc.text or 'Forbidden'} — invite the bot with the "
            "`bot` and `applications.commands` scopes (and check DEV_GUILD_ID)."
        )
    return None
