"""A whole corpus on disk: pages in one folder per site, and the matching ``companies.toml``."""

from __future__ import annotations

import itertools
import os
import random
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus.companies import SyntheticCompany, make_companies
from benchmarks.corpus.pages import render_page, title_suffix_for
from benchmarks.corpus.releases import Release, make_release, rescrape
from benchmarks.corpus.sites import site_of, spam_suffix


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _registry_text(companies: Sequence[SyntheticCompany], seed: int) -> str:
    lines = [f"# Synthetic registry written by benchmarks.corpus (seed {seed}).", ""]
    for company in companies:
        aliases = ", ".join(_toml_string(a) for a in company.aliases)
        lines += [
            "[[company]]",
            f"name = {_toml_string(company.name)}",
            f"aliases = [{aliases}]",
            f"ticker = {_toml_string(company.ticker)}",
            f"exchange = {_toml_string(company.exchange)}",
            f"website = {_toml_string(company.website)}",
            "",
        ]
    return "\n".join(lines)


def write_corpus(
    out_dir: Path,
    *,
    releases: int,
    companies: int,
    seed: int = 7,
    duplicate_share: float = 0.01,
) -> Path:
    """Write ``releases`` pages under ``out_dir/releases/<site>/`` plus ``companies.toml``.

    ``out_dir`` then has the same layout as the bot's data directory. Publishing volume
    is skewed (weight 1/sqrt(rank)) like real newsrooms; ``duplicate_share`` of the pages
    re-publish the previous release on a partner's site with that site's boilerplate and
    a different title suffix, for near-duplicate detection. Refuses a non-empty
    ``releases`` folder so stale pages never inflate a benchmark.
    """
    if releases < 0 or companies < 1:
        raise ValueError("need releases >= 0 and companies >= 1")
    if not 0 <= duplicate_share < 1:
        raise ValueError("duplicate_share must be in [0, 1)")
    releases_dir = out_dir / "releases"
    if releases_dir.exists() and any(releases_dir.iterdir()):
        raise FileExistsError(f"{releases_dir} is not empty; pick a fresh directory")
    releases_dir.mkdir(parents=True, exist_ok=True)
    roster = make_companies(companies, seed=seed)
    (out_dir / "companies.toml").write_text(_registry_text(roster, seed), encoding="utf-8")

    rng = random.Random(f"pages|{seed}")
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.5 for rank in range(companies)))
    authors = rng.choices(roster, cum_weights=cumulative, k=releases)
    duplicates = round(releases * duplicate_share) if companies > 1 else 0
    duplicate_at = set(rng.sample(range(1, releases), min(duplicates, max(releases - 1, 0))))
    width = max(6, len(str(releases - 1)))
    newsroom_counts: dict[str, int] = {}
    made_dirs: set[str] = set()
    root = str(releases_dir)
    previous: Release | None = None
    reposted = False
    for number, author in enumerate(authors):
        if number in duplicate_at and previous is not None:
            # The partner reposts first; any further copy lands on some third site.
            host = previous.partner
            if reposted and companies > 2:
                while host in (previous.company, previous.partner):
                    host = rng.choice(roster)
            reposted = True
            site = site_of(host)
            page = render_page(site, rescrape(previous, rng), rng, spam_suffix(rng))
        else:
            site = site_of(author)
            index = newsroom_counts.get(author.name, 0)
            newsroom_counts[author.name] = index + 1
            previous = make_release(author, index, rng, roster)
            reposted = False
            page = render_page(site, previous, rng, title_suffix_for(site, rng))
        folder = os.path.join(root, site.host)
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        with open(os.path.join(folder, f"{number:0{width}d}.txt"), "wb") as handle:
            handle.write(page.encode("utf-8"))
    return out_dir
