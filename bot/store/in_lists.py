"""Values for ``IN (...)`` lists, a bounded number per query: however many are asked
for, each statement stays well inside every back end's limit on bound parameters."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TypeVar

T = TypeVar("T")

VALUES_PER_QUERY = 500


def in_chunks(values: Collection[T]) -> Iterator[list[T]]:
    """``values`` in lists of at most ``VALUES_PER_QUERY``, in their order."""
    listed = list(values)
    for start in range(0, len(listed), VALUES_PER_QUERY):
        yield listed[start : start + VALUES_PER_QUERY]
