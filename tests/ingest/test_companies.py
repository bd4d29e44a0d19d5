"""Company attribution: registry names and aliases, weighting, and inference for strangers."""

from __future__ import annotations

from bot.ingest import parse_page
from bot.records import ReleaseRecord
from bot.registry import CompanyEntry, Registry

PROSE = "The company opened a new plant that will make diagnostic kits for hospitals in Asia."


def _record(registry: Registry, title: str, *paragraphs: str) -> ReleaseRecord:
    return parse_page("\n\n".join((title, *paragraphs)), source="t", registry=registry)


def test_alias_case_insensitive_and_whole_word(registry: Registry) -> None:
    record = _record(registry, "news from the park", f"akesobio said today. {PROSE}")
    assert (record.company, record.company_inferred) == ("Akeso", False)


def test_longer_name_is_not_read_as_a_shorter_one(registry: Registry) -> None:
    record = _record(
        registry, "A new plant opens", f"Akesox Labs and Leadingpharmacy Ltd said hello. {PROSE}"
    )
    assert record.company_inferred is True


def test_possessive_and_spacing_still_match(registry: Registry) -> None:
    record = _record(
        registry,
        "a new plant",
        f"leadingpharm’s plant and leadingpharma \u00a0medicine grew. {PROSE}",
    )
    assert record.company == "Leadingpharm"


def test_chinese_alias(registry: Registry) -> None:
    record = _record(
        registry, "新闻", "来凯医药今天宣布完成新一轮融资，将用于推进创新药物的临床开发。"
    )
    assert record.company == "Laekna"


def test_most_mentioned_wins_and_title_weighs_more(registry: Registry) -> None:
    body = f"Akeso and Laekna met. Laekna signed. Laekna grew. {PROSE}"
    assert _record(registry, "A deal is signed", body).company == "Laekna"
    assert (
        _record(
            registry, "Akeso signs a deal", f"Akeso and Laekna met. Laekna signed. {PROSE}"
        ).company
        == "Akeso"
    )


def test_unregistered_company_is_inferred_from_an_organisation_name(registry: Registry) -> None:
    record = _record(
        registry,
        "Zentrix Announces Financing",
        f"Zentrix Therapeutics Inc. today announced a financing round with Orbit Capital. {PROSE}",
        "Zentrix Therapeutics will use the funds for trials with Novel Partners.",
    )
    assert (record.company, record.company_inferred) == ("Zentrix Therapeutics", True)


def test_unregistered_company_falls_back_to_the_most_repeated_name(registry: Registry) -> None:
    record = _record(
        registry, "New Kits Ship", f"Orbitron shipped kits to Boston. Orbitron is growing. {PROSE}"
    )
    assert (record.company, record.company_inferred) == ("Orbitron", True)


def test_no_name_at_all_is_unknown(registry: Registry) -> None:
    record = _record(
        registry, "new kits ship", f"the kits were shipped today to many clinics. {PROSE.lower()}"
    )
    assert (record.company, record.company_inferred) == ("Unknown", True)


def test_empty_registry_still_loads(empty_registry: Registry) -> None:
    record = _record(
        empty_registry, "Akeso opens a plant", f"Akeso Biopharma Inc. opened a plant. {PROSE}"
    )
    assert (record.company, record.company_inferred) == ("Akeso Biopharma", True)


def test_curated_company_is_canonicalised(registry: Registry) -> None:
    record = parse_page(
        f"A plant\n\n{PROSE}", source="t", registry=registry, metadata={"company": "akeso inc"}
    )
    assert (record.company, record.company_inferred) == ("Akeso", False)


def test_large_registry_matches_by_word_and_cjk_character() -> None:
    companies = [
        CompanyEntry(f"Zeta{n:04d}", (f"Zeta{n:04d} Pharma", f"泽{n:04d}")) for n in range(300)
    ]
    companies.append(CompanyEntry("Orbitron", ("Orbitron Medical", "奥比特龙")))
    registry = Registry(tuple(companies))
    record = _record(
        registry, "Plant opens", f"Orbitron’s plant and Orbitron Medical grew. {PROSE}"
    )
    assert (record.company, record.company_inferred) == ("Orbitron", False)
    record = _record(
        registry, "新闻", "奥比特龙今天宣布完成新一轮融资，将用于推进创新药物的临床开发。"
    )
    assert record.company == "Orbitron"
    record = _record(registry, "Plant opens", f"Orbitronics and zeta0007x opened. {PROSE}")
    assert record.company_inferred is True
