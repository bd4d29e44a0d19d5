"""A load reads what it needs of the store: a load of a few fetched pages reads only
their own stored sources, and looks content hashes and near-duplicate anchors up one by
one until it has asked for many — with the same answers as reading them all."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from bot import ingest
from bot.config import Settings
from bot.loader import ParsedSource, load_sources
from bot.loading import duplicates
from bot.loading.duplicates import DuplicateFinder
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry
from bot.store import Store
from bot.store.load_state import StoredState
from bot.store.models import ReleaseAnchor
from tests.conftest import load
from tests.test_loader import PAGE, releases

OTHER_SITE = (
    PAGE.replace("Home | About | News | Contact us", "Investors | Careers")
    .replace("Follow us on Linkedin", "Comments powered by CComment")
    .replace("across 14 sites", "across fourteen sites")
)


def two_sites(store: Store, settings: Settings) -> None:
    """The bundled pages, and one release read from two sites (a source count of 2)."""
    for site, text in (("site-a", PAGE), ("site-b", OTHER_SITE)):
        (releases(settings) / site).mkdir()
        (releases(settings) / site / "orbis.txt").write_text(text, encoding="utf-8")
    assert load(store, settings).tally.merged == 1


def test_the_sources_of_some_paths_are_those_of_all(store: Store, settings: Settings) -> None:
    two_sites(store, settings)
    with store.engine.connect() as conn:
        stored = StoredState(conn)
        every = stored.sources()
        wanted = {"releases/site-b/orbis.txt", sorted(path for path, _ in every)[0], "nowhere"}
        some = stored.sources(wanted)
    assert some == {key: source for key, source in every.items() if key[0] in wanted}
    assert some[("releases/site-b/orbis.txt", 0)].source_count == 2  # counted over all


def test_a_load_of_fetched_pages_reads_only_their_own_sources(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_sites(store, settings)
    asked: list[object] = []
    real = StoredState.sources

    def spying(self: StoredState, paths: object = None) -> object:
        asked.append(paths)
        return real(self, paths)  # type: ignore[arg-type]

    monkeypatch.setattr(StoredState, "sources", spying)
    # As in a store big enough that a lookup is cheaper than a scan: none is read whole.
    monkeypatch.setattr(duplicates, "ANCHOR_LOOKUP_COST", 1)
    monkeypatch.setattr(duplicates, "HASH_LOOKUP_COST", 1)
    monkeypatch.setattr(StoredState, "anchor_index", None)
    monkeypatch.setattr(StoredState, "content_hashes", None)
    registry = load_registry(settings.data_dir / "companies.toml")
    page = "https://example.com/orbis"
    fetched = ingest.parse_page(OTHER_SITE, registry=registry, source=page)
    report = load_sources(
        store,
        [ParsedSource(page, "digest", [fetched])],
        registry=registry,
        actor="test",
        label="fetch",
    )
    assert asked == [{page}]
    assert report.tally.merged == 1  # still found to be the release the files gave


def test_content_hashes_looked_up_or_scanned_give_the_same_owners(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_sites(store, settings)
    monkeypatch.setattr(duplicates, "HASH_LOOKUP_COST", 2)  # 2 lookups, then a scan
    with store.load_transaction(actor="test", source="check") as tx:
        stored = tx.stored.content_hashes()
        finder = DuplicateFinder(tx)
        remembered = next(iter(stored))
        finder.remember(123_456, _record(remembered), ())  # this load's news wins
        asked = [*stored, "no such text", *stored]
        owners = [finder.owner(content_hash) for content_hash in asked]
    expected = {**stored, remembered: 123_456}
    assert owners == [expected.get(content_hash) for content_hash in asked]


def _record(content_hash: str) -> ReleaseRecord:
    return replace(
        ingest.parse_page(PAGE, registry=Registry(), source="x"), content_hash=content_hash
    )


def test_anchors_looked_up_or_scanned_give_the_same_holders(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_sites(store, settings)
    monkeypatch.setattr(duplicates, "ANCHOR_LOOKUP_COST", 3)  # 1 lookup, then a scan
    with store.load_transaction(actor="test", source="check") as tx:
        every = tx.stored.anchor_index(duplicates.ANCHOR_FANOUT)
        finder = DuplicateFinder(tx)
        asked = [[anchor] for anchor in every] + [list(every), [42]]
        holders = [finder.holders(anchors) for anchors in asked]  # looked up, then scanned
    assert holders == [[rid for a in anchors for rid in every.get(a, ())] for anchors in asked]
    assert all(holders[:-1]) and holders[-1] == []


def test_a_changed_page_replaces_its_release_anchors(store: Store, settings: Settings) -> None:
    page = releases(settings) / "orbis.txt"
    page.write_text(PAGE, encoding="utf-8")
    load(store, settings)
    before = release_anchors(store)
    page.write_text(
        PAGE.replace("series C round", "series D round, led by new investors"), encoding="utf-8"
    )
    assert load(store, settings).tally.updated == 1
    after = release_anchors(store)
    changed = {rid for rid in after if after[rid] != before.get(rid)}
    assert len(changed) == 1 and set(after) == set(before)
    (release_id,) = changed
    record = ingest.parse_page(page.read_text(encoding="utf-8"), registry=Registry(), source="x")
    assert after[release_id] == set(ingest.anchor_keys(record.body))


def release_anchors(store: Store) -> dict[int, set[int]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(ReleaseAnchor.release_id, ReleaseAnchor.anchor)).all()
    found: dict[int, set[int]] = {}
    for release_id, anchor in rows:
        found.setdefault(release_id, set()).add(anchor)
    return found


def test_anchors_survive_the_migration_down_and_up(store: Store, settings: Settings) -> None:
    from alembic import command

    from bot.store import migrations

    two_sites(store, settings)
    before = release_anchors(store)
    with store.engine.begin() as conn:
        command.downgrade(migrations._config(conn), "0011")
    with store.engine.begin() as conn:
        migrations.upgrade(conn)
    assert release_anchors(store) == before and before
