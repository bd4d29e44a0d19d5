"""Slash-command cogs, one module per area; each ends in ``async def setup(bot)``."""
