"""Company attribution: registry names and aliases, weighting, and inference for strangers."""

from __future__ import annotations

from bot.ingest import parse_page
from bot.ingest.companies import company_candidates
from bot.ingest.company_inference import company_aliases
from bot.ingest.evidence import PageParts
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
    assert (record.company, record.company_inferred) == ("Akeso", True)


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


def _inferred(title: str, *paragraphs: str) -> str:
    return _record(Registry(), title, *paragraphs).company


def test_name_before_ticker_in_parentheses() -> None:
    lead = "Quillon Robotics, Inc. (NASDAQ: QLRB), a maker of farm robots, will ring the bell."
    assert _inferred("Bell rings for farm robots", lead, PROSE) == "Quillon Robotics"


def test_name_before_ticker_after_a_defined_term() -> None:
    lead = 'Varnhold Mining Ltd. ("Varnhold" or the "Company") (TSXV: VRN) reported drill results.'
    assert _inferred("Drill results", lead, PROSE) == "Varnhold Mining"


def test_name_before_announcing_verb_with_today() -> None:
    lead = "BOSTON, May 2, 2024 -- Pellucid Optics today announced a new lens plant in Ohio."
    assert _inferred("New lens plant", lead, PROSE) == "Pellucid Optics"


def test_german_announcing_verb() -> None:
    lead = "Die Kranwerk Nord AG gab heute bekannt, dass sie ein neues Werk in Bremen eröffnet."
    assert _inferred("Neues Werk", lead, PROSE) == "Kranwerk Nord"


def test_speaker_with_role_is_not_the_company() -> None:
    body = (
        "Tessaro Foods opened a bakery in Leeds this week.",
        "Chairman, Piet Oldman, said the bakery will hire forty people.",
        "Piet Oldman said more sites may follow.",
    )
    assert _inferred("A bakery opens", *body, PROSE) == "Tessaro Foods"


def test_about_section_names_the_announcer() -> None:
    record = parse_page(
        f"A plant opens in Ohio\n\n{PROSE}\n\nAbout Brindle Works\n\nBrindle Works makes gears.",
        source="t",
        registry=Registry(),
    )
    assert record.company == "Brindle Works"


def test_headline_subject_repeated_in_body() -> None:
    body = f"The new site doubles output for Marrow Labs. Marrow Labs employs 300. {PROSE}"
    assert _inferred("Marrow Labs Opens Second Site", body) == "Marrow Labs"


def test_cjk_legal_name_short_form() -> None:
    body = "青松动力科技股份有限公司（以下简称“青松动力”）今日发布公告称，青松动力将新建工厂。"
    assert _inferred("青松动力：关于新建工厂的公告", body) == "青松动力"


def test_cjk_exchange_short_name_label() -> None:
    body = "证券代码：600999 证券简称：远航电子 公告编号：2024-001。本公司董事会保证公告内容真实。"
    assert _inferred("关于新建工厂的公告", body) == "远航电子"


def test_japanese_legal_name() -> None:
    body = "2024年7月1日 各位 会社名 株式会社 青葉建設 本日開催の取締役会において決議しました。"
    assert _inferred("お知らせ", body, "青葉建設は新しい工場を建設します。") == "青葉建設"


def test_job_title_and_date_are_never_companies() -> None:
    body = f"Chief Medical Officer Dana Holt said on 2 January that trials went well. {PROSE}"
    assert _inferred("Trials go well", body) == "Unknown"


def test_company_aliases_list_legal_name_and_tickers() -> None:
    lead = "Quillon Robotics, Inc. (NASDAQ: QLRB) today announced a new plant in Ohio for robots."
    parts = PageParts(lines=(lead,), meta=(), date_lines=(), title="", lead=lead, body=lead)
    assert company_aliases(parts, "Quillon Robotics") == ["Quillon Robotics, Inc.", "NASDAQ: QLRB"]


def test_candidates_explain_the_choice() -> None:
    lead = "Quillon Robotics (NASDAQ: QLRB) today announced a plant. Quillon Robotics grows."
    parts = PageParts(lines=(lead,), meta=(), date_lines=(), title="", lead=lead, body=lead)
    best = company_candidates(parts, Registry())[0]
    assert (best.value, best.rule) == ("Quillon Robotics", "name before its ticker")
