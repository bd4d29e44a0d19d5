"""HTML pages: main text through trafilatura, page metadata as evidence, charsets, refusals."""

from __future__ import annotations

import json

import pytest

from bot.config import Settings
from bot.ingest import Explanation, IngestError, WebPage, parse_file, parse_html
from bot.ingest.html_charset import decode_html, meta_charset
from bot.registry import Registry
from bot.store import Store
from tests.conftest import load
from tests.ingest.conftest import FIXTURES

PAGES = FIXTURES / "html"


def parse_fixture(name: str, registry: Registry, **options: object):
    path = PAGES / name
    (record,) = parse_file(path, path.read_bytes(), registry=registry, **options)  # type: ignore[arg-type]
    return record


def test_newsroom_page_keeps_the_article_and_drops_the_chrome(registry: Registry) -> None:
    record = parse_fixture("newsroom.html", registry)
    assert record.title == "Akeso Opens Guangzhou Antibody Plant"
    assert (record.date, record.date_precision) == ("2024-03-05", "day")
    assert (record.company, record.company_inferred) == ("Akeso", False)
    assert record.url == "https://www.akesobio.com/en/media/news/guangzhou-plant"
    assert record.body.startswith("GUANGZHOU, China, March 5, 2024")
    for chrome in (
        "cookies",
        "Pipeline",
        "Related news",
        "Fourth Quarter",
        "All rights",
        "dataLayer",
    ):
        assert chrome not in record.body
    assert record.quotes[0].speaker == "Michelle Xia"


def test_wire_page_publisher_is_not_the_company(registry: Registry) -> None:
    """The wire's name in og:site_name and JSON-LD is no company; the text names it."""
    record = parse_fixture("wire.html", registry)
    assert record.company == "Laekna"
    assert record.title == "Laekna Starts Phase 2 Trial of LAE002 in Breast Cancer"
    assert record.date == "2023-11-14"  # JSON-LD datePublished, time cut off
    assert "café" in record.body  # declared windows-1252 in <meta http-equiv>
    assert "More news from this source" not in record.body


def test_undeclared_gbk_page_is_detected(registry: Registry) -> None:
    record = parse_fixture("gbk.html", registry)
    assert record.title == "凯莱英发布2023年年度业绩"
    assert record.date == "2024-03-28"
    assert "首页" not in record.body


@pytest.mark.parametrize(
    ("name", "reason"),
    [("login.html", "login wall"), ("scripts.html", "mostly scripts")],
)
def test_pages_without_an_article_are_refused(name: str, reason: str, registry: Registry) -> None:
    path = PAGES / name
    with pytest.raises(IngestError, match=reason):
        parse_file(path, path.read_bytes(), registry=registry)


def test_sidecar_values_beat_page_metadata(registry: Registry) -> None:
    sidecar = json.dumps({"title": "Curated", "date": "2024-03-06", "url": "https://x.test/a"})
    record = parse_fixture("newsroom.html", registry, sidecar=sidecar.encode())
    assert (record.title, record.date, record.url) == ("Curated", "2024-03-06", "https://x.test/a")


def test_explain_lists_metadata_candidates_by_rule(registry: Registry) -> None:
    explanation = Explanation()
    parse_fixture("wire.html", registry, explain=explanation)
    title_rules = [c.rule for c in explanation.fields["title"]]
    assert title_rules[0] == "page metadata: JSON-LD headline"
    assert "page metadata: <title>, site name cut off" in title_rules
    assert explanation.fields["date"][0].rule == "page metadata: JSON-LD datePublished"
    wire = [c for c in explanation.fields["company"] if c.value == "Global Wire"]
    assert wire and all(c.rule.endswith("(not a known company)") for c in wire)


def test_fetched_page_takes_the_servers_address_without_canonical(registry: Registry) -> None:
    data = (PAGES / "wire.html").read_bytes()
    page = WebPage(data, url="https://wire.test/n/2", charset="windows-1252")
    record = parse_html(page, source="https://wire.test/n/2", registry=registry)
    assert record.url == "https://wire.test/n/2"


def test_utf8_bytes_win_over_a_wrong_label() -> None:
    data = "<p>Zürich café</p>".encode()
    assert "Zürich café" in decode_html(data, header_charset="iso-8859-1")


def test_label_used_when_bytes_are_not_utf8() -> None:
    data = '<meta charset="windows-1252"><p>Zürich café</p>'.encode("cp1252")
    assert meta_charset(data) == "windows-1252"
    assert "Zürich café" in decode_html(data, header_charset="utf-8")  # wrong header, right meta
    assert "Zürich café" in decode_html(data[len(b'<meta charset="windows-1252">') :], "latin-1")


def test_html_files_are_loaded_by_the_loader(store: Store, settings: Settings) -> None:
    folder = settings.data_dir / "releases" / "web"
    folder.mkdir()
    (folder / "plant.html").write_bytes((PAGES / "newsroom.html").read_bytes())
    (folder / "login.htm").write_bytes((PAGES / "login.html").read_bytes())
    report = load(store, settings, folder)
    assert report.tally.added == 1
    assert report.tally.failures == [("releases/web/login.htm", "a login wall, not an article")]
