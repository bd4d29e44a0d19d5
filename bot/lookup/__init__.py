"""The query service: what users ask, answered as plain dataclasses.

No Discord here: the slash commands, the offline CLI and the tests all call ``Lookup``
and hand the result to ``render``. The package holds the answers (``views``), the
query text (``query_text``), the in-memory indexes (``company_index``, ``title_index``,
``speaker_index``) and the service itself (``service``); callers import from here.
"""

from bot.lookup.company_index import CompanyIndex, normalise_name
from bot.lookup.failures import BadQuery, LookupFailure, NotFound
from bot.lookup.query_text import parse_news_query, parse_partial_date
from bot.lookup.service import Lookup
from bot.lookup.title_index import TitleIndex
from bot.lookup.views import (
    Choice,
    CompanyListing,
    CompanyProfile,
    NewsPage,
    NewsRequest,
    QuotePage,
    QuoteRequest,
    QuoteView,
    ReleaseDetail,
    ReleaseSummary,
    StatusView,
    count_pages,
)

__all__ = [
    "BadQuery",
    "Choice",
    "CompanyIndex",
    "CompanyListing",
    "CompanyProfile",
    "Lookup",
    "LookupFailure",
    "NewsPage",
    "NewsRequest",
    "NotFound",
    "QuotePage",
    "QuoteRequest",
    "QuoteView",
    "ReleaseDetail",
    "ReleaseSummary",
    "StatusView",
    "TitleIndex",
    "count_pages",
    "normalise_name",
    "parse_news_query",
    "parse_partial_date",
]
