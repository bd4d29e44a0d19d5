"""A skewed sampling pool, so generated text has a long-tailed word distribution."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

_T = TypeVar("_T")

# Lists are ordered roughly from common to rare; ``zipf`` turns that order into a
# skewed sampling pool so full-text search sees a long-tailed term distribution
# rather than every word being equally frequent.


def zipf(items: Sequence[_T]) -> tuple[_T, ...]:
    """Repeat item k about len/(k+1) times so rng.choice samples with a Zipf-like skew."""
    size = len(items)
    return tuple(item for k, item in enumerate(items) for _ in range(max(1, round(size / (k + 1)))))
