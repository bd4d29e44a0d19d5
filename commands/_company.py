"""The company option, declared once for every command that takes a company.

One place decides what a typed company means: autocomplete offers companies from the
lookup's in-memory index (never a query per keystroke), and the command receives the
canonical name. A name that matches nothing raises ``NotFound`` with the closest names,
which the tree's error handler shows as "did you mean", whichever command it was.
"""

from __future__ import annotations

from typing import Any, cast

import discord
from discord import app_commands
from discord.enums import AppCommandOptionType

from bot import render
from bot.client import NewsBot
from bot.lookup import NotFound

# Discord's bounds on what may be typed; longer is no company name.
NAME_LENGTH = 100


class CompanyName(app_commands.Transformer):
    """A company as typed (name, alias, ticker, typos), given to the command as its
    canonical name.

    ``allow_new`` keeps a name that matches no company as typed instead of refusing it,
    for options that may name a company the data does not hold yet (``/feed add``).
    """

    def __init__(self, *, allow_new: bool = False) -> None:
        self.allow_new = allow_new

    @property
    def type(self) -> AppCommandOptionType:
        return AppCommandOptionType.string

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return NAME_LENGTH

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> str:
        bot: NewsBot = interaction.client
        try:
            ref = await bot.query(bot.lookup.resolve_company, str(value))
        except NotFound:
            if not self.allow_new:
                raise
            return str(value).strip()
        return ref.name

    async def autocomplete(
        self, interaction: discord.Interaction[Any], value: int | float | str, /
    ) -> list[app_commands.Choice[int | float | str]]:
        bot: NewsBot = interaction.client
        choices = render.choices(bot.lookup.company_choices(str(value)))
        # discord.py types choices for any option type; these are string choices.
        return cast(list[app_commands.Choice[int | float | str]], choices)


# A company the data holds; the command runs only when one matched.
Company = app_commands.Transform[str, CompanyName]
# A company the data holds, or a new name as typed.
KnownOrNewCompany = app_commands.Transform[str, CompanyName(allow_new=True)]
