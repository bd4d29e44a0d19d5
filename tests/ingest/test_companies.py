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


def test_registry_name_in_the_headline_settles_the_company(registry: Registry) -> None:
    lead = f"Akeso opened a plant with Quillon Robotics, Inc. (NASDAQ: QLRB). {PROSE}"
    parts = PageParts(
        lines=(lead,), meta=(), date_lines=(), title="Akeso opens", lead=lead, body=lead
    )
    assert [c.value for c in company_candidates(parts, registry)] == ["Akeso"]


def test_cjk_name_before_its_stock_code() -> None:
    body = "华瑞电子(600321)董事会及全体董事保证本公告内容不存在任何虚假记载。"
    assert _inferred("华瑞电子(600321)关于签订重大合同的公告", body) == "华瑞电子"


def test_year_in_parentheses_is_no_stock_code() -> None:
    body = "年度报告(2023)已经董事会审议通过，全体董事保证报告内容真实、准确、完整。"
    assert _inferred("关于年度报告的说明", body) == "Unknown"


def test_chinese_company_before_its_officers_role() -> None:
    body = "4月1日，星河能源与远山集团签署合作协议。星河能源董事长、星河能源总经理出席仪式。"
    assert _inferred("合作协议签署仪式举行", body) == "星河能源"


def test_japanese_company_before_its_new_president() -> None:
    body = "青葉建設の新社長に山田専務が就任する。山田専務は、青葉建設の営業を長く率いてきた。"
    assert _inferred("青葉建設の新社長に山田専務", body) == "青葉建設"


def test_spaced_out_japanese_company_label() -> None:
    body = "2024年7月1日 会 社 名 株式会社 青 葉 建 設 代表者名 代表取締役社長 山田 太郎"
    assert _inferred("自己株式の処分に関するお知らせ", body, "本日の取締役会で決議しました。") == (
        "青葉建設"
    )


def test_korean_subject_of_a_reporting_verb() -> None:
    body = (
        "한빛전자는 5일 경기도 평택에 새 반도체 공장을 준공했다고 밝혔다. 공장은 내년부터 가동된다."
    )
    assert _inferred(
        "한빛전자, 평택 공장 준공", body, "한빛전자 대표는 투자를 늘리겠다고 말했다."
    ) == ("한빛전자")


def test_upper_case_legal_heading_pools_its_chinese_name() -> None:
    page = (
        "ORCHID BAY HOLDINGS LIMITED\n奧基灣控股有限公司\n(Stock Code: 1234)\n\n"
        "INTERIM RESULTS ANNOUNCEMENT\n\n"
        "The board of directors of the company presents the unaudited interim results of the "
        "group for the six months ended 30 June 2024."
    )
    company = parse_page(page, source="t", registry=Registry()).company
    assert company.casefold() == "orchid bay holdings"


def test_company_of_a_named_role() -> None:
    body = (
        "Ana Ruiz, the chief executive of Lumora Systems, said the plant will open in May.",
        "The presidente di Lumora Systems will attend, and Lumora Systems expects 200 jobs.",
    )
    assert _inferred("A plant for May", *body, PROSE) == "Lumora Systems"


def test_officer_named_through_the_company() -> None:
    body = f"Tom Veld, Lumora’s Head of Research said the lab is ready. Lumora hires 40. {PROSE}"
    assert _inferred("Lumora opens research lab", body) == "Lumora"


def test_abbreviation_after_a_legal_name() -> None:
    lead = "Northgate Mining Company Limited (NMCL) has discovered gas at its first well in Sindh."
    assert _inferred("Gas discovery", lead, PROSE) in {"Northgate Mining", "NMCL"}


def test_portuguese_article_before_the_lead_subject() -> None:
    lead = "A Vantara recebeu licença para operar o terminal de Santos por mais dez anos."
    assert _inferred("Licença renovada", lead, "A Vantara vai investir no terminal.") == "Vantara"


def test_speaker_after_a_quote_is_not_the_company() -> None:
    body = ("“We are proud of this plant,” Harlow said.", "“It opens in May,” Harlow said.")
    assert _inferred("A plant opens", *body, PROSE) == "Unknown"


def test_person_with_who_is_not_the_company() -> None:
    body = (
        "Harlow, who will become chief executive, said the plant opens in May. Harlow grew up here."
    )
    assert _inferred("Harlow, who will lead the group", body, PROSE) == "Unknown"


def test_sentence_opener_said_once_is_no_name() -> None:
    lead = "Présent lors de la cérémonie, le directeur n’a souhaité faire aucun commentaire."
    assert _inferred("", lead, "La cérémonie a duré une heure et demie.") == "Unknown"


def test_peoples_are_no_companies() -> None:
    body = "The site serves Singaporeans abroad; Singaporeans can read it, and Singaporeans vote."
    assert _inferred("A new site", body, PROSE) == "Unknown"


def test_short_capitals_opening_a_headline_are_no_name() -> None:
    body = "RN won the plant after a long contest with two other states in the north east region."
    assert _inferred("RN wins plant race", body, "RN expects 300 jobs.") == "Unknown"


def test_legal_name_heading_wrapped_over_two_lines() -> None:
    page = (
        "12 March 2025\nOrchid Bay\nMining PLC\nQUARTERLY REPORT\n\n"
        "The quarter brought record output at the northern pit and a stronger cash position."
    )
    assert parse_page(page, source="t", registry=Registry()).company == "Orchid Bay Mining"


def test_object_of_a_preposition_is_not_the_subject() -> None:
    body = f"A supply deal with Harbor Freightways completed in May and lifted sales. {PROSE}"
    assert _inferred("Sales rise", body) == "Unknown"


def test_name_before_an_appositive_and_its_verb() -> None:
    lead = "BOSTON -- Pellucid Optics, a maker of precision lenses, today announced a plant."
    assert _inferred("New lens plant", lead, PROSE) == "Pellucid Optics"


def test_name_stops_at_the_end_of_a_sentence() -> None:
    body = (
        "The plant sits in the Goldfields. Mara Quist, Orrin Metals’ Executive Chairman, said: "
        "“We are ready.” Orrin Metals will hire 80 people."
    )
    assert _inferred("Orrin Metals opens plant", body, PROSE) == "Orrin Metals"


def test_name_heading_a_headline_before_a_colon() -> None:
    page = (
        "Lumora Systems: Board approves 2024 results and a higher dividend\n\n"
        f"The board met on Tuesday and approved the accounts of Lumora Systems. {PROSE}"
    )
    assert parse_page(page, source="t", registry=Registry()).company == "Lumora Systems"


def test_kicker_before_a_colon_is_no_name() -> None:
    page = f"UPDATE: Board approves 2024 results and a higher dividend\n\n{PROSE}"
    assert parse_page(page, source="t", registry=Registry()).company == "Unknown"


def test_equal_names_go_to_the_one_the_headline_names_first() -> None:
    body = (
        "Shares of Lumora rose as the board met in Norvia; analysts said Lumora and Norvia "
        f"both gained, and buyers in Norvia praised Lumora. {PROSE}"
    )
    assert _inferred("Meeting of Lumora lifts hopes across Norvia", body) == "Lumora"


def test_japanese_subject_before_its_details_in_parentheses() -> None:
    body = "株式会社アクメ化成（本社：東京都港区、代表取締役社長：山田太郎）は、新工場の稼働を開始しました。"
    assert _inferred("新工場の稼働について", body) == "アクメ化成"


def test_korean_subject_before_its_details_in_parentheses() -> None:
    body = "한빛전자(대표 김철수)는 5일 평택 공장을 준공했다고 밝혔다. 공장은 내년부터 가동된다."
    assert _inferred("새 공장 준공", body) == "한빛전자"


def test_wire_source_line_names_the_announcer() -> None:
    page = f"A plant opens in Ohio\n\n{PROSE}\n\nSOURCE Brindle Works\n\nContact us | Privacy"
    assert parse_page(page, source="t", registry=Registry()).company == "Brindle Works"
