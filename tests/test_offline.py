"""The offline runner drives real discord.py interactions through a toy bot's tree."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Coroutine
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.offline import (
    ADMIN_ROLE_ID,
    DEFAULT_GUILD_ID,
    EPHEMERAL,
    MEMBER_PERMISSIONS,
    OfflineError,
    OfflineResult,
    OfflineRunner,
    autocomplete_payload,
    command_payload,
    component_payload,
    parse_command_line,
)

COMPANIES = ["Laekna", "Leading Pharm", "Lilly's Labs", "Novartis"]


class RecordingTree(app_commands.CommandTree):
    """Answers errors the way a real bot would, and keeps them for assertions."""

    errors: list[app_commands.AppCommandError]

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        self.errors.append(error)
        if isinstance(error, app_commands.MissingPermissions):
            text = "You need admin rights."
        else:
            text = "Something went wrong."
        await interaction.response.send_message(text, ephemeral=True)


class Pager(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.page = 1

    @discord.ui.button(label="Next", custom_id="pager:next")
    async def next_page(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.page += 1
        await interaction.response.edit_message(content=f"Page {self.page}", view=self)


def make_bot() -> tuple[commands.Bot, list[discord.Interaction]]:
    """A throwaway bot with one command per behaviour under test."""
    bot = commands.Bot(
        command_prefix=commands.when_mentioned,
        intents=discord.Intents.default(),
        tree_cls=RecordingTree,
        allowed_mentions=discord.AllowedMentions.none(),
    )
    bot.tree.errors = []
    seen: list[discord.Interaction] = []

    async def company_names(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=name, value=name)
            for name in COMPANIES
            if current.casefold() in name.casefold()
        ]

    @bot.tree.command(description="Find news")
    @app_commands.autocomplete(company=company_names)
    @app_commands.choices(order=[app_commands.Choice(name="Newest", value="new")])
    async def news(
        interaction: discord.Interaction,
        query: str,
        company: str | None = None,
        limit: int = 3,
        recent: bool = False,
        score: float = 0.5,
        order: str = "new",
    ) -> None:
        seen.append(interaction)
        embed = discord.Embed(title=f"News: {query}", description=f"{company} {limit} {recent}")
        await interaction.response.send_message(
            f"<@{interaction.user.id}> asked", embed=embed, ephemeral=True
        )

    @bot.tree.command(description="Admins only")
    @app_commands.default_permissions(administrator=True)
    @app_commands.checks.has_permissions(administrator=True)
    async def reload(interaction: discord.Interaction) -> None:
        seen.append(interaction)
        await interaction.response.send_message("Reloaded.")

    @bot.tree.command(description="Paged answer")
    async def pages(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Page 1", view=Pager())

    @bot.tree.command(description="Button on a stopped view")
    async def stale(interaction: discord.Interaction) -> None:
        view = Pager()
        view.stop()
        await interaction.response.send_message("Page 1", view=view)

    @bot.tree.command(description="Slow answer")
    async def status(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await asyncio.sleep(0)
        await interaction.followup.send(embed=discord.Embed(title="All good"))
        await interaction.edit_original_response(content="checked")

    @bot.tree.command(description="Always fails")
    async def boom(interaction: discord.Interaction) -> None:
        raise RuntimeError("kaput")

    @bot.tree.command(description="Posts to the channel")
    async def announce(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Posting.")
        assert interaction.channel is not None
        await interaction.channel.send("Hello channel")  # type: ignore[union-attr]

    @bot.tree.command(description="Guild only", guild=discord.Object(DEFAULT_GUILD_ID))
    async def local(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("local")

    return bot, seen


def run(coro: Coroutine[Any, Any, OfflineResult]) -> OfflineResult:
    return asyncio.run(coro)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open an HTTP session fails the test."""

    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("the offline runner opened an aiohttp session")

    monkeypatch.setattr(aiohttp.ClientSession, "__init__", refuse)


@pytest.fixture
def bot() -> commands.Bot:
    return make_bot()[0]


# -- payload → real Interaction → handler → captured payload --------------------------


def test_reply_goes_out_as_discord_would_receive_it() -> None:
    bot, seen = make_bot()
    payload = command_payload("news", {"query": "2021", "company": "Laekna", "limit": 5})

    result = run(OfflineRunner(bot).run(payload))

    [call] = result.calls
    assert call.method == "POST"
    assert call.path == f"/interactions/{payload['id']}/{payload['token']}/callback"
    assert call.payload is not None and call.payload["type"] == 4
    data = call.payload["data"]
    assert data["flags"] == EPHEMERAL
    assert data["embeds"][0]["title"] == "News: 2021"
    assert data["embeds"][0]["description"] == "Laekna 5 False"
    assert data["allowed_mentions"] == {"parse": []}  # the bot-wide AllowedMentions.none()
    assert result.responses == [data]
    assert result.ephemeral and result.content == f"<@{payload['member']['user']['id']}> asked"
    assert result.embed is not None and result.embed["title"] == "News: 2021"
    [interaction] = seen
    assert type(interaction) is discord.Interaction
    assert interaction.response.type is discord.InteractionResponseType.channel_message


def test_interaction_carries_guild_member_and_permissions() -> None:
    bot, seen = make_bot()
    run(OfflineRunner(bot).run(command_payload("reload", administrator=True, user_id=42)))

    [interaction] = seen
    assert isinstance(interaction.user, discord.Member) and interaction.user.id == 42
    assert interaction.user.guild_permissions.administrator
    assert interaction.permissions.administrator
    assert interaction.app_permissions.send_messages
    assert interaction.guild is not None and interaction.guild.id == DEFAULT_GUILD_ID
    assert interaction.guild.me is not None and interaction.guild.me.id == bot.user.id  # type: ignore[union-attr]
    assert isinstance(interaction.channel, discord.TextChannel)
    assert interaction.context.guild and interaction.locale is discord.Locale.american_english


def test_admin_check_and_tree_on_error() -> None:
    bot, _ = make_bot()
    runner = OfflineRunner(bot)

    denied = run(runner.run(command_payload("reload")))
    allowed = run(runner.run(command_payload("reload", administrator=True)))

    assert denied.content == "You need admin rights." and denied.ephemeral
    assert allowed.content == "Reloaded." and not allowed.ephemeral
    assert isinstance(bot.tree.errors[0], app_commands.MissingPermissions)  # type: ignore[attr-defined]
    command = bot.tree.get_command("reload")
    assert isinstance(command, app_commands.Command)
    assert command.default_permissions == discord.Permissions(administrator=True)


def test_exception_in_command_reaches_tree_on_error() -> None:
    bot, _ = make_bot()

    result = run(OfflineRunner(bot).run(command_payload("boom")))

    assert result.content == "Something went wrong." and result.ephemeral
    [error] = bot.tree.errors  # type: ignore[attr-defined]
    assert isinstance(error, app_commands.CommandInvokeError)
    assert isinstance(error.original, RuntimeError)


def test_defer_then_followup_then_edit(bot: commands.Bot) -> None:
    result = run(OfflineRunner(bot).run(command_payload("status")))

    defer, followup, edit = result.calls
    assert defer.payload == {"type": 5, "data": {"flags": EPHEMERAL}}
    assert followup.method == "POST" and followup.path.startswith(
        f"/webhooks/{bot.application_id}/"
    )
    assert followup.payload is not None
    assert followup.payload["embeds"][0]["title"] == "All good"
    assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
    assert [r.get("content") for r in result.responses] == [None, "checked"]
    # The first follow-up fills the "thinking..." message, which stays ephemeral.
    assert followup.message is not None and edit.message is not None
    assert followup.message["id"] == edit.message["id"]
    assert result.ephemeral and result.content == "checked"
    assert result.embed == followup.payload["embeds"][0]


def test_autocomplete_answers_with_choices(bot: commands.Bot) -> None:
    payload = autocomplete_payload("news", "company", "l", {"query": "x"})

    result = run(OfflineRunner(bot).run(payload))

    assert result.callback_type == 8
    assert [c["value"] for c in result.choices] == ["Laekna", "Leading Pharm", "Lilly's Labs"]
    assert result.responses == [] and result.message is None


def test_button_press_updates_the_message(bot: commands.Bot) -> None:
    async def scenario() -> tuple[OfflineResult, OfflineResult, OfflineResult]:
        runner = OfflineRunner(bot)
        sent = await runner.run(command_payload("pages"))
        first = await runner.press(sent, "pager:next")
        second = await runner.press(sent, "pager:next")
        return sent, first, second

    sent, first, second = asyncio.run(scenario())

    assert sent.custom_ids == ["pager:next"]
    assert first.callback_type == 7 and first.content == "Page 2"
    assert second.content == "Page 3"
    assert second.message is not None and sent.message is not None
    assert second.message["id"] == sent.message["id"]


def test_press_needs_a_stored_view(bot: commands.Bot) -> None:
    async def scenario() -> None:
        runner = OfflineRunner(bot)
        stale = await runner.run(command_payload("stale"))
        assert stale.custom_ids == ["pager:next"]  # the button is on the message...
        with pytest.raises(LookupError, match="no live view"):
            await runner.press(stale, "pager:next")  # ...but no view listens for it
        with pytest.raises(LookupError, match="pager:prev"):
            await runner.press(stale, "pager:prev")
        orphan = component_payload("pager:next", message_id=123)
        assert (await runner.run(orphan)).calls == []

    asyncio.run(scenario())


def test_channel_messages_are_captured_not_sent(bot: commands.Bot) -> None:
    result = run(OfflineRunner(bot).run(command_payload("announce")))

    assert [(c.method, c.path.split("/")[1]) for c in result.calls] == [
        ("POST", "interactions"),
        ("POST", "channels"),
    ]
    assert result.content == "Hello channel"


def test_bot_http_is_refused_outside_a_run(bot: commands.Bot) -> None:
    OfflineRunner(bot)
    route = discord.http.Route("GET", "/users/@me")
    with pytest.raises(OfflineError, match="outside an offline run"):
        asyncio.run(bot.http.request(route))


def test_guild_scoped_commands_resolve(bot: commands.Bot) -> None:
    result = run(OfflineRunner(bot).run(command_payload("local")))

    assert result.content == "local"


def test_dm_invocation_has_a_plain_user(bot: commands.Bot) -> None:
    result = run(OfflineRunner(bot).run(command_payload("news", {"query": "q"}, guild_id=None)))

    assert result.embed is not None and result.embed["title"] == "News: q"
    assert result.message is not None and "guild_id" not in result.message


def test_run_times_out_on_a_handler_that_never_finishes() -> None:
    bot, _ = make_bot()

    @bot.tree.command(description="Hangs")
    async def hang(interaction: discord.Interaction) -> None:
        await asyncio.Event().wait()

    with pytest.raises(TimeoutError):
        run(OfflineRunner(bot).run(command_payload("hang"), timeout=0.05))


# -- payload builders ---------------------------------------------------------------


def test_command_payload_shape() -> None:
    payload = command_payload("news", {"query": "q", "limit": 2, "recent": True, "score": 0.5})

    assert payload["type"] == 2 and payload["data"]["name"] == "news"
    types = {o["name"]: o["type"] for o in payload["data"]["options"]}
    assert types == {"query": 3, "limit": 4, "recent": 5, "score": 10}
    assert payload["member"]["permissions"] == str(MEMBER_PERMISSIONS.value)
    admin = command_payload("reload", administrator=True)["member"]
    assert admin["roles"] == [str(ADMIN_ROLE_ID)]
    assert admin["permissions"] == str(discord.Permissions.all().value)
    assert payload["entitlements"] == [] and payload["attachment_size_limit"] > 0
    nested = command_payload("admin", {"x": 1}, subcommand="cache clear")["data"]["options"]
    assert nested == [
        {"type": 2, "name": "cache", "options": [
            {"type": 1, "name": "clear", "options": [{"name": "x", "type": 4, "value": 1}]}
        ]}
    ]  # fmt: skip


def test_autocomplete_payload_marks_the_focused_option() -> None:
    payload = autocomplete_payload("news", "company", "la", {"query": "x"})

    assert payload["type"] == 4
    assert payload["data"]["options"][-1] == {
        "name": "company",
        "type": 3,
        "value": "la",
        "focused": True,
    }


# -- parse_command_line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/news query:2021 company:Laekna", {"query": "2021", "company": "Laekna"}),
        ('/news "R&D center"', {"query": "R&D center"}),
        ("/news leading pharm", {"query": "leading pharm"}),
        ("/news Lilly's labs", {"query": "Lilly's labs"}),
        ("news 'R&D' company: Laekna", {"query": "R&D", "company": "Laekna"}),
        ('/news company:"Leading Pharm" 2021', {"query": "2021", "company": "Leading Pharm"}),
        ("/news q company:Leading Pharm", {"query": "q", "company": "Leading Pharm"}),
        (
            "/news q limit:7 recent:yes score:0.25 order:newest",
            {"query": "q", "limit": 7, "recent": True, "score": 0.25, "order": "new"},
        ),
        ("/news 10:30", {"query": "10:30"}),
    ],
)
def test_parse_command_line(bot: commands.Bot, line: str, expected: dict[str, Any]) -> None:
    assert parse_command_line(line, bot.tree) == ("news", expected)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/nope x", "available commands: /announce, /boom, /news"),
        ("/news x colour:red", "no option 'colour'; its options are: query, company"),
        ("/news q limit:many", "limit must be a whole number"),
        ("/news q recent:perhaps", "recent must be true or false"),
        ("/news q order:oldest", "order must be one of: Newest"),
        ('/news "unclosed', "unclosed quote"),
        ("/news company:Laekna", "needs query"),
        ("/news q query:r", "given twice"),
        ("/news q company:", "'company' needs a value"),
        ("/pages extra", "takes no options"),
        ("", "unknown command"),
    ],
)
def test_parse_command_line_errors(bot: commands.Bot, line: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_command_line(line, bot.tree)


def test_parsed_line_runs(bot: commands.Bot) -> None:
    name, options = parse_command_line("/news 2021 limit:2", bot.tree)

    result = run(OfflineRunner(bot).run(command_payload(name, options)))

    assert result.embed is not None and result.embed["description"] == "None 2 False"


def test_plain_client_with_its_own_tree() -> None:
    client = discord.Client(intents=discord.Intents.default())
    tree = app_commands.CommandTree(client)

    @tree.command(description="Ping")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    assert run(OfflineRunner(client).run(command_payload("ping"))).content == "pong"
    with pytest.raises(ValueError, match="no app_commands"):
        OfflineRunner(discord.Client(intents=discord.Intents.default()))
