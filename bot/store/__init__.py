"""The store: SQLAlchemy models, the full-text index, and every SQL statement newsbot runs.

Nothing outside this package writes SQL. Writers go through ``LoadTransaction``
(one transaction per load: readers see the old data or the new data, never half);
readers go through the query methods of ``Store``, which return frozen dataclasses
(``StoredRelease``, ``ReleaseLine``, ``QuoteHit``, ``LoadRecord``, ...) built inside the
store, or small tuples: no ORM row ever leaves it. ``utc_now`` is exported on purpose:
every time the store keeps is naive UTC, and callers compare theirs with it. The ORM
classes stay in ``bot.store.models``, unexported: tests that need a table import it there.
"""

from bot.store.companies import CompanyRow, CompanyStats
from bot.store.deliveries import DeliveryStore, UndeliveredRelease
from bot.store.engine import StoreUnavailable
from bot.store.feeds import FEED_URL_LENGTH, FeedExists, FeedState, FeedStore, PollResult
from bot.store.followed_releases import FollowedRelease
from bot.store.fts5_search import fts_match_expression
from bot.store.history import LoadRecord
from bot.store.loading import LoadTally, LoadTransaction, StoredSource
from bot.store.models import date_range, utc_now
from bot.store.quotes import QuoteHit
from bot.store.releases import ReleaseLine, ReleaseSource, StoredRelease
from bot.store.search import (
    SEARCH_CANDIDATES,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    SearchHit,
    SearchQuery,
)
from bot.store.service import (
    DataStats,
    Store,
    StoreBusyError,
)
from bot.store.subscriptions import Subscription, SubscriptionStore

__all__ = [
    "FEED_URL_LENGTH",
    "SEARCH_CANDIDATES",
    "SNIPPET_CLOSE",
    "SNIPPET_OPEN",
    "CompanyRow",
    "CompanyStats",
    "DataStats",
    "DeliveryStore",
    "FeedExists",
    "FeedState",
    "FeedStore",
    "FollowedRelease",
    "LoadRecord",
    "LoadTally",
    "LoadTransaction",
    "PollResult",
    "QuoteHit",
    "ReleaseLine",
    "ReleaseSource",
    "SearchHit",
    "SearchQuery",
    "Store",
    "StoreBusyError",
    "StoreUnavailable",
    "StoredRelease",
    "StoredSource",
    "Subscription",
    "SubscriptionStore",
    "UndeliveredRelease",
    "date_range",
    "fts_match_expression",
    "utc_now",
]
