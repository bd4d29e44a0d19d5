"""Run real slash commands without Discord.

A gateway-shaped INTERACTION_CREATE payload (``payloads``) goes through discord.py's own
``ConnectionState.parse_interaction_create`` (``runner``), so the command tree (checks,
cooldowns, autocomplete, ``on_error``) and the view store (button callbacks) behave exactly
as in production. Everything discord.py would send over HTTP is captured instead of sent and
answered with plausible Discord JSON (``capture``, on the messages of ``messages``), so
``InteractionResponse.send_message``, ``followup.send`` and friends serialise their real
payloads (``result``). ``commandline`` reads ``/cmd opt:value`` as typed in a terminal. This
powers ``newsbot ask`` and the full-path tests.
"""

from bot.offline.capture import OfflineError
from bot.offline.commandline import parse_command_line
from bot.offline.messages import EPHEMERAL, LOADING
from bot.offline.payloads import autocomplete_payload, command_payload, component_payload
from bot.offline.result import OfflineResult
from bot.offline.runner import OfflineRunner
from bot.offline.world import (
    ADMIN_ROLE_ID,
    APPLICATION_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_USER_ID,
    GUILD_OWNER_ID,
    MEMBER_PERMISSIONS,
)

__all__ = [
    "ADMIN_ROLE_ID",
    "APPLICATION_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD_ID",
    "DEFAULT_USER_ID",
    "EPHEMERAL",
    "GUILD_OWNER_ID",
    "LOADING",
    "MEMBER_PERMISSIONS",
    "OfflineError",
    "OfflineResult",
    "OfflineRunner",
    "autocomplete_payload",
    "command_payload",
    "component_payload",
    "parse_command_line",
]
