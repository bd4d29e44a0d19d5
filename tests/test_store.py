"""The store's pure helpers and its search over hand-made records (no parsing involved)."""

from __future__ import annotations

import math
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.records import Quote, ReleaseRecord
from bot.store import (
    SearchQuery,
    Store,
    date_range,
    fts5_search,
    fts_match_expression,
    migrations,
    postgres_candidates,
)


def test_date_range_covers_the_precision() -> None:
    assert date_range("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert date_range("2021-02") == (date(2021, 2, 1), date(2021, 2, 28))
    assert date_range("2020-12") == (date(2020, 12, 1), date(2020, 12, 31))
    assert date_range("2021-10-11") == (date(2021, 10, 11), date(2021, 10, 11))
    assert date_range(None) == (None, None)


@pytest.mark.parametrize(
    "words",
    [
        ['"', "*", "NEAR(", "AND", "OR", "NOT", "title:", "{body}", "^x", ")"],
        ['a"b', "c'd", "e-f", "NEAR/3", "(x OR y)"],
        ["\x00", "\u200b", "‮", "@everyone"],
    ],
)
def test_match_expression_is_always_valid_fts5(words: list[str]) -> None:
    """Whatever users type, the expression parses: every word is a quoted literal."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    connection.execute("INSERT INTO t VALUES ('near and or not', 'x y')")
    query = SearchQuery(terms=tuple(words), excluded=tuple(words[:2]), title_only=True)
    positive, negative = fts_match_expression(query)
    for expression in (positive, negative):
        if expression:
            connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


def test_operators_are_searched_as_words() -> None:
    positive, _ = fts_match_expression(SearchQuery(terms=("NEAR", "OR")))
    assert positive == '("NEAR" AND "OR")'


def _record(
    n: int, *, company: str = "Acme", date_text: str | None = "2021-05-01", **extra: object
) -> ReleaseRecord:
    body = extra.pop(
        "body", f"Acme announced result number {n} in oncology. Revenue grew strongly."
    )
    return ReleaseRecord(
        company=company,
        title=str(extra.pop("title", f"Acme news {n}")),
        summary=f"Summary {n}.",
        body=str(body),
        source=f"r{n}.txt",
        date=date_text,
        date_precision=None if date_text is None else ("day" if len(date_text) == 10 else "year"),
        quotes=[Quote("Jane Roe", "CEO of Acme", f"We are proud of milestone {n}.")],
        figures=["$5 million"],
    )


@pytest.fixture
def filled(store: Store) -> Store:
    records = [
        _record(1, date_text="2021-05-01", title="Acme approval in oncology"),
        _record(
            2, date_text="2021", body="Acme partners with Beta on vaccines. A new plant opens."
        ),
        _record(3, date_text="2022-01-03", body="Acme oncology trial reaches phase III endpoint."),
        _record(4, date_text=None, body="Acme undated oncology note about vaccines and plants."),
    ]
    with store.load_transaction(actor="test", source="hand-made") as tx:
        for i, record in enumerate(records):
            release_id = tx.add_release(record, anchors=[i])
            tx.add_source(release_id, path=record.source, record_index=0, file_hash="h", url=None)
            tx.tally.added += 1
    return store


def test_year_filter_excludes_undated_and_sorts_newest_first(filled: Store) -> None:
    hits, total = filled.search(
        SearchQuery(since=date(2021, 1, 1), until=date(2021, 12, 31)), limit=10
    )
    assert total == 2
    assert [h.release.date_text for h in hits] == ["2021-05-01", "2021"]


def test_keyword_search_ranks_title_hits_first_with_snippets(filled: Store) -> None:
    hits, total = filled.search(SearchQuery(terms=("oncology",)), limit=10)
    assert total == 3
    assert hits[0].release.title == "Acme approval in oncology"
    assert all(h.snippet for h in hits)


def test_phrase_exclusion_and_title_scope(filled: Store) -> None:
    phrase, _ = filled.search(SearchQuery(phrases=(("phase", "iii"),)), limit=10)
    assert [h.release.date_text for h in phrase] == ["2022-01-03"]
    excluded, total = filled.search(SearchQuery(terms=("oncology",), excluded=("trial",)), limit=10)
    bodies = [release.body for release in filled.releases([h.release.id for h in excluded])]
    assert total == 2 and len(bodies) == 2 and all("trial" not in body for body in bodies)
    titled, _ = filled.search(SearchQuery(terms=("approval",), title_only=True), limit=10)
    assert len(titled) == 1
    _, total = filled.search(SearchQuery(excluded=("vaccines",)), limit=10)
    assert total == 2


def test_quotes_and_stats(filled: Store) -> None:
    rows, total = filled.quotes(speakers=["Jane Roe"], limit=2)
    assert total == 4 and len(rows) == 2
    stats = filled.stats()
    assert (stats.releases, stats.companies, stats.quotes) == (4, 1, 4)
    assert stats.data_version == 1
    assert stats.last_load is not None and stats.last_load.outcome == "ok"


def test_failed_load_rolls_back_and_is_recorded(filled: Store) -> None:
    with pytest.raises(RuntimeError), filled.load_transaction(actor="test", source="x") as tx:
        tx.add_release(_record(9), anchors=[])
        tx.flush()
        raise RuntimeError("parser exploded")
    assert filled.stats().releases == 4
    assert filled.data_version() == 1
    history = filled.load_history()
    assert history[0].outcome == "failed" and "parser exploded" in (history[0].error or "")


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(terms=("acme",)),
        SearchQuery(terms=("oncology",), excluded=("trial",)),
        SearchQuery(terms=("acme",), excluded=("vaccines", "approval")),
        SearchQuery(terms=("acme",), excluded=("oncology",), title_only=True),
        SearchQuery(phrases=(("phase", "iii"),), terms=("acme",)),
    ],
)
@pytest.mark.parametrize("read", ["walk", "windows", "estimated"])
def test_unfiltered_and_filtered_search_agree(
    filled: Store, query: SearchQuery, read: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index-only path (no company or date filter) pages, counts and ranks like either
    filtered path, whichever way the back end reads them: on SQLite the join of a broad
    filter or the id list of a narrow one; on PostgreSQL newest first, or by windows of the
    newest ids (from one id, or sized by the planner's estimate) down to the last one."""
    common = read == "walk"
    monkeypatch.setattr(fts5_search, "BROAD_FILTER", 1 if common else fts5_search.BROAD_FILTER)
    monkeypatch.setattr(postgres_candidates, "WALK_SHARE", 0.0 if common else math.inf)
    if read == "windows":  # from a window of one id, the next ones wider, the last the rest
        monkeypatch.setattr(postgres_candidates, "WINDOW_MARGIN", 1e-9)
    everyone = tuple(filled.release_counts())
    filtered = SearchQuery(
        terms=query.terms,
        phrases=query.phrases,
        excluded=query.excluded,
        title_only=query.title_only,
        company_ids=everyone,
    )

    def pages(q: SearchQuery) -> tuple[list[tuple[int, str | None, float | None]], set[int]]:
        seen, totals = [], set()
        for offset in range(0, 6, 2):
            hits, total = filled.search(q, limit=2, offset=offset)
            seen += [(h.release.id, h.snippet, h.rank) for h in hits]
            totals.add(total)
        return seen, totals

    fast, fast_totals = pages(query)
    joined, joined_totals = pages(filtered)
    assert fast == joined
    assert fast_totals == joined_totals == {len(fast)}
    assert [r for _, _, r in fast] == sorted(r for _, _, r in fast)
    whole, _ = filled.search(query, limit=10)
    assert [h.release.id for h in whole] == [i for i, _, _ in fast]


def test_words_within_filters_no_release_passes(filled: Store) -> None:
    nobody = SearchQuery(terms=("acme",), company_ids=(9_999,))
    assert filled.search(nobody, limit=5) == ([], 0)
    before = SearchQuery(terms=("acme",), until=date(1999, 12, 31))
    assert filled.search(before, limit=5, offset=5) == ([], 0)


def test_head_revision_constant_matches_the_scripts() -> None:
    """Start-up trusts ``HEAD`` instead of importing Alembic: it must name the newest script."""
    assert migrations.script_head() == migrations.HEAD


@pytest.mark.slow
def test_an_up_to_date_start_does_not_import_alembic(tmp_path: Path) -> None:
    """Importing Alembic costs more than the rest of a start; only migrating needs it."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    Store(url).create_schema()
    script = (
        "import sys\n"
        "from bot.store import Store\n"
        f"assert Store({url!r}).create_schema() == {migrations.HEAD!r}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
