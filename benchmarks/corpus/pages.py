"""A release laid out as one site prints it: boilerplate, date line and quirks included."""

from __future__ import annotations

import random
from collections.abc import Sequence

from benchmarks.corpus.companies import SyntheticCompany
from benchmarks.corpus.dates import format_date
from benchmarks.corpus.releases import Release, make_release
from benchmarks.corpus.sites import Site, site_of


def render_page(site: Site, release: Release, rng: random.Random, title_suffix: str) -> str:
    """Lay the release out the way ``site`` would, boilerplate and quirks included."""
    paragraphs = list(release.paragraphs)
    if release.day and site.date_format == "dateline":
        city = release.city.upper()
        paragraphs[0] = f"{city}, {format_date(release.day, 'ap')}{site.wire}{paragraphs[0]}"
    body = "\n\n".join(paragraphs)
    if site.straight_quotes:
        body = body.replace("“", '"').replace("”", '"')
    if site.curly_apostrophes:
        body = body.replace("'", "’")
    if site.nbsp:
        name = site.company.name
        body = body.replace(f" {release.city}", f"\xa0 {release.city}", 2)
        body = body.replace(f"of {name}", f"of\xa0 {name}", 1).replace(". ", ".\xa0 ", 1)
    if site.company.site_style == 1:
        body = "\xa0 \xa0 \xa0 " + body.replace("\n\n", "\n\n\n\xa0 \xa0 \xa0 ", 3)

    date_line = ""
    if release.day and site.date_format == "release_time":
        date_line = f"release time:{release.day.isoformat()}"
    elif release.day and site.date_format != "dateline":
        date_line = site.date_prefix + format_date(release.day, site.date_format)

    parts = [site.header] if site.header else []
    if release.title and site.company.site_style != 2:
        parts.append(release.title + title_suffix)
        if site.company.site_style == 0:
            parts.append("")
    if date_line and not site.date_at_end:
        parts.append(date_line)
    parts.append(body)
    if date_line and site.date_at_end:
        parts.append(date_line)
    elif site.company.site_style == 1 and release.day and rng.random() < 0.3:
        signer = site.people[0][1]
        parts.append(f"{signer} of {site.company.name}\n\n\n{format_date(release.day, 'long')}")
    parts.append(site.footer)
    page = "\n\n".join(parts)
    return page.lower() if site.company.site_style == 1 else page


def title_suffix_for(site: Site, rng: random.Random) -> str:
    return site.title_suffix if site.suffix_rate and rng.random() < site.suffix_rate else ""


def make_page(
    company: SyntheticCompany,
    index: int,
    rng: random.Random,
    *,
    companies: Sequence[SyntheticCompany],
) -> str:
    """One scraped page for ``company``; ``index`` is its number within that newsroom.

    The index moves the release date forward and rotates through the company's pipeline,
    so one company's pages read like a newsroom over time. ``companies`` supplies the
    partners a release may name.
    """
    release = make_release(company, index, rng, companies)
    site = site_of(company)
    return render_page(site, release, rng, title_suffix_for(site, rng))
