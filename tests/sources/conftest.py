"""Fixtures for live sources: a misbehaving local site and fast, bounded fetch limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.sources.http import FetchLimits
from tests.sources.site import LocalSite, running_site

# Small enough that a test never waits long; the site is on loopback.
FAST = FetchLimits(max_bytes=1024 * 1024, timeout=1.0, max_redirects=3, host_interval=0.0)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with running_site() as local:
        yield local
