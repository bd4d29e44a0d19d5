"""Reading a typed ``/cmd opt:value`` line into a command name and its option values, as
Discord's input box would send them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from discord import app_commands
from discord.enums import AppCommandOptionType

_TRUE = frozenset({"true", "yes", "y", "on", "1"})
_FALSE = frozenset({"false", "no", "n", "off", "0"})
_TOKEN = re.compile(
    r"""\s*(?:(?P<name>[A-Za-z_][\w-]*):)?(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']\S*))"""
)


def _tokens(text: str) -> Iterator[tuple[str | None, str, bool]]:
    """``(option name or None, value, quoted)``; quotes group words, ``name: value`` is allowed."""
    pos = 0
    pending: str | None = None
    while text[pos:].strip():
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"unclosed quote in {text[pos:].strip()!r}")
        pos = match.end()
        name = match["name"]
        value = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
        if name is None and re.fullmatch(r"[A-Za-z_][\w-]*:", value):
            if pending is not None:
                raise ValueError(f"option {pending!r} needs a value")
            pending = value[:-1]
            continue
        if pending is not None:
            name, pending = pending, None
            if match["name"] is not None:
                raise ValueError(f"option {name!r} needs a value")
        yield name, value, match["bare"] is None
    if pending is not None:
        raise ValueError(f"option {pending!r} needs a value")


def _convert(param: app_commands.Parameter, text: str) -> Any:
    """Turn typed text into what Discord would send for this option."""
    label = param.display_name
    if param.choices:
        for choice in param.choices:
            if text.casefold() in (choice.name.casefold(), str(choice.value).casefold()):
                return choice.value
        names = ", ".join(choice.name for choice in param.choices)
        raise ValueError(f"{label} must be one of: {names}")
    kind = param.type
    if kind is AppCommandOptionType.string:
        return text
    if kind is AppCommandOptionType.integer:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{label} must be a whole number, got {text!r}") from None
    if kind is AppCommandOptionType.number:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{label} must be a number, got {text!r}") from None
    if kind is AppCommandOptionType.boolean and text.casefold() in _TRUE | _FALSE:
        return text.casefold() in _TRUE
    if kind is AppCommandOptionType.boolean:
        raise ValueError(f"{label} must be true or false, got {text!r}")
    raise ValueError(f"{label} is a {kind.name} option, which cannot be typed offline")


def parse_command_line(line: str, tree: app_commands.CommandTree) -> tuple[str, dict[str, Any]]:
    """``'/news query:2021 company:Laekna'`` → ``("news", {"query": "2021", "company": "Laekna"})``.

    Text without ``name:`` fills the first required option (else the first option); values
    are converted to the option's declared type. Raises ``ValueError`` with a message fit
    to show a user.
    """
    head, _, rest = line.strip().partition(" ")
    name = head.removeprefix("/").lower()
    command = tree.get_command(name) if name else None
    if isinstance(command, app_commands.Group):
        subs = ", ".join(sorted(sub.name for sub in command.commands))
        raise ValueError(
            f"/{name} needs a subcommand ({subs}), which the line parser does not read"
        )
    if command is None or not isinstance(command, app_commands.Command):
        available = ", ".join(sorted(f"/{c.name}" for c in tree.get_commands())) or "none"
        raise ValueError(f"unknown command {head or '(empty)'!r}; available commands: {available}")

    params = {param.display_name: param for param in command.parameters}
    default = next((p for p in command.parameters if p.required), next(iter(params.values()), None))
    named: dict[str, str] = {}
    free: list[str] = []
    open_value: str | None = None
    for option, text, quoted in _tokens(rest):
        if option is None and open_value is not None and not quoted:
            # As in Discord's input box, an unquoted value runs until the next ``name:``.
            named[open_value] = f"{named[open_value]} {text}"
        elif option is None:
            free.append(text)
        elif option not in params:
            known = ", ".join(params) or "none"
            raise ValueError(f"/{name} has no option {option!r}; its options are: {known}")
        elif option in named:
            raise ValueError(f"option {option!r} given twice")
        else:
            named[option] = text
            open_value = None if quoted else option
    if free:
        if default is None:
            raise ValueError(f"/{name} takes no options, got {' '.join(free)!r}")
        if default.display_name in named:
            raise ValueError(f"option {default.display_name!r} given twice")
        named[default.display_name] = " ".join(free)
    missing = [
        p.display_name for p in command.parameters if p.required and p.display_name not in named
    ]
    if missing:
        raise ValueError(f"/{name} needs {', '.join(missing)}")
    ordered = (p.display_name for p in command.parameters if p.display_name in named)
    return command.name, {key: _convert(params[key], named[key]) for key in ordered}
