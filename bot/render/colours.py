"""One colour per kind of answer, so a glance tells news from a problem."""

from __future__ import annotations

import discord

COLOUR_COMPANY = discord.Colour.from_rgb(46, 134, 193)
COLOUR_NEWS = discord.Colour.from_rgb(39, 174, 96)
COLOUR_QUOTE = discord.Colour.from_rgb(142, 68, 173)
COLOUR_RELEASE = discord.Colour.from_rgb(52, 73, 94)
COLOUR_INFO = discord.Colour.from_rgb(127, 140, 141)
COLOUR_PROBLEM = discord.Colour.from_rgb(230, 126, 34)
COLOUR_ERROR = discord.Colour.from_rgb(192, 57, 43)
