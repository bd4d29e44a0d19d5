"""Loading files: idempotence, updates, removals, bad files, near-duplicates, rollback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import ingest
from bot.config import Settings
from bot.store import Store
from tests.conftest import load

PAGE = """Home | About | News | Contact us

Orbis Therapeutics doses first patient in phase II trial of OBX-7

release time:2023-11-28

Orbis Therapeutics today announced that the first patient has been dosed in its phase II trial of OBX-7 in solid tumours. The trial will enrol 120 patients across 14 sites in China and the United States.

"Dosing the first patient is a milestone for the whole team," said Mei Chen, Chief Medical Officer of Orbis Therapeutics.

The company raised RMB300 million in its series C round earlier this year.

Follow us on Linkedin
"""


def releases(settings: Settings) -> Path:
    return settings.data_dir / "releases"


def test_second_load_changes_nothing(store: Store, settings: Settings) -> None:
    first = load(store, settings)
    assert (first.tally.added, first.tally.failed) == (3, 0)
    version = store.data_version()
    second = load(store, settings)
    assert (second.tally.added, second.tally.updated, second.tally.unchanged) == (0, 0, 3)
    assert not second.tally.changed
    assert store.data_version() == version
    assert store.stats().releases == 3


def test_changed_file_updates_in_place_and_removed_file_goes(
    store: Store, settings: Settings
) -> None:
    page = releases(settings) / "orbis.txt"
    page.write_text(PAGE, encoding="utf-8")
    load(store, settings)
    before = {r.title: r.id for r in store.releases(list(range(1, 10)))}
    page.write_text(PAGE.replace("120 patients", "150 patients"), encoding="utf-8")
    report = load(store, settings)
    assert (report.tally.updated, report.tally.unchanged, report.tally.added) == (1, 3, 0)
    after = {r.title: r.id for r in store.releases(list(range(1, 10)))}
    assert after == before  # same ids: links to the release stay valid
    page.unlink()
    report = load(store, settings)
    assert report.tally.removed == 1 and store.stats().releases == 3


def test_bad_files_are_reported_and_the_rest_loads(store: Store, settings: Settings) -> None:
    folder = releases(settings)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "menu.txt").write_text(
        "Home\nContact us\nRSS Feeds\nFollow us on Linkedin\n", encoding="utf-8"
    )
    (folder / "broken.json").write_text('{"title": "x", "body": ', encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 60_000, encoding="utf-8")
    report = load(store, settings)
    reasons = dict(report.tally.failures)
    assert set(reasons) == {
        "releases/empty.txt",
        "releases/image.txt",
        "releases/menu.txt",
        "releases/broken.json",
        "releases/huge.txt",
    }
    assert "empty" in reasons["releases/empty.txt"]
    assert "binary" in reasons["releases/image.txt"]
    assert "JSON" in reasons["releases/broken.json"]
    assert "too large" in reasons["releases/huge.txt"]
    assert report.tally.added == 3
    history = store.load_history(1)[0]
    assert history.outcome == "partial" and len(history.failures) == 5


def test_encodings_load(store: Store, settings: Settings) -> None:
    for name, encoding in (
        ("utf16.txt", "utf-16"),
        ("gbk.txt", "gb18030"),
        ("bom.txt", "utf-8-sig"),
    ):
        # Distinct news per file: identical bodies would rightly merge as one release.
        text = f"Orbis {name[:3]} opens a research centre\n\nOrbis {name[:3]} said the {encoding} site in Suzhou will employ {len(name) * 40} scientists working on antibody drugs.\n\n公司新闻：研发中心奠基，投资{len(encoding)}亿元。\n"
        (releases(settings) / name).write_bytes(text.encode(encoding))
    report = load(store, settings)
    assert report.tally.added == 6, report.tally.failures


def test_near_duplicate_from_another_site_is_one_release(store: Store, settings: Settings) -> None:
    (releases(settings) / "site-a").mkdir()
    (releases(settings) / "site-b").mkdir()
    (releases(settings) / "site-a" / "orbis.txt").write_text(PAGE, encoding="utf-8")
    other_site = (
        PAGE.replace(
            "Home | About | News | Contact us", "Investors | Careers | Scroll down to see more"
        )
        .replace("Follow us on Linkedin", "Comments powered by CComment")
        .replace("across 14 sites", "across fourteen sites")
    )
    (releases(settings) / "site-b" / "orbis-copy.txt").write_text(other_site, encoding="utf-8")
    report = load(store, settings)
    assert (report.tally.added, report.tally.merged) == (4, 1)
    orbis = next(
        r for r in store.releases(list(range(1, 10))) if r.company.name.startswith("Orbis")
    )
    assert sorted(s.path for s in orbis.sources) == [
        "releases/site-a/orbis.txt",
        "releases/site-b/orbis-copy.txt",
    ]


def test_structured_records_and_sidecar(store: Store, settings: Settings) -> None:
    folder = releases(settings)
    records = [
        {
            "company": "Acme Bio",
            "title": f"Acme {n}",
            "date": "2022-03",
            "body": f"Acme Bio news item {n} about oncology.",
        }
        for n in range(3)
    ]
    (folder / "acme.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (folder / "orbis.txt").write_text(PAGE, encoding="utf-8")
    (folder / "orbis.meta.json").write_text(
        json.dumps(
            {
                "url": "https://orbis.example/news/1",
                "date": "2023-11-27",
                "company": "Orbis Therapeutics",
            }
        ),
        encoding="utf-8",
    )
    report = load(store, settings)
    assert report.tally.added == 7, report.tally.failures
    detail = [r for r in store.releases(list(range(1, 20))) if r.url]
    assert detail[0].url == "https://orbis.example/news/1" and detail[0].date_text == "2023-11-27"
    acme = [r for r in store.releases(list(range(1, 20))) if r.company.name == "Acme Bio"]
    assert len(acme) == 3 and all(r.date_precision == "month" for r in acme)


def test_failure_mid_load_leaves_previous_data(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(store, settings)
    before = [(r.id, r.title, r.body) for r in store.releases([1, 2, 3])]
    (releases(settings) / "orbis.txt").write_text(PAGE, encoding="utf-8")
    (releases(settings) / "001_a680f3aa43d68e99.txt").write_text(
        PAGE.replace("Orbis", "Zeta"), encoding="utf-8"
    )
    real_parse = ingest.parse_file
    calls = 0

    def exploding_parse(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("parser crashed")
        return real_parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "parse_file", exploding_parse)
    with pytest.raises(RuntimeError):
        load(store, settings)
    assert [(r.id, r.title, r.body) for r in store.releases([1, 2, 3])] == before
    assert store.stats().releases == 3
    assert store.load_history(1)[0].outcome == "failed"
    monkeypatch.setattr(ingest, "parse_file", real_parse)
    report = load(store, settings)
    assert (report.tally.added, report.tally.updated) == (1, 1)


def test_missing_root_is_reported(store: Store, settings: Settings) -> None:
    report = load(store, settings, settings.data_dir / "nowhere")
    assert report.tally.failures == [(str(settings.data_dir / "nowhere"), "no such file or folder")]


def test_links_out_of_the_folder_are_reported_not_followed(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PAGE, encoding="utf-8")
    (releases(settings) / "leak.txt").symlink_to(secret)
    report = load(store, settings)
    assert report.tally.added == 3
    assert report.tally.failures == [
        ("releases/leak.txt", "a link leading outside the loaded folder: not followed")
    ]


@pytest.mark.slow
def test_parallel_parsing_gives_the_same_records(
    store: Store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big loads parse in worker processes; what they store must not depend on that."""
    from bot import loader
    from bot.loading import workers

    folder = releases(settings) / "many"
    folder.mkdir()
    for n in range(24):
        page = PAGE.replace("OBX-7", f"OBX-{n}").replace("120 patients", f"{100 + n} patients")
        (folder / f"page{n:02d}.txt").write_text(
            page.replace("2023-11-28", f"2023-11-{n + 1:02d}"), encoding="utf-8"
        )
    (folder / "bad.txt").write_bytes(b"")
    serial = load(store, settings)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(workers, "BATCH_FILES", 4)
    other = Store(f"sqlite:///{tmp_path / 'parallel.sqlite3'}")
    other.create_schema()
    parallel = loader.load_paths(
        other, data_dir=settings.data_dir, max_file_bytes=settings.max_file_bytes, workers=2
    )

    def snapshot(s: Store) -> list[tuple[object, ...]]:
        rows = s.releases(list(range(1, 40)))
        return sorted(
            (r.title, r.date_text, r.company.name, r.summary, len(r.quotes)) for r in rows
        )

    assert (parallel.tally.added, parallel.tally.merged, parallel.tally.failures) == (
        serial.tally.added,
        serial.tally.merged,
        serial.tally.failures,
    )
    assert snapshot(other) == snapshot(store)
    keys = stored_line_keys(store)
    assert stored_line_keys(other) == keys  # learned in workers as in this process
    assert all(keys[source] for source in keys if source[0].startswith("releases/many/"))
    other.close()


def stored_line_keys(store: Store) -> dict[tuple[str, int], str | None]:
    from sqlalchemy import select

    from bot.store.models import SourceRow

    with store.engine.connect() as conn:
        rows = conn.execute(select(SourceRow.path, SourceRow.record_index, SourceRow.line_keys))
        return {(path, index): keys for path, index, keys in rows}


def test_a_folder_up_to_the_whole_size_goes_to_one_worker() -> None:
    """Only one worker then learns its boilerplate; a bigger folder is split."""
    from bot.loading.parsing import FileTask, FolderTask
    from bot.loading.workers import BATCH_FILES, batches

    def folder(name: str, count: int) -> FolderTask:
        files = tuple(FileTask(f"{name}/{n}.txt", f"{name}/{n}", None, None) for n in range(count))
        return FolderTask(name, tuple(file.path for file in files), files)

    small, medium, big = folder("a", 3), folder("b", BATCH_FILES + 5), folder("c", 3 * BATCH_FILES)
    parts = [
        [(task.folder, len(task.files)) for task in batch]
        for batch in batches([small, medium, big], whole_up_to=2 * BATCH_FILES)
    ]
    assert parts == [
        [("a", 3), ("b", BATCH_FILES + 5)],
        [("c", BATCH_FILES)],
        [("c", BATCH_FILES)],
        [("c", BATCH_FILES)],
    ]
    assert [len(task.files) for batch in batches([medium]) for task in batch] == [BATCH_FILES, 5]


def test_linked_folders_are_reported_not_walked(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.txt").write_text(PAGE, encoding="utf-8")
    (releases(settings) / "mirror").symlink_to(elsewhere, target_is_directory=True)
    report = load(store, settings)
    assert report.tally.added == 3
    assert report.tally.failures == [("releases/mirror", "a linked folder: not followed")]


def test_a_removed_release_id_is_never_issued_again(store: Store, settings: Settings) -> None:
    page = releases(settings) / "orbis.txt"
    page.write_text(PAGE, encoding="utf-8")
    load(store, settings)
    newest = max(r.id for r in store.releases(list(range(1, 10))))
    page.unlink()
    load(store, settings)
    (releases(settings) / "zeta.txt").write_text(PAGE.replace("Orbis", "Zeta"), encoding="utf-8")
    load(store, settings)
    zeta = [r for r in store.releases(list(range(1, 10))) if r.company.name.startswith("Zeta")]
    assert len(zeta) == 1 and zeta[0].id == newest + 1


def test_an_inferred_company_is_one_company_under_every_name_its_pages_give(
    store: Store, settings: Settings
) -> None:
    body = "Orbitron Medical today opened a diagnostics plant in Suzhou for hospitals in Asia."
    records = [
        {"company": "Orbitron Medical", "company_inferred": True, "title": "Plant opens",
         "company_aliases": ["Orbitron Medical Inc.", "NASDAQ: ORBT"], "body": body},
        {"company": "Orbitron Medical Inc.", "company_inferred": True, "title": "Second plant",
         "body": body.replace("Suzhou", "Ohio")},
    ]  # fmt: skip
    (releases(settings) / "orbitron.json").write_text(json.dumps(records), encoding="utf-8")
    load(store, settings)
    rows = {row.name: row for row in store.company_rows()}
    assert "Orbitron Medical Inc." not in rows
    assert set(rows["Orbitron Medical"].aliases) == {"Orbitron Medical Inc.", "NASDAQ: ORBT"}
    assert store.company_stats(rows["Orbitron Medical"].id).release_count == 2


def test_a_registry_edit_makes_the_next_load_read_pages_again(
    store: Store, settings: Settings
) -> None:
    (releases(settings) / "orbis.txt").write_text(PAGE, encoding="utf-8")
    load(store, settings)
    assert "Orbis Therapeutics" not in {
        row.name for row in store.company_rows() if not row.inferred
    }
    registry = settings.data_dir / "companies.toml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + '\n[[company]]\nname = "Orbis"\naliases = ["Orbis Therapeutics"]\n',
        encoding="utf-8",
    )
    report = load(store, settings)
    assert report.tally.updated == 1 and report.tally.unchanged == 3
    assert {row.name for row in store.company_rows() if not row.inferred} >= {"Orbis"}


def test_parse_workers_import_neither_the_store_nor_discord() -> None:
    """A worker pays for the parser only: SQLAlchemy and discord.py would only slow its start."""
    from bot.loading.parsing import PageReader
    from bot.loading.workers import worker_pool
    from bot.registry import Registry

    pool = worker_pool(PageReader(Registry(), max_file_bytes=1_000, fingerprint=b""), 1)
    with pool:
        modules = pool.submit(eval, "sorted(__import__('sys').modules)").result()
    assert {"bot.loading.parsing", "bot.loading.workers"} <= set(modules)
    unwanted = ("sqlalchemy", "discord", "bot.store", "bot.render", "bot.loader")
    assert [m for m in modules if m.startswith(unwanted)] == []
