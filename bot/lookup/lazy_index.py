"""An in-memory index built on its first use rather than at start-up.

Release titles and speakers are read only by /release and /quote: building them at start
read every release before the bot could answer anything. A refresh drops them; the next
question that needs one builds it again from the data as it then stands.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class LazyIndex(Generic[T]):
    """``build()``'s result, made once on demand; safe to share between threads."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._build()
                value = self._value
        return value

    @property
    def built(self) -> bool:
        return self._value is not None

    def reset(self) -> None:
        """Forget the index; a build under way finishes first, so none outlives a reset."""
        with self._lock:
            self._value = None
