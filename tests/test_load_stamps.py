"""Reloading by stamp: an unchanged file is skipped before it is read, a touched one is
read but not parsed, and a parser or sidecar change reads the pages again; a folder with
a changed page learns its boilerplate from the line keys stored for the rest."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, update

from bot import ingest
from bot.config import Settings
from bot.loading import reconcile
from bot.loading.parsing import pack_keys
from bot.store import Store
from bot.store.models import Release, SourceRow
from tests.conftest import load

HOUR_NS = 3600 * 1_000_000_000


def age(place: Path, hours: int = 1) -> None:
    """Date a file, or every file in a folder, back beyond the window in which a fresh
    stamp is not trusted."""
    when = time.time_ns() - hours * HOUR_NS
    for path in [place] if place.is_file() else place.rglob("*"):
        os.utime(path, ns=(when, when))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the pages the loader reads (sidecars aside)."""
    seen: list[str] = []
    real = ingest.read_source

    def counting(path: Path, *, max_bytes: int) -> bytes:
        if not ingest.is_sidecar(path):
            seen.append(path.name)
        return real(path, max_bytes=max_bytes)

    monkeypatch.setattr(ingest, "read_source", counting)
    yield seen


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    seen: list[str] = []
    real = ingest.parse_file

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "parse_file", counting)
    yield seen


def test_an_unchanged_file_is_not_even_read(
    store: Store, settings: Settings, reads: list[str], parses: list[str]
) -> None:
    age(settings.data_dir / "releases")
    load(store, settings)
    reads.clear()
    parses.clear()
    report = load(store, settings)
    assert (report.tally.unchanged, report.tally.changed) == (3, False)
    assert reads == [] and parses == []


def test_a_touched_file_is_read_not_parsed_then_skipped(
    store: Store, settings: Settings, reads: list[str], parses: list[str]
) -> None:
    folder = settings.data_dir / "releases"
    age(folder, hours=2)
    load(store, settings)
    touched = sorted(p for p in folder.iterdir() if p.is_file())[0]
    age(touched, hours=1)
    reads.clear()
    parses.clear()
    assert load(store, settings).tally.unchanged == 3
    assert reads == [touched.name] and parses == []
    reads.clear()
    assert load(store, settings).tally.unchanged == 3
    assert reads == []


def test_a_fresh_file_is_read_again_until_its_time_settles(
    store: Store, settings: Settings, reads: list[str]
) -> None:
    """Within the racy window an edit may keep size and time: the stamp is not kept."""
    for page in (settings.data_dir / "releases").iterdir():
        os.utime(page)
    load(store, settings)
    reads.clear()
    load(store, settings)
    assert len(reads) == 3


def test_a_parser_change_reads_every_page_again(
    store: Store,
    settings: Settings,
    parses: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    age(settings.data_dir / "releases")
    load(store, settings)
    parses.clear()
    monkeypatch.setattr(reconcile, "parser_fingerprint", lambda registry: b"a newer parser")
    assert load(store, settings).tally.unchanged == 3
    assert len(parses) == 3


def test_a_sidecar_edit_reads_its_page_again(
    store: Store, settings: Settings, parses: list[str]
) -> None:
    folder = settings.data_dir / "releases"
    page = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[0]
    sidecar = ingest.sidecar_for(page)
    sidecar.write_text(json.dumps({"url": "https://example.com/a"}), encoding="utf-8")
    age(folder, hours=2)
    load(store, settings)
    sidecar.write_text(json.dumps({"url": "https://example.com/b"}), encoding="utf-8")
    age(sidecar, hours=1)
    parses.clear()
    load(store, settings)
    assert parses == [page.name]
    assert "https://example.com/b" in {r.url for r in store.releases(list(range(1, 10)))}


def test_a_sidecar_added_beside_a_page_reads_it_again(
    store: Store, settings: Settings, parses: list[str]
) -> None:
    """A folder without sidecars is not asked for any: one that appears is still seen."""
    folder = settings.data_dir / "releases"
    page = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[0]
    age(folder, hours=2)
    load(store, settings)
    sidecar = ingest.sidecar_for(page)
    sidecar.write_text(json.dumps({"url": "https://example.com/new"}), encoding="utf-8")
    age(sidecar, hours=1)
    parses.clear()
    load(store, settings)
    assert parses == [page.name]
    assert "https://example.com/new" in {r.url for r in store.releases(list(range(1, 10)))}


def test_sources_carry_the_stamp_of_the_file_they_were_read_from(
    store: Store, settings: Settings
) -> None:
    folder = settings.data_dir / "releases"
    age(folder)
    load(store, settings)
    columns = {c["name"] for c in inspect(store.engine).get_columns("sources")}
    assert {"file_size", "file_mtime_ns", "read_with"} <= columns
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(SourceRow.path, SourceRow.file_size, SourceRow.file_mtime_ns)
        ).all()
    for path, size, mtime in rows:
        stat = (settings.data_dir / path).stat()
        assert (size, mtime) == (stat.st_size, stat.st_mtime_ns)


@pytest.mark.parametrize(
    "name", ["a/b/foo.txt", "foo.txt", "a/foo.", "a/.foo", "a/foo.tar.gz", "/x.y/z", "a/f..txt"]
)
def test_the_stat_side_looks_for_the_sidecar_the_reader_reads(name: str) -> None:
    path = Path(name)
    assert ingest.sidecar_location(name) == str(path.with_name(path.stem + ".meta.json"))


# A line only boilerplate learning removes: a sentence, so no chrome rule drops it alone.
FOOTER = (
    "Orbis Group serves patients and partners across forty countries, from Suzhou to Boston,"
    " every day."
)
_WORDS = [
    "amber",
    "basil",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "grove",
    "harbor",
    "iris",
    "jasper",
    "kelp",
    "lumen",
]


def write_site(folder: Path, count: int) -> list[Path]:
    """Pages of one site: each its own news, all ending with the site's footer."""
    folder.mkdir(parents=True)
    pages = []
    for n in range(count):
        word, other = _WORDS[n], _WORDS[-1 - n]
        page = folder / f"news{n}.txt"
        page.write_text(
            f"Orbis Therapeutics reports {word} {other} results\n\n"
            f"release time:2023-11-{n + 1:02d}\n\n"
            f"Orbis Therapeutics today said its {word} programme met the {other} goal in "
            f"{100 + n} patients across {n + 3} sites.\n\n{FOOTER}\n",
            encoding="utf-8",
        )
        pages.append(page)
    return pages


def stored_source(store: Store, page: Path, settings: Settings) -> tuple[str, str | None]:
    """The body of the release read from ``page``, and the line keys stored with it."""
    key = page.relative_to(settings.data_dir).as_posix()
    with store.engine.connect() as conn:
        body, keys = conn.execute(
            select(Release.body, SourceRow.line_keys)
            .join(SourceRow, SourceRow.release_id == Release.id)
            .where(SourceRow.path == key)
        ).one()
    return body, keys


def edit(page: Path) -> None:
    page.write_text(
        page.read_text(encoding="utf-8").replace(FOOTER, f"A new sentence closes it.\n\n{FOOTER}"),
        encoding="utf-8",
    )
    age(page)


def test_a_changed_page_learns_its_folder_from_the_keys_stored_for_the_rest(
    store: Store, settings: Settings, reads: list[str], tmp_path: Path
) -> None:
    pages = write_site(settings.data_dir / "releases" / "site", 6)
    age(settings.data_dir / "releases", hours=2)
    load(store, settings)
    edit(pages[2])
    reads.clear()
    assert load(store, settings).tally.updated == 1
    assert reads == [pages[2].name]
    body, keys = stored_source(store, pages[2], settings)
    assert "A new sentence closes it." in body and FOOTER not in body
    assert keys == pack_keys(ingest.line_keys(ingest.decode_text(pages[2].read_bytes())))
    # The same release as a load that reads every page of the folder.
    other = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    other.create_schema()
    load(other, settings)
    assert stored_source(other, pages[2], settings) == (body, keys)
    other.close()


def test_pages_stored_without_keys_are_read_when_their_folder_is_learned(
    store: Store, settings: Settings, reads: list[str]
) -> None:
    """Sources stored before line keys were kept have none: their pages are read."""
    pages = write_site(settings.data_dir / "releases" / "site", 6)
    age(settings.data_dir / "releases", hours=2)
    load(store, settings)
    with store.engine.begin() as conn:
        conn.execute(update(SourceRow).values(line_keys=None))
    edit(pages[2])
    reads.clear()
    load(store, settings)
    assert sorted(reads) == sorted(page.name for page in pages)
    body, keys = stored_source(store, pages[2], settings)
    assert FOOTER not in body and keys is not None
