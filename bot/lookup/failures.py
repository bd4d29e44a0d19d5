"""Answers that are not results: raised by lookup, shown to the user as their message."""

from __future__ import annotations

from collections.abc import Sequence

# At most this many "did you mean" alternatives.
SUGGESTIONS = 5


class LookupFailure(Exception):
    """Base for answers that are not results; the message is shown to the user."""


class NotFound(LookupFailure):
    """Nothing matched; ``suggestions`` are close alternatives ("did you mean")."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)


class BadQuery(LookupFailure):
    """The user's input cannot be understood; the message says how to write it."""
