"""A release's content, independent of the site that shows it; and its rescrape elsewhere."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from benchmarks.corpus.companies import SyntheticCompany
from benchmarks.corpus.dates import FIRST_DAY, MONTHS, SPAN_DAYS
from benchmarks.corpus.names import ROLES, person_name
from benchmarks.corpus.places import (
    CITIES,
    CONFERENCES,
    EXCHANGES_LONG,
    FACILITIES,
    HOSPITALS,
    JOURNALS,
    REGIONS,
    ROUNDS,
)
from benchmarks.corpus.science import (
    DESIGNATIONS,
    ENDPOINTS,
    FILINGS,
    INDICATIONS,
    MODALITIES,
    PHASES,
    REGULATOR_POOL,
    TARGETS,
)
from benchmarks.corpus.sites import Site, site_of
from benchmarks.corpus.templates import BACKGROUND, CLOSINGS, EVENTS, FIGURES, QUOTES


@dataclass(frozen=True)
class Release:
    """Site-independent content, so one release can be rendered on two sites."""

    company: SyntheticCompany
    partner: SyntheticCompany
    title: str | None
    day: date | None
    city: str
    paragraphs: tuple[str, ...]


def _money(rng: random.Random) -> str:
    pick = rng.randrange(7)
    if pick == 0:
        return f"RMB{rng.randint(50, 990)} million"
    if pick == 1:
        return f"RMB{rng.uniform(1, 20):.2f} billion"
    if pick == 2:
        return f"US${rng.uniform(0.5, 99):.1f} billion"
    if pick == 3:
        return f"US${rng.randint(10, 900)} million"
    if pick == 4:
        return f"HK${rng.uniform(100, 9000):,.2f} million"
    if pick == 5:
        return f"{rng.randint(20, 900)} billion yuan"
    return f"USD {rng.randint(5, 500)} million"


def _pct(rng: random.Random) -> str:
    return f"{rng.randint(5, 90)}%" if rng.random() < 0.5 else f"{rng.uniform(5, 90):.1f}%"


_Draw = Callable[[random.Random, "_Topic"], str]

# Page-level words: drawn once, then repeated by every sentence that names them, so a
# release keeps talking about the same indication, city and trial.
_TOPIC_DRAWS: dict[str, _Draw] = {
    "ind": lambda r, t: r.choice(INDICATIONS),
    "ind2": lambda r, t: r.choice(INDICATIONS),
    "ind3": lambda r, t: r.choice(INDICATIONS),
    "target": lambda r, t: r.choice(TARGETS),
    "target2": lambda r, t: r.choice(TARGETS),
    "mod": lambda r, t: r.choice(MODALITIES),
    "phase": lambda r, t: r.choice(PHASES),
    "end": lambda r, t: r.choice(ENDPOINTS),
    "end2": lambda r, t: r.choice(ENDPOINTS),
    "desig": lambda r, t: r.choice(DESIGNATIONS),
    "filing": lambda r, t: r.choice(FILINGS),
    "city2": lambda r, t: r.choice(CITIES),
    "region": lambda r, t: r.choice(REGIONS),
    "conf": lambda r, t: r.choice(CONFERENCES),
    "journal": lambda r, t: r.choice(JOURNALS),
    "hosp": lambda r, t: r.choice(HOSPITALS),
    "hosp2": lambda r, t: r.choice(HOSPITALS),
    "fac": lambda r, t: r.choice(FACILITIES),
    "round": lambda r, t: r.choice(ROUNDS),
    "inv": lambda r, t: person_name(r),
    "person": lambda r, t: person_name(r),
    "role": lambda r, t: r.choice(ROLES),
    "year2": lambda r, t: str(int(t["year"]) + 1),
    "year3": lambda r, t: str(int(t["year"]) + r.randint(2, 6)),
    "month": lambda r, t: r.choice(MONTHS),
    "count": lambda r, t: f"{r.randint(40, 4_000):,}",
    "staff": lambda r, t: f"{r.randint(1, 30) * 50:,}",
    "k": lambda r, t: str(r.randint(3, 60)),
    "dose": lambda r, t: r.choice(("1", "3", "5", "10", "20")),
    "weeks": lambda r, t: r.choice(("2", "3", "4")),
}
# Figure fields: drawn afresh at every use, so two figures on a page differ.
_FRESH_DRAWS: dict[str, _Draw] = {
    "money": lambda r, t: _money(r),
    "money2": lambda r, t: _money(r),
    "pct": lambda r, t: _pct(r),
    "area": lambda r, t: f"{r.uniform(2_000, 90_000):,.2f} m2",
    "area2": lambda r, t: f"{r.uniform(20_000, 200_000):,.2f} m2",
    "months": lambda r, t: f"{r.uniform(3, 30):.1f}",
    "ratio": lambda r, t: f"0.{r.randint(35, 89)}",
    "liters": lambda r, t: f"{r.randint(2, 48) * 1000:,}",
}


class _Topic(dict[str, str]):
    """Template fields drawn on first use: a page pays only for the words it prints.

    ``str.format_map`` calls ``__missing__`` for absent keys in field order, so the
    draws stay deterministic for a given rng state.
    """

    def __init__(self, rng: random.Random, fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self._rng = rng

    def __missing__(self, key: str) -> str:
        fresh = _FRESH_DRAWS.get(key)
        if fresh is not None:
            return fresh(self._rng, self)
        value = _TOPIC_DRAWS[key](self._rng, self)
        self[key] = value
        return value


def _quote(rng: random.Random, site: Site, topic: _Topic) -> str:
    """One quote paragraph with an attribution in one of the shapes real releases use."""
    picked = rng.sample(QUOTES, 2 if rng.random() < 0.35 else 1)
    text = ". ".join(q.format_map(topic) for q in picked)
    roll = rng.random()
    if roll < 0.7:
        speaker, role = rng.choice(site.people)
        org = topic["co"]
    elif roll < 0.9:
        speaker, role = topic["inv"], "Principal Investigator of the study"
        org = topic["hosp"]
    else:
        speaker, role = person_name(rng), rng.choice(ROLES)
        org = topic["partner"]
    if rng.random() < 0.3:
        speaker = "Dr. " + speaker
    shape = rng.randrange(4)
    if shape == 0:
        return f"“{text},” said {speaker}, {role} of {org}."
    if shape == 1:
        return f"{speaker}, {role} of {org}, said: “{text}.”"
    if shape == 2:
        return f"“{text},” {speaker} said."
    return f"“{text}.” — {speaker}, {role}, {org}"


def _topic(rng: random.Random, site: Site, index: int, partner: SyntheticCompany) -> _Topic:
    """Fix who and what the release is about; everything else is drawn lazily."""
    company = site.company
    code, inn = site.pipeline[index % len(site.pipeline)]
    partner_code, partner_inn = site_of(partner).pipeline[0]
    regulator, regulator_short = rng.choice(REGULATOR_POOL)
    return _Topic(
        rng,
        {
            "co": rng.choice((company.name, company.name, company.aliases[0])),
            "partner": rng.choice((partner.name, partner.aliases[0])),
            "drug": inn.capitalize() if inn and rng.random() < 0.5 else code,
            "drug_full": f"{inn} ({code})" if inn else code,
            "partner_drug": partner_inn or partner_code,
            "reg": regulator,
            "reg_short": regulator_short,
            "city": rng.choice(CITIES),
            "year": str(rng.randint(2015, 2024)),
            "ticker": company.ticker,
            "exchange_long": EXCHANGES_LONG[company.exchange],
        },
    )


def make_release(
    company: SyntheticCompany,
    index: int,
    rng: random.Random,
    companies: Sequence[SyntheticCompany],
) -> Release:
    site = site_of(company)
    partner = rng.choice(companies)
    if partner == company and len(companies) > 1:
        partner = companies[(companies.index(company) + 1) % len(companies)]
    topic = _topic(rng, site, index, partner)
    titles, leads = rng.choice(EVENTS)
    offset = (site.first_day + index * site.gap_days + rng.randrange(site.gap_days)) % SPAN_DAYS
    # The body grows sentence by sentence towards a drawn page size, net of the site's
    # boilerplate, so pages land in the 2.5-4 KB range whatever the style.
    paragraph_count = rng.randint(4, 8)
    quote_slots = set(rng.sample(range(1, paragraph_count), rng.randint(1, 2)))
    chrome = len(site.header) + len(site.footer) + 120 + 250 * len(quote_slots)
    prose_size = max(rng.randint(2_200, 3_500) - chrome, 900)
    budget = prose_size // (paragraph_count - len(quote_slots))
    figures_left = rng.randint(2, 4)
    # A shuffled run of distinct background sentences, so a page does not repeat itself.
    wanted = min(len(BACKGROUND), prose_size // 100 + 2)
    background = itertools.cycle(rng.sample(BACKGROUND, wanted))
    paragraphs: list[str] = []
    for number in range(paragraph_count):
        if number in quote_slots:
            paragraphs.append(_quote(rng, site, topic))
            continue
        sentences = [rng.choice(leads).format_map(topic)] if number == 0 else []
        size = sum(map(len, sentences))
        while size < budget:
            if figures_left and rng.random() < 0.3:
                sentence = rng.choice(FIGURES).format_map(topic)
                figures_left -= 1
            else:
                sentence = next(background).format_map(topic)
            sentences.append(sentence)
            size += len(sentence) + 1
        if number == paragraph_count - 1:
            sentences += [rng.choice(FIGURES).format_map(topic) for _ in range(figures_left)]
            sentences.append(rng.choice(CLOSINGS).format_map(topic))
        paragraphs.append(" ".join(sentences))
    return Release(
        company=company,
        partner=partner,
        title=rng.choice(titles).format_map(topic) if rng.random() < 0.95 else None,
        day=FIRST_DAY + timedelta(days=offset) if rng.random() < 0.94 else None,
        city=topic["city"],
        paragraphs=tuple(paragraphs),
    )


def rescrape(release: Release, rng: random.Random) -> Release:
    """The same release as another site republished it: a sentence cut, a phrase reworded."""
    paragraphs = list(release.paragraphs)
    if len(paragraphs) > 4 and rng.random() < 0.5:
        paragraphs.pop()
    else:
        victim = rng.randrange(len(paragraphs))
        sentences = paragraphs[victim].split(". ")
        if len(sentences) > 1:
            sentences.pop(rng.randrange(len(sentences)))
            paragraphs[victim] = ". ".join(sentences)
    paragraphs[0] = paragraphs[0].replace(" today announced", " announced", 1)
    paragraphs[0] = paragraphs[0].replace(" will ", " is set to ", 1)
    return Release(
        company=release.company,
        partner=release.partner,
        title=release.title,
        day=release.day,
        city=release.city,
        paragraphs=tuple(paragraphs),
    )
