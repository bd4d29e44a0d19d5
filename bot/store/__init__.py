"""The store: SQLAlchemy models, the full-text index, and every SQL statement newsbot runs.

Nothing outside this package writes SQL. Writers go through ``LoadTransaction``
(one transaction per load: readers see the old data or the new data, never half);
readers go through the query methods of ``Store``, which return ORM rows or small
tuples that ``lookup`` turns into plain dataclasses.
"""

from bot.store.feeds import FeedExists, FeedState, FeedStore, PollResult
from bot.store.loading import FileStamp, LoadTally, LoadTransaction, StoredSource
from bot.store.models import (
    Base,
    Company,
    CompanyAlias,
    FigureRow,
    LoadRun,
    MetaRow,
    QuoteRow,
    Release,
    SourceRow,
    date_range,
    quotes_search_text,
)
from bot.store.search import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    SearchHit,
    SearchQuery,
    fts_match_expression,
)
from bot.store.service import (
    CompanyRow,
    CompanyStats,
    DataStats,
    Store,
    StoreBusyError,
    StoreUnavailable,
)
from bot.store.subscriptions import (
    Delivery,
    Subscription,
    SubscriptionStore,
    UndeliveredRelease,
)

__all__ = [
    "SNIPPET_CLOSE",
    "SNIPPET_OPEN",
    "Base",
    "Company",
    "CompanyAlias",
    "CompanyRow",
    "CompanyStats",
    "DataStats",
    "Delivery",
    "FeedExists",
    "FeedState",
    "FeedStore",
    "FigureRow",
    "FileStamp",
    "LoadRun",
    "LoadTally",
    "LoadTransaction",
    "MetaRow",
    "PollResult",
    "QuoteRow",
    "Release",
    "SearchHit",
    "SearchQuery",
    "SourceRow",
    "Store",
    "StoreBusyError",
    "StoreUnavailable",
    "StoredSource",
    "Subscription",
    "SubscriptionStore",
    "UndeliveredRelease",
    "date_range",
    "fts_match_expression",
    "quotes_search_text",
]
