"""The query service on the bundled data, and its query-text parsing."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from bot.lookup import (
    BadQuery,
    CompanyIndex,
    Lookup,
    NewsRequest,
    NotFound,
    QuoteRequest,
    TitleIndex,
    normalise_name,
    parse_news_query,
    parse_partial_date,
)
from bot.records import UNKNOWN_COMPANY
from bot.store import CompanyRow, Store


def test_query_syntax() -> None:
    parsed = parse_news_query('"phase III" -trial title:approval company:Akeso 2021-03..2021-06')
    search = parsed.search
    assert search.phrases == (("phase", "III"),)
    assert search.excluded == ("trial",)
    assert search.terms == ("approval",) and search.title_only
    assert parsed.company_words == "Akeso"
    assert (search.since, search.until) == (date(2021, 3, 1), date(2021, 6, 30))


def test_years_and_months_are_dates_not_words() -> None:
    assert parse_news_query("2021").search.since == date(2021, 1, 1)
    search = parse_news_query("2021-10 vaccine").search
    assert (search.since, search.until, search.terms) == (
        date(2021, 10, 1),
        date(2021, 10, 31),
        ("vaccine",),
    )
    assert parse_news_query("2021..").search.until is None


def test_unbalanced_quotes_and_operators_are_plain_text() -> None:
    search = parse_news_query('"unclosed phrase NEAR( * OR').search
    assert search.phrases == (("unclosed", "phrase", "NEAR(", "*", "OR"),)
    assert parse_news_query("").search.has_text is False


def test_partial_dates() -> None:
    assert parse_partial_date("2021-02") == (date(2021, 2, 1), date(2021, 2, 28))
    with pytest.raises(BadQuery):
        parse_partial_date("2021-13")
    with pytest.raises(BadQuery):
        parse_partial_date("yesterday")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("akeso", "Akeso"),
        ("Akesobio", "Akeso"),
        ("9926.HK", "Akeso"),
        ("laekna therapeutics", "Laekna"),
        ("leading pharm", "Leadingpharm"),
        ("LEADINGPHARMA MEDICINE", "Leadingpharm"),
        ("lekna", "Laekna"),
        ("Akeos", "Akeso"),
    ],
)
def test_company_resolution(lookup: Lookup, typed: str, expected: str) -> None:
    assert lookup.resolve_company(typed).name == expected


def test_unknown_company_suggests(lookup: Lookup) -> None:
    assert lookup.resolve_company("Lae").name == "Laekna"  # a unique prefix
    with pytest.raises(NotFound) as caught:
        lookup.resolve_company("laek bio")
    assert "Laekna" in caught.value.suggestions
    with pytest.raises(NotFound) as caught:
        lookup.resolve_company("Novartis")
    assert len(caught.value.suggestions) <= 5


def test_company_profile(lookup: Lookup) -> None:
    profile = lookup.company_profile("laekna")
    assert profile.release_count == 1
    assert profile.first_date == date(2021, 10, 11)
    assert profile.company.ticker == "2105.HK"
    assert profile.notable_quote is not None and profile.notable_quote.speaker
    (latest,) = profile.latest
    assert (latest.company, latest.date) == ("Laekna", "2021-10-11")
    assert latest.title and latest.summary and latest.snippet is None


def test_news_by_year_newest_first_without_undated(lookup: Lookup) -> None:
    page = lookup.news(NewsRequest("2021"))
    assert [r.company for r in page.results] == ["Laekna", "Leadingpharm"]
    assert not page.ranked


def test_news_by_month_and_company(lookup: Lookup) -> None:
    assert [r.company for r in lookup.news(NewsRequest("2021-10")).results] == ["Laekna"]
    page = lookup.news(NewsRequest("2021", company="Laekna"))
    assert page.total == 1
    with pytest.raises(NotFound):
        lookup.news(NewsRequest("2021", company="Akeso"))


def test_news_keywords_rank_and_snippet(lookup: Lookup) -> None:
    page = lookup.news(NewsRequest("R&D center"))
    assert page.results[0].company == "Akeso"
    assert page.ranked and page.results[0].snippet


def test_news_since_until_options(lookup: Lookup) -> None:
    page = lookup.news(NewsRequest("", since="2021-06", until="2022"))
    assert [r.company for r in page.results] == ["Laekna"]
    with pytest.raises(BadQuery):
        lookup.news(NewsRequest("", since="2022", until="2021"))


def test_quotes_by_speaker_fuzzy(lookup: Lookup) -> None:
    page = lookup.quotes(QuoteRequest(speaker="li jia"))
    assert page.results and all(q.speaker == "Li Jia" for q in page.results)
    assert "talent supply" in page.results[0].text
    with pytest.raises(NotFound):
        lookup.quotes(QuoteRequest(speaker="Zebulon Quux"))


def test_quotes_by_company_and_keyword(lookup: Lookup) -> None:
    page = lookup.quotes(QuoteRequest(company="akeso", keyword="gateway"))
    assert page.total == 1 and page.results[0].speaker == "Yu Xia"


def test_release_by_id_and_title(lookup: Lookup) -> None:
    by_title = lookup.release("headlines during Shanghai")
    assert by_title.company == "Laekna"
    assert lookup.release(f"#{by_title.id}").title == by_title.title
    assert lookup.release("headlnes shanghai").id == by_title.id  # a typo
    with pytest.raises(NotFound):
        lookup.release("#99999")


def test_autocomplete_limits(lookup: Lookup) -> None:
    assert [c.value for c in lookup.company_choices("aks")][:1] == ["Akeso"]
    assert len(lookup.company_choices("")) == 3
    assert lookup.release_choices("new year")[0].value.startswith("#")


def test_titles_and_speakers_are_read_when_first_needed(
    loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    for method in ("release_titles", "speakers"):
        original = getattr(loaded_store, method)
        monkeypatch.setattr(
            loaded_store, method, lambda o=original, m=method: reads.append(m) or o()
        )
    lookup = Lookup(loaded_store)
    assert reads == []
    assert lookup.release_choices("new year")
    lookup.release_choices("headlines")
    assert reads == ["release_titles"]
    lookup.refresh()
    lookup.release_choices("headlines")
    lookup.speaker_choices("")
    assert reads == ["release_titles", "release_titles", "speakers"]
    lookup.refresh()
    lookup.warm()
    lookup.release_choices("headlines")
    lookup.speaker_choices("")
    assert reads[3:] == ["release_titles", "speakers"]  # built by the warm-up, once


class _Cycle:
    """Garbage only the cyclic collector can free: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def test_warm_keeps_the_collector_off_the_indexes_but_frees_what_it_froze(
    lookup: Lookup, monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[None] = []
    collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda: collections.append(None) or collect())
    cycle = _Cycle()
    freed = weakref.ref(cycle)
    try:
        lookup.refresh()
        lookup.warm()
        assert gc.get_freeze_count() > 0 and len(collections) == 1
        del cycle
        collect()
        assert freed() is not None  # frozen: full collections pass it by
        lookup.warm()
        assert len(collections) == 1  # nothing to build: no collection either
        lookup.refresh()
        lookup.warm()
        assert freed() is None  # a warm that builds collects what the last one froze
    finally:
        gc.unfreeze()


def test_status_counts(lookup: Lookup) -> None:
    status = lookup.status()
    assert (status.releases, status.companies) == (3, 3)
    assert status.last_load is not None and status.last_load.added == 3


def test_normalise_name_keeps_letters_and_digits_of_any_script() -> None:
    assert normalise_name("  Leading_Pharm-2 (Ltd.) ") == "leadingpharm2ltd"
    assert normalise_name("Straße Ⅻ 百济") == "strasseⅻ百济"


def _titles(*titles: str) -> TitleIndex:
    return TitleIndex([(i, title, "Acme", None) for i, title in enumerate(titles, start=1)])


def test_title_search_puts_titles_starting_with_the_words_first() -> None:
    index = _titles(
        "Acme reports phase III results",
        "Phase III trial starts",
        "Second phase III readout",
        "Phase III  TRIAL completes",
        "Acme opens a plant",
    )
    assert [e.id for e in index.search("phase iii", 10)] == [2, 4, 1, 3]
    assert [e.id for e in index.search("phase iii", 3)] == [2, 4, 1]
    assert [e.id for e in index.search("Phase  III trial", 1)] == [2]
    assert [e.id for e in index.search("trial phase", 10)] == [2, 4]
    assert [e.id for e in index.search("", 2)] == [1, 2]
    assert index.search("vaccine", 5) == []


def test_title_search_corrects_typos_from_the_titles_words() -> None:
    index = _titles("Acme opens a plant in Shanghai", "Beta expands in Boston")
    assert [e.id for e in index.search("shangai plnt", 5)] == [1]


def test_title_search_finds_any_part_of_a_title() -> None:
    index = _titles("Acme's oncology-update in Q3", "Beta opens a plant")
    for typed in ("cology-up", "acme's", "me's onco", "e in q3", "ns a pla"):
        assert [e.id for e in index.search(typed, 5)] == [1 + typed.endswith("pla")], typed
    assert index.search("acme's zzzz", 5) == []


def _company(company_id: int, name: str, *aliases: str) -> CompanyRow:
    return CompanyRow(company_id, name, None, None, None, False, aliases)


def test_fuzzy_company_match_survives_a_typo_in_the_first_letter() -> None:
    index = CompanyIndex(
        [
            _company(1, "Laekna", "Laekna Therapeutics"),
            _company(2, "Akeso"),
            _company(3, "Beigene"),
        ],
        {},
    )
    assert index.fuzzy("Akeos", 5)[0][0] == 2  # scored within its first-letter bucket
    assert index.fuzzy("Kaekna", 5)[0][0] == 1  # nothing under "k": every spelling is scored
    assert index.fuzzy("zzzzzz", 5) == []


def test_releases_without_a_named_company_are_no_company_of_their_own() -> None:
    index = CompanyIndex([_company(1, "Akeso"), _company(2, UNKNOWN_COMPANY)], {1: 3, 2: 9})
    assert [entry.ref.name for entry in index.by_activity] == ["Akeso"]


def test_a_listing_alias_found_on_a_page_finds_the_company_by_its_symbol() -> None:
    index = CompanyIndex([_company(1, "Zentrix Foods", "NASDAQ: ZNTX"), _company(2, "Akeso")], {})
    assert index.exact("ZNTX") == 1 and index.exact("nasdaq: zntx") == 1
