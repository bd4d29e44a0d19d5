"""One word matcher: ``/news``, ``/quote`` keywords and follow keywords find the same releases.

Words, ``"phrases"`` and ``-exclusions`` are parsed by one parser and matched as whole
words through the store's full-text index, on every back end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.lookup import Lookup, NewsRequest, NotFound, QuoteRequest, parse_news_query
from bot.store import Store
from tests.conftest import load

QUOTED_PAGE = """Northwind Bio starts an AI screening programme

SHANGHAI, March 3, 2022 -- Northwind Bio today said it will screen antibody candidates with
machine learning across its phase III trials.

"AI lets our chemists test ideas in days, not months," said Ada Lin, Chief Executive Officer
of Northwind Bio. "The first candidates enter phase III trials next year."
"""

# Queries every command must answer alike: words, stems, phrases, exclusions, and "ai",
# which a substring match would find inside "said", "Shanghai" and "chain".
SHARED_QUERIES = (
    "ai",
    "antibody",
    "trial",
    '"phase III"',
    "Shanghai -antibody",
    "candidates",
    "industry chain",
    '"global R&D"',
    "xylophone",
)


@pytest.fixture
def words_lookup(loaded_store: Store, settings: Settings, data_dir: Path) -> Lookup:
    (data_dir / "releases" / "northwind.txt").write_text(QUOTED_PAGE, encoding="utf-8")
    load(loaded_store, settings)
    return Lookup(loaded_store)


def _news_ids(lookup: Lookup, query: str) -> set[int]:
    try:
        page = lookup.news(NewsRequest(query=query), page_size=100)
    except NotFound:
        return set()
    return {summary.id for summary in page.results}


def _quote_release_ids(lookup: Lookup, query: str) -> set[int]:
    try:
        page = lookup.quotes(QuoteRequest(keyword=query), page_size=100)
    except NotFound:
        return set()
    return {quote.release_id for quote in page.results}


def test_a_quote_keyword_is_a_whole_word_not_a_substring(words_lookup: Lookup) -> None:
    page = words_lookup.quotes(QuoteRequest(keyword="ai"))
    assert [quote.speaker for quote in page.results] == ["Ada Lin"]
    assert all("AI" in quote.text for quote in page.results)
    with pytest.raises(NotFound):
        words_lookup.quotes(QuoteRequest(keyword="ai -chemists"))


def test_quote_keywords_find_stems_and_phrases_as_news_does(words_lookup: Lookup) -> None:
    assert {q.speaker for q in words_lookup.quotes(QuoteRequest(keyword="trial")).results} == {
        "Ada Lin"
    }
    with pytest.raises(NotFound):
        words_lookup.quotes(QuoteRequest(keyword='"trials phase"'))


@pytest.mark.parametrize("query", SHARED_QUERIES)
def test_quotes_come_from_releases_news_finds(words_lookup: Lookup, query: str) -> None:
    assert _quote_release_ids(words_lookup, query) <= _news_ids(words_lookup, query)


@pytest.mark.parametrize("query", SHARED_QUERIES)
def test_the_store_matcher_agrees_with_news(words_lookup: Lookup, query: str) -> None:
    every_release = {row[0] for row in words_lookup.store.release_titles()}
    matched = words_lookup.store.matching_release_ids(
        parse_news_query(query).search, sorted(every_release)
    )
    assert matched == _news_ids(words_lookup, query)


def test_the_shared_queries_are_not_trivial(words_lookup: Lookup) -> None:
    """Some shared queries match, some do not: agreement on empty answers proves nothing."""
    found = [bool(_news_ids(words_lookup, query)) for query in SHARED_QUERIES]
    assert any(found) and not all(found)
    assert any(_quote_release_ids(words_lookup, query) for query in SHARED_QUERIES)
