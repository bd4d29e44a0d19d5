"""One word matcher: ``/news``, ``/quote`` keywords and follow keywords find the same releases.

Words, ``"phrases"`` and ``-exclusions`` are parsed by one parser and matched as whole
words through the store's full-text index, on every back end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.follow_keywords import describe_keywords, parse_keywords, wanted
from bot.lookup import Lookup, NewsRequest, NotFound, QuoteRequest, parse_news_query
from bot.store import Store, Subscription
from bot.store.cjk_text import SPACER, query_words, spaced, unspaced
from bot.store.followed_releases import followed_releases
from tests.conftest import load

QUOTED_PAGE = """Northwind Bio starts an AI screening programme

SHANGHAI, March 3, 2022 -- Northwind Bio today said it will screen antibody candidates with
machine learning across its phase III trials.

"AI lets our chemists test ideas in days, not months," said Ada Lin, Chief Executive Officer
of Northwind Bio. "The first candidates enter phase III trials next year."
"""

# Chinese and Japanese write words without spaces between them: "获批" and "臨床試験" sit
# inside longer runs of characters.
CHINESE_PAGE = """康方生物依沃西单抗在中国获批上市

中山，2024年5月24日 -- 康方生物今日宣布，其自主研发的依沃西单抗注射液已获国家药品监督管理局批准上市。

“依沃西单抗获批上市是公司发展的重要里程碑，”康方生物董事长夏瑜博士表示。“我们将尽快让患者用上这款新药。”
"""

JAPANESE_PAGE = """Akeso、新しい抗体の臨床試験を開始

東京、2024年6月3日 -- Akesoは本日、新しい抗体の臨床試験を日本で開始したと発表しました。

代表取締役社長の山田太郎は、「この臨床試験は私たちにとって大きな一歩です」と述べました。
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
    "获批",
    "临床 -获批",
    "批获",
    "臨床試験",
    "抗体 -患者",
)


@pytest.fixture
def words_lookup(loaded_store: Store, settings: Settings, data_dir: Path) -> Lookup:
    for name, page in (
        ("northwind", QUOTED_PAGE),
        ("akeso_zh", CHINESE_PAGE),
        ("akeso_ja", JAPANESE_PAGE),
    ):
        (data_dir / "releases" / f"{name}.txt").write_text(page, encoding="utf-8")
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


@pytest.mark.parametrize(
    ("word", "title", "speaker"),
    [
        ("获批", "康方生物依沃西单抗在中国获批上市", "夏瑜博士"),
        ("臨床試験", "Akeso、新しい抗体の臨床試験を開始", "山田太郎"),
    ],
)
def test_a_cjk_word_is_found_inside_a_sentence(
    words_lookup: Lookup, word: str, title: str, speaker: str
) -> None:
    """Each CJK character is a word of the index, and a CJK query word the phrase of them."""
    (found,) = words_lookup.news(NewsRequest(query=word)).results
    assert found.title == title
    # Marked in the snippet, which shows the text as written (no index spacing in it).
    assert found.snippet is not None and f"\x02{word[:2]}" in found.snippet
    assert SPACER not in found.snippet
    quotes = words_lookup.quotes(QuoteRequest(keyword=word)).results
    assert [quote.speaker for quote in quotes] == [speaker]
    with pytest.raises(NotFound):
        words_lookup.news(NewsRequest(query=word[::-1]))  # the characters in another order


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


@pytest.mark.parametrize("query", SHARED_QUERIES)
def test_follow_keywords_agree_with_news(words_lookup: Lookup, query: str) -> None:
    """Keywords as ``/follow`` stores them pick, among all releases, what ``/news`` finds."""
    store = words_lookup.store
    keywords = describe_keywords(parse_keywords(query))
    follower = Subscription(1, 1, 1, "any", keywords, None, None)
    with store.engine.connect() as conn:
        releases = followed_releases(conn, [row[0] for row in store.release_titles()])
    chosen = wanted(store, [(follower, release) for release in releases.values()])
    assert {release.id for _, release in chosen} == _news_ids(words_lookup, query)


def test_the_shared_queries_are_not_trivial(words_lookup: Lookup) -> None:
    """Some shared queries match, some do not: agreement on empty answers proves nothing."""
    found = [bool(_news_ids(words_lookup, query)) for query in SHARED_QUERIES]
    assert any(found) and not all(found)
    assert any(_quote_release_ids(words_lookup, query) for query in SHARED_QUERIES)


def test_the_cjk_migration_indexes_stored_releases_again(words_lookup: Lookup) -> None:
    """A database from before CJK words finds "获批" once migrated, and again not after
    going back (on PostgreSQL when ``TEST_DATABASE_URL`` is set)."""
    from alembic import command

    from bot.store import migrations

    engine = words_lookup.store.engine
    with engine.begin() as conn:
        command.downgrade(migrations._config(conn), "0007")
    assert _news_ids(words_lookup, "获批") == set()
    assert _news_ids(words_lookup, "antibody")
    with engine.begin() as conn:
        migrations.upgrade(conn)
    assert _news_ids(words_lookup, "获批") and _quote_release_ids(words_lookup, "臨床試験")


def test_the_index_spaces_cjk_characters_only() -> None:
    """Latin text reaches the index unchanged; Han, Kana and Hangul one character a word,
    as the query side splits them."""
    latin = "Phase III trial of OBX-7 in Zürich"
    assert spaced(latin) is latin and spaced("Zürich “quoted”") == "Zürich “quoted”"
    assert spaced("新药获批") == "".join(f"{SPACER}{c}{SPACER}" for c in "新药获批")
    for word in ("新药获批", "カタカナ", "臨床試験", "한국어"):
        assert query_words(word) == list(word)
        assert unspaced(spaced(word) or "") == word
    assert query_words("mRNA疫苗") == ["mRNA", "疫", "苗"]
