"""Previous/Next buttons for answers longer than one embed.

Only the person who asked can turn the pages (others get a private "not yours"); the
buttons are disabled at the edges and disappear when the view times out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

import discord

from bot import render
from bot.client import send

PAGE_TIMEOUT_S = 180.0

FetchPage = Callable[[int], Awaitable[discord.Embed]]


class ResultPage(Protocol):
    """One page of a lookup's results, knowing how many pages there are in all."""

    @property
    def page_count(self) -> int: ...


PageT = TypeVar("PageT", bound=ResultPage)


class PageView(discord.ui.View):
    def __init__(self, *, owner_id: int, page_count: int, fetch: FetchPage, page: int = 0) -> None:
        super().__init__(timeout=PAGE_TIMEOUT_S)
        self.owner_id = owner_id
        self.page_count = page_count
        self.fetch = fetch
        self.page = page
        self.message: discord.InteractionMessage | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page <= 0
        self.next.disabled = self.page >= self.page_count - 1

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            embed=render.problem_embed(
                "These buttons belong to whoever ran the command — run it yourself to page.",
                title="Not yours",
            ),
            ephemeral=True,
            allowed_mentions=render.NO_MENTIONS,
        )
        return False

    async def _turn(self, interaction: discord.Interaction[Any], step: int) -> None:
        self.page = min(max(self.page + step, 0), self.page_count - 1)
        self._sync_buttons()
        embed = await self.fetch(self.page)
        await interaction.response.edit_message(embed=embed, view=self)

    @discord.ui.button(
        label="Previous", style=discord.ButtonStyle.secondary, custom_id="page:previous"
    )
    async def previous(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary, custom_id="page:next")
    async def next(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        if self.message is not None:
            # The message may be gone or no longer ours to edit: nothing left to tidy then.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)


async def send_paged(
    interaction: discord.Interaction[Any],
    *,
    first: discord.Embed,
    page_count: int,
    fetch: FetchPage,
) -> None:
    """Send the first page, with page buttons only when there is more than one page."""
    if page_count <= 1:
        await send(interaction, embed=first)
        return
    view = PageView(owner_id=interaction.user.id, page_count=page_count, fetch=fetch)
    await send(interaction, embed=first, view=view)
    try:
        view.message = await interaction.original_response()
    except discord.HTTPException:
        view.message = None


async def send_result_pages(
    interaction: discord.Interaction[Any],
    *,
    search: Callable[[int], Awaitable[PageT]],
    show: Callable[[PageT], discord.Embed],
) -> None:
    """Send a paged search: page 0 now (its miss raises before anything is sent), each
    further page searched again only when someone turns to it."""
    first = await search(0)

    async def fetch(page: int) -> discord.Embed:
        return show(await search(page))

    await send_paged(interaction, first=show(first), page_count=first.page_count, fetch=fetch)
