"""``newsbot``: load data, check files, ask questions offline, and run the bot.

One module per command group: ``parsing`` (parse), ``loading`` (load, fetch, watch,
db upgrade), ``evaluation`` (eval), ``offline`` (ask, console), ``discord_app`` (run,
sync); ``entry`` holds the parser and ``main``, ``exits`` the exit codes. Commands import
the store, the loader and discord.py only when they need them, so ``parse`` and ``eval``
start in a fraction of the time.
"""

from bot.cli.entry import build_parser, main
from bot.cli.exits import EXIT_NOT_PERMITTED, EXIT_TOKEN_REJECTED

__all__ = ["EXIT_NOT_PERMITTED", "EXIT_TOKEN_REJECTED", "build_parser", "main"]
