"""Near-duplicates: two scrapes of one release resemble each other; different releases do not."""

from __future__ import annotations

from bot.ingest import anchor_keys, parse_page, resemblance
from bot.registry import Registry

RELEASE = """Orbitron opens Suzhou plant

Orbitron Medical today opened a new manufacturing plant in Suzhou that will make diagnostic kits.

The plant covers an area of 14,000 square meters and cost RMB850 million to build over two years.

"This plant lets us serve hospitals across Asia faster than ever before," said Anna Berg, COO of Orbitron.

Production starts in the spring with three lines and will reach full capacity within eighteen months.

The company plans to hire local engineers and technicians from the universities in the region."""

OTHER = """Zentrix raises money

Zentrix Therapeutics announced a Series A financing led by Orbit Capital for its antibody program.

The money will fund two clinical trials in Europe and the expansion of its laboratory in Basel.

"We are grateful for the trust of our investors in the science we are doing," said Mara Quell.

Zentrix was founded in 2019 by a team of protein engineers from a university in Switzerland."""


def _body(text: str, registry: Registry) -> str:
    return parse_page(text, source="t", registry=registry).body


def test_same_release_other_site_small_edit(registry: Registry) -> None:
    site_a = "Newsroom\n\n" + RELEASE + "\n\nShare\n\nPrint\n\nContact us"
    site_b = (
        "Scroll down to see more\n\n"
        + RELEASE.replace("three lines", "three production lines")
        + "\n\nFollow us on Twitter\n\nOrbitron Medical Suzhou site, all content reproduced with permission."
    )
    a, b = _body(site_a, registry), _body(site_b, registry)
    assert a != b
    assert resemblance(a, b) >= 0.8
    assert set(anchor_keys(a)) & set(anchor_keys(b))


def test_different_releases(registry: Registry) -> None:
    a, b = _body(RELEASE, registry), _body(OTHER, registry)
    assert resemblance(a, b) < 0.3
    assert not set(anchor_keys(a)) & set(anchor_keys(b))


def test_anchor_keys_shape() -> None:
    body = RELEASE.split("\n\n", 1)[1]
    keys = anchor_keys(body)
    assert 1 <= len(keys) <= 4
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)
    assert anchor_keys(body) == keys  # stable
    assert anchor_keys(body.upper().replace("  ", " ")) == keys  # case-folded
    assert anchor_keys("Too short. Also short.") == ()


def test_resemblance_bounds() -> None:
    assert resemblance(RELEASE, RELEASE) == 1.0
    assert resemblance("", "anything at all here") == 0.0
    assert 0.0 <= resemblance(RELEASE, OTHER) <= 1.0


def test_same_text_about_another_company_is_not_a_duplicate(registry: Registry) -> None:
    a = _body(RELEASE, registry)
    b = _body(RELEASE.replace("Orbitron", "Zentrix"), registry)
    assert resemblance(a, b) < 0.8


def test_lower_case_scrape_of_the_same_release_is_a_duplicate(registry: Registry) -> None:
    a = _body(RELEASE, registry)
    assert resemblance(a, a.lower()) == 1.0
