"""The synthetic benchmark corpus must be reproducible and as messy as real scrapes."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from benchmarks.corpus import SyntheticCompany, main, make_companies, make_page, write_corpus
from bot.registry import load_registry


def _pages(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / "releases").rglob("*.txt"))
    }


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.casefold().split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


@pytest.fixture(scope="module")
def companies() -> list[SyntheticCompany]:
    return make_companies(60, seed=3)


@pytest.fixture(scope="module")
def sample_pages(companies: list[SyntheticCompany]) -> list[str]:
    rng = random.Random(11)
    return [make_page(companies[i % 60], i, rng, companies=companies) for i in range(200)]


def test_same_seed_writes_identical_bytes(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", releases=60, companies=8, seed=5)
    second = write_corpus(tmp_path / "b", releases=60, companies=8, seed=5)
    assert _pages(first) == _pages(second)
    assert (first / "companies.toml").read_bytes() == (second / "companies.toml").read_bytes()


def test_other_seed_writes_other_pages(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", releases=20, companies=4, seed=5)
    second = write_corpus(tmp_path / "b", releases=20, companies=4, seed=6)
    assert _pages(first) != _pages(second)


def test_counts_layout_and_registry(tmp_path: Path) -> None:
    out = write_corpus(tmp_path / "corpus", releases=150, companies=12, seed=1)
    pages = _pages(out)
    assert len(pages) == 150
    assert all(re.fullmatch(r"releases/www\.[a-z.]+/\d{6}\.txt", name) for name in pages)
    registry = load_registry(out / "companies.toml")
    assert len(registry.companies) == 12
    hosts = {
        entry.website.removeprefix("https://") for entry in registry.companies if entry.website
    }
    assert {name.split("/")[1] for name in pages} <= hosts
    for entry, company in zip(registry.companies, make_companies(12, seed=1), strict=True):
        assert (entry.name, entry.aliases, entry.ticker) == (
            company.name,
            company.aliases,
            company.ticker,
        )
        assert entry.exchange == company.exchange


def test_companies_are_unique_and_plausible() -> None:
    roster = make_companies(2_000, seed=9)
    spellings = [s.casefold() for c in roster for s in (c.name, *c.aliases, c.ticker)]
    assert len(spellings) == len(set(spellings))
    assert len({c.website for c in roster}) == len(roster)
    assert {c.site_style for c in roster} == set(range(5))
    assert {c.exchange for c in roster} >= {"HKEX", "NASDAQ", "SSE"}
    suffixes = ("Therapeutics", "Biopharma", "Pharma", "Bio", "Medicine", "Biosciences")
    assert any(a.endswith(suffixes) for c in roster for a in c.aliases)
    assert any(re.fullmatch(r"\d{4}\.HK", c.ticker) for c in roster)
    assert any(re.fullmatch(r"[A-Z]{4}", c.ticker) for c in roster)


def test_pages_mix_dates_titles_quotes_and_noise(
    sample_pages: list[str], companies: list[SyntheticCompany]
) -> None:
    joined = "\n".join(sample_pages)
    date_styles = {
        "iso": r"\b20[12]\d-\d\d-\d\d\b",
        "long": r"\b(January|March|October|December) \d{1,2}, 20[12]\d\b",
        "ap": r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d{1,2}, 20[12]\d\b",
        "dmy": r"\b\d{1,2} (January|March|June|November) 20[12]\d\b",
        "cjk": r"20[12]\d年\d{1,2}月\d{1,2}日",
        "dateline": r"[A-Z ]+, [A-Z][a-z]+\.? \d{1,2}, 20[12]\d (/PRNewswire|\(GLOBE)",
        "release time": r"release time:20[12]\d-\d\d-\d\d",
    }
    for style, pattern in date_styles.items():
        assert re.search(pattern, joined), f"no {style} date in 200 pages"
    for noise in (
        "Scroll down to see more",
        "Contact us",
        "RSS Feeds",
        "Comments powered by",
        "hot line:",
        "1. Name*",
        "2. Email*",
        "Follow us on",
        "\xa0",
    ):
        assert noise in joined, noise
    assert "“" in joined and '"' in joined
    assert re.search(r"[”\"] said [A-Z]", joined) or re.search(r", said [A-Z]", joined)
    assert re.search(r"(RMB|US\$|HK\$)\d", joined)
    assert re.search(r"\d[\d,]*\.\d\d m2", joined)
    assert re.search(r"\d%", joined)

    sizes = sorted(len(page.encode()) for page in sample_pages)
    assert 2_000 < sizes[len(sizes) // 2] < 4_500

    styles = [companies[i % 60].site_style for i in range(200)]
    titled = [page for page, style in zip(sample_pages, styles, strict=True) if style == 0]
    untitled = [page for page, style in zip(sample_pages, styles, strict=True) if style == 2]
    assert titled and untitled
    # Style 0 opens with the nav line then the title; style 2 opens straight into prose.
    title_lines = [page.split("\n\n")[1] for page in titled]
    assert sum(not line.endswith(".") for line in title_lines) >= 0.8 * len(titled)
    assert all(not page.startswith(("Scroll", "stock(", "中文")) for page in untitled)
    assert re.search(r"[^\s\x00-\x7f]{2}(官方|官网|平台|入口|首页)\n", joined)


def test_site_boilerplate_recurs_on_every_page(companies: list[SyntheticCompany]) -> None:
    rng = random.Random(2)
    company = next(c for c in companies if c.site_style == 3)
    pages = [make_page(company, i, rng, companies=companies) for i in range(5)]
    footer = pages[0][pages[0].index(f"About {company.name}") :]
    assert all(page.endswith(footer) for page in pages)
    assert len({page.split("\n\n", 2)[1] for page in pages}) > 1


def test_duplicate_share_produces_rescrapes_on_other_sites(tmp_path: Path) -> None:
    out = write_corpus(tmp_path / "c", releases=200, companies=15, seed=4, duplicate_share=0.05)
    pages = sorted(_pages(out).items(), key=lambda item: item[0].rsplit("/", 1)[1])
    shingles = [_shingles(body.decode()) for _, body in pages]
    near = []
    for i in range(len(pages) - 1):
        a, b = shingles[i], shingles[i + 1]
        if len(a & b) / len(a | b) > 0.45:
            near.append((pages[i][0], pages[i + 1][0]))
    assert 5 <= len(near) <= 15
    by_name = dict(pages)
    for first, second in near:
        assert first.split("/")[1] != second.split("/")[1], "a re-scrape lives on another site"
        assert by_name[first] != by_name[second], "and differs from the original"


def test_no_duplicates_when_share_is_zero(tmp_path: Path) -> None:
    out = write_corpus(tmp_path / "c", releases=80, companies=6, seed=4, duplicate_share=0)
    bodies = [_shingles(body.decode()) for body in _pages(out).values()]
    worst = max(len(a & b) / len(a | b) for i, a in enumerate(bodies) for b in bodies[i + 1 :])
    assert worst < 0.45


def test_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    write_corpus(tmp_path, releases=3, companies=2)
    with pytest.raises(FileExistsError):
        write_corpus(tmp_path, releases=3, companies=2)


def test_cli_reports_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [str(tmp_path / "cli"), "--releases", "25", "--companies", "5", "--seed", "2"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "wrote 25 pages" in out and "5 companies" in out
    assert main(argv) == 2
