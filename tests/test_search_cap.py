"""A common word: only the newest matches are ranked, and the count stops just past them."""

from __future__ import annotations

import math

import pytest

from bot.lookup import Lookup, NewsRequest
from bot.records import ReleaseRecord
from bot.render import news_embed
from bot.store import SEARCH_CANDIDATES, SearchQuery, Store, postgres_candidates

MATCHES = SEARCH_CANDIDATES + 3
BEST_TITLE = "Oncology oncology oncology"


@pytest.fixture
def crowded(store: Store) -> Store:
    """More releases holding "oncology" than a search ranks; the first loaded has the best title."""
    with store.load_transaction(actor="test", source="hand-made") as tx:
        for n in range(MATCHES):
            tx.add_release(
                ReleaseRecord(
                    company="Acme",
                    title=BEST_TITLE if n == 0 else f"Acme news {n}",
                    summary=f"Summary {n}.",
                    body=f"Acme result number {n} in oncology.",
                    source=f"r{n}.txt",
                ),
                anchors=[n],
            )
            tx.tally.added += 1
    return store


@pytest.mark.parametrize("read", ["walk", "windows", "estimated"])
def test_the_total_is_a_floor_and_the_newest_are_ranked(
    crowded: Store, read: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL, whichever way the candidates are read: newest first, from windows of
    the newest ids that end just where the candidates do, or from windows sized by the
    planner's estimate."""
    monkeypatch.setattr(postgres_candidates, "WALK_SHARE", 0.0 if read == "walk" else math.inf)
    if read == "windows":
        monkeypatch.setattr(postgres_candidates, "WINDOW_MARGIN", 1.0)
        monkeypatch.setattr(postgres_candidates, "_estimated_rows", lambda conn, query: MATCHES)
    hits, total = crowded.search(SearchQuery(terms=("oncology",)), limit=MATCHES)
    assert total == SEARCH_CANDIDATES + 1
    newest = sorted(release_id for release_id, *_ in crowded.release_titles())[-SEARCH_CANDIDATES:]
    assert sorted(h.release.id for h in hits) == newest
    assert BEST_TITLE not in {h.release.title for h in hits}
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


@pytest.mark.parametrize(
    ("window", "found", "reaches"),
    [
        # Most candidates found: the next window is sized for the rest, at their share.
        (10_000, 800, 10_000 + math.ceil((SEARCH_CANDIDATES + 1 - 800) * 1.5 / 0.08)),
        # Almost all found: the windows read so far still grow by a quarter.
        (10_000, 1_000, 12_500),
        # None found: the next window takes in all the rest.
        (10_000, 0, 100_000),
    ],
)
def test_the_next_window_is_sized_for_the_candidates_still_wanted(
    monkeypatch: pytest.MonkeyPatch, window: int, found: int, reaches: int
) -> None:
    monkeypatch.setattr(postgres_candidates, "WINDOW_MARGIN", 1.5)
    monkeypatch.setattr(postgres_candidates, "WINDOW_GROWTH", 1.25)
    assert min(postgres_candidates.next_window(window, found, 100_000), 100_000) == reaches


def test_news_says_more_than_the_cap(crowded: Store) -> None:
    page = Lookup(crowded).news(NewsRequest("oncology"))
    assert page.capped and page.total == SEARCH_CANDIDATES
    assert page.page_count == SEARCH_CANDIDATES // page.page_size
    assert (news_embed(page).description or "").startswith(f"{SEARCH_CANDIDATES:,}+ releases")
    narrower = Lookup(crowded).news(NewsRequest("oncology 1"))
    assert not narrower.capped
