"""The benchmark scripts run end to end on a tiny corpus, so they cannot rot unnoticed.

Only that they finish and print their tables is checked: speed is for the full-size
runs, which a test machine cannot judge.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import bench_live, bench_load, bench_query

pytestmark = pytest.mark.slow

TINY = ["--releases", "200", "--companies", "50", "--seed", "3"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for both scripts, so the tiny corpus is generated once."""
    return tmp_path_factory.mktemp("bench")


def test_bench_load_prints_every_figure(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_load.main([*TINY, "--out", str(out), "--no-profile"]) == 0
    printed = capsys.readouterr().out
    for measure in ("first load: throughput", "first load / bare insert", "second load"):
        assert measure in printed
    assert "200 files" in printed
    assert "200 unchanged" in printed
    assert "one fetched page (a poll; merged)" in printed  # found to be the file's release


def test_bench_query_prints_every_figure(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_query.main([*TINY, "--out", str(out), "--queries", "10", "--no-profile"]) == 0
    printed = capsys.readouterr().out
    for measure in (
        "company autocomplete",
        "release autocomplete",
        "/company profile",
        "/news keyword",
        "/news by date",
        "/news keyword via Discord layer",
        "RSS when ready",
    ):
        assert measure in printed
    # Every handler answered something rather than crashing into the error handler.
    assert "features that failed" not in printed


def test_bench_live_prints_every_figure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tiny = ["--pages", "8", "--feeds", "6", "--sites", "2", "--news", "2", "--runs", "1"]
    assert bench_live.main([*tiny, "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    for measure in ("HTML → record (trafilatura + parser)", "bare: decode + lxml tree", "cores"):
        assert measure in printed
    assert "round with 2 news" in printed and "4 unchanged  2 added" in printed
