"""``newsbot fetch URL… [--load]`` and ``newsbot parse URL``, against the local site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import default_database_url
from tests.ingest.conftest import FIXTURES
from tests.sources.site import LocalSite, Page

NEWSROOM = (FIXTURES / "html" / "newsroom.html").read_bytes()
WIRE = (FIXTURES / "html" / "wire.html").read_bytes()


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("DATABASE_URL", default_database_url(data_dir))
    (data_dir / "feeds.toml").write_text("[polling]\nhost_interval = 0\n")
    return data_dir


def test_parse_url_prints_the_record_and_explains(
    env: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pages["/news/plant"] = Page(NEWSROOM)
    assert main(["parse", site.url("/news/plant"), "--json", "--explain"]) == 0
    out, err = capsys.readouterr()
    (record,) = json.loads(out)
    assert (record["company"], record["date"]) == ("Akeso", "2024-03-05")
    assert record["source"] == site.url("/news/plant")
    assert "page metadata: og:title" in err
    assert not (env / "db").exists()


def test_fetch_uses_the_header_charset_and_reports_failures_by_address(
    env: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pages["/wire"] = Page(WIRE.replace(b"windows-1252", b"x-unknown"), charset="windows-1252")
    assert main(["fetch", site.url("/wire"), site.url("/gone"), "--json"]) == 1
    out, err = capsys.readouterr()
    (record,) = json.loads(out)
    assert "café" in record["body"]
    assert f"{site.url('/gone')}: cannot fetch: HTTP 404: the page is gone" in err


def test_fetch_load_loads_once_then_finds_it_unchanged(
    env: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pages["/news/plant"] = Page(NEWSROOM)
    assert main(["fetch", "--load", site.url("/news/plant")]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["fetch", "--load", site.url("/news/plant")]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    assert main(["ask", "/news Guangzhou antibody"]) == 0
    assert "Akeso Opens Guangzhou Antibody Plant" in capsys.readouterr().out


def test_watch_once_polls_the_feeds_file(
    env: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.sources.test_poller import rss

    site.pages["/plant"] = Page(NEWSROOM)
    site.pages["/rss"] = Page(rss("/plant"), "application/rss+xml")
    (env / "feeds.toml").write_text(
        f'[polling]\nhost_interval = 0\n\n[[feed]]\nurl = "{site.url("/rss")}"\n'
    )
    assert main(["watch", "--once"]) == 0
    out = capsys.readouterr().out
    assert "1 feeds polled (0 unchanged, 0 failed), 1 new pages: 1 added" in out
    assert main(["watch", "--once"]) == 0
    assert "0 feeds polled" in capsys.readouterr().out  # not due again for 15 minutes


def test_a_page_served_without_any_charset_is_detected(
    env: Path, site: LocalSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pages["/cn"] = Page((FIXTURES / "html" / "gbk.html").read_bytes(), charset=None)
    assert main(["parse", site.url("/cn"), "--json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["title"] == "凯莱英发布2023年年度业绩"
