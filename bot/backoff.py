"""How long to wait before trying again something that failed for a passing reason.

Capped exponential backoff with jitter: each failure doubles the wait up to a cap, and a
random share of it is dropped so that many clients failing together do not come back
together. Start-up (``bot.transient``) sleeps it; deliveries (``bot.delivery``) store it.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def backoff_delay(
    failures: int, *, base: float, cap: float, rng: Callable[[], float] = random.random
) -> float:
    """Seconds to wait after the ``failures``-th failure in a row (counted from 1): ``base``
    doubled per failure, at most ``cap``, then between half and all of that."""
    ceiling = min(cap, base * 2 ** max(failures - 1, 0))
    delay: float = ceiling * (0.5 + rng() / 2)
    return delay
