"""The one exception ingest raises, carrying a short reason a user can act on."""

from __future__ import annotations


class IngestError(ValueError):
    """A file or record cannot become a release; ``str(exc)`` says why in a few words."""


class NotARelease(IngestError):
    """The page is readable but is something else: a listing, a policy, a quote page."""
