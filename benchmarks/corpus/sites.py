"""A company's newsroom: the header, footer, date style and quirks on all its pages."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from benchmarks.corpus.companies import SyntheticCompany
from benchmarks.corpus.dates import DATE_FORMATS, SPAN_DAYS
from benchmarks.corpus.names import CN_SURNAMES, ROLES, SPAM_CHARS, SPAM_TAILS, person_name
from benchmarks.corpus.places import CITIES, EXCHANGES_LONG
from benchmarks.corpus.science import INDICATIONS, INN_POOL, MODALITIES


@dataclass(frozen=True)
class Site:
    """Everything that stays the same on every page of one company's newsroom."""

    company: SyntheticCompany
    host: str
    header: str
    footer: str
    date_format: str
    date_prefix: str
    date_at_end: bool
    wire: str
    straight_quotes: bool
    curly_apostrophes: bool
    nbsp: bool
    title_suffix: str
    suffix_rate: float
    people: tuple[tuple[str, str], ...]
    pipeline: tuple[tuple[str, str], ...]
    first_day: int
    gap_days: int


def spam_suffix(rng: random.Random) -> str:
    """A keyword-stuffing tail glued to the title, like hijacked sites append."""
    glue = rng.choice(("-", "_", "", "-"))
    return glue + "".join(rng.sample(SPAM_CHARS, 2)) + rng.choice(SPAM_TAILS)


def _signup_form(rng: random.Random, name: str) -> str:
    intro = rng.choice(
        (
            f"If you want to know more about {name}, please fill in the form below and sign up "
            "for emails:",
            f"To receive {name} news by email, please complete the form below:",
            f"Subscribe to {name} updates:",
        )
    )
    extra = rng.sample(("Company", "Occupation", "Phone", "Country/Region", "Job Title"), 2)
    fields = ["Name*", "Email*", *extra]
    numbered = "\n".join(f"  {i}. {f}" for i, f in enumerate(fields, 1))
    return f"{intro}\n{numbered}"


def _site_chrome(rng: random.Random, company: SyntheticCompany, host: str) -> tuple[str, str]:
    """Header and footer text for the company's site, in the style of its template."""
    name = company.name
    code = company.ticker.split(".")[0]
    year = rng.randint(2016, 2024)
    icp = f"{rng.choice('沪京苏浙粤')}ICP备{rng.randint(10_000_000, 99_999_999)}号"
    social = rng.choice(
        (
            "Follow us on Linkedin",
            "Follow us on WeChat",
            "Follow us on Linkedin\nFollow us on Twitter",
        )
    )
    style = company.site_style
    if style == 0:
        header = "Scroll down to see more"
        footer = (
            f"Media contact\n\nContact us\nRSS Feeds\n{_signup_form(rng, name)}\n\n\n\n{social}"
        )
    elif style == 1:
        phone = f"0{rng.randint(10, 29)}-{rng.randint(60_000_000, 89_999_999)}"
        header = f"stock({code})hot line:{phone}\n\n\nunderstand the latest news of {name}"
        footer = f"contact us | sitemap | legal notice\ncopyright © {year} {name} {icp}"
    elif style == 2:
        header = ""
        footer = "Comments powered by CComment"
        if rng.random() < 0.5:
            footer = "Share this:\nFacebook\nTwitter\nLinkedIn\n\n" + footer
    elif style == 3:
        header = rng.choice(("Press Releases\n\nBack to News", "News Releases", "Newsroom"))
        about = (
            f"{company.aliases[0]} is a biopharmaceutical company headquartered in "
            f"{rng.choice(CITIES)} focused on {rng.choice(MODALITIES)} programs for "
            f"{rng.choice(INDICATIONS)} and other serious diseases. Its shares trade on "
            f"the {EXCHANGES_LONG[company.exchange]} ({company.ticker}). Learn more at "
            f"{company.website}."
        )
        fls = (
            f"This release contains forward-looking statements about {name}'s plans, "
            "trials and products. Actual results may differ materially because of risks "
            "and uncertainties, and the company undertakes no duty to update them."
        )
        footer = (
            f"About {name}\n\n{about}\n\nForward-Looking Statements\n\n{fls}\n\n"
            f"SOURCE {company.aliases[0]}\n\nRSS Feeds | Contact us | Privacy Policy"
        )
    else:
        nav = ["Home", "About Us", "Pipeline", "News", "Investors", "Careers", "Contact us"]
        header = "中文 | EN\n" + "\n".join(nav) + "\n\nHome > News > Company News"
        footer = (
            f"{social}\nCopyright © {year} {name} Co., Ltd. All rights reserved. {icp}\n"
            f"Address: No. {rng.randint(1, 999)} {rng.choice(CN_SURNAMES)}jiang Road, "
            f"{rng.choice(CITIES)}\nEmail: ir@{host.removeprefix('www.')}"
        )
    return header, footer


@functools.lru_cache(maxsize=32_768)
def site_of(company: SyntheticCompany) -> Site:
    """Derive the site from the company alone, so its boilerplate recurs on every page."""
    rng = random.Random(f"{company.website}|{company.ticker}")
    host = company.website.removeprefix("https://")
    header, footer = _site_chrome(rng, company, host)
    style = company.site_style
    if style == 1:
        date_format = "release_time"
    elif style == 3:
        date_format = "dateline" if rng.random() < 0.8 else "ap"
    else:
        date_format = rng.choice(DATE_FORMATS)
    roll = rng.random()
    if roll < 0.25:
        title_suffix, suffix_rate = spam_suffix(rng), 0.5
    elif roll < 0.4:
        title_suffix = rng.choice((f" - {company.name} News", f"_{company.name} official website"))
        suffix_rate = 1.0
    else:
        title_suffix, suffix_rate = "", 0.0
    code = "".join(ch for ch in company.ticker if ch.isalpha())[:3]
    code = code if len(code) >= 2 and code not in ("HK", "SS", "SZ") else company.name[:2].upper()
    pipeline = tuple(
        (f"{code}{rng.randint(1, 999):03d}", rng.choice(INN_POOL) if rng.random() < 0.6 else "")
        for _ in range(rng.randint(3, 6))
    )
    return Site(
        company=company,
        host=host,
        header=header,
        footer=footer,
        date_format=date_format,
        date_prefix=rng.choice(("", "", "Date: ", "Posted on ", "Release date: ")),
        date_at_end=style == 2 and rng.random() < 0.5,
        wire=rng.choice((" /PRNewswire/ -- ", " /PRNewswire-Asia/ -- ", " (GLOBE NEWSWIRE) -- ")),
        straight_quotes=rng.random() < 0.5,
        curly_apostrophes=rng.random() < 0.3,
        nbsp=style in (1, 2) or rng.random() < 0.15,
        title_suffix=title_suffix,
        suffix_rate=suffix_rate,
        people=tuple((person_name(rng), role) for role in rng.sample(ROLES, 3)),
        pipeline=pipeline,
        first_day=rng.randrange(SPAN_DAYS),
        gap_days=rng.randint(5, 60),
    )
