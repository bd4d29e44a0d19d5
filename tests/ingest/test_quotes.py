"""Quotes: attribution forms, pronouns, continuations, and what is not a quote."""

from __future__ import annotations

from bot.ingest.quotes import extract_quotes
from bot.records import Quote


def test_attribution_after_with_role() -> None:
    body = '"We will expand our team across Asia next year," said Anna Berg, chief operating officer of Orbitron.'
    assert extract_quotes(body) == [
        Quote(
            "Anna Berg",
            "chief operating officer of Orbitron",
            "We will expand our team across Asia next year.",
        )
    ]


def test_name_then_verb_after_and_curly_quotes() -> None:
    body = "“The results exceeded every expectation we had,” Anna Berg said."
    assert extract_quotes(body) == [
        Quote("Anna Berg", None, "The results exceeded every expectation we had.")
    ]


def test_attribution_before_with_colon() -> None:
    body = 'Anna Berg said: "Our plant in Suzhou will start production in the spring."'
    assert extract_quotes(body) == [
        Quote("Anna Berg", None, "Our plant in Suzhou will start production in the spring.")
    ]


def test_appositive_role_before() -> None:
    body = (
        'Anna Berg, chief executive of Orbitron, said, "We are ready for the next stage of growth."'
    )
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "chief executive of Orbitron")


def test_according_to() -> None:
    body = 'According to Anna Berg, "the plant will double our capacity within two years."'
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Anna Berg"


def test_speaker_colon_needs_a_long_quote() -> None:
    long = 'Anna Berg: "We have built the most advanced diagnostics plant in the whole region."'
    short = 'Orbitron: "Made in Suzhou."'
    assert extract_quotes(long)[0].speaker == "Anna Berg"
    assert extract_quotes(short) == []


def test_honorific_is_dropped_from_the_speaker() -> None:
    body = '"Patients come first in everything we do," said Prof. Wei Chen, Founder and CEO of Orbitron.'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Wei Chen", "Founder and CEO of Orbitron")


def test_pronoun_goes_to_the_last_named_person_and_short_names_resolve() -> None:
    body = (
        "Wei Chen joined Orbitron in 2015 after a decade in academia.\n\n"
        "Chen, who is chief scientist of the young company Orbitron Medical, said the work is hard.\n\n"
        '"We screen thousands of compounds every single week," she said.'
    )
    assert extract_quotes(body) == [
        Quote(
            "Wei Chen",
            "chief scientist of Orbitron Medical",
            "We screen thousands of compounds every single week.",
        )
    ]


def test_pronoun_after_an_earlier_quote_reuses_its_speaker() -> None:
    body = (
        '"Demand keeps growing in every market," said Anna Berg, COO of Orbitron.\n\n'
        '"We will need a second plant by next year," she added.'
    )
    quotes = extract_quotes(body)
    assert [(q.speaker, q.role) for q in quotes] == [("Anna Berg", "COO of Orbitron")] * 2


def test_quote_resuming_after_its_attribution_is_one_quote() -> None:
    body = (
        '"Suzhou is our gateway to Asia," said Anna Berg, COO of Orbitron. '
        '" The new plant shows our commitment to patients there."'
    )
    assert extract_quotes(body) == [
        Quote(
            "Anna Berg",
            "COO of Orbitron",
            "Suzhou is our gateway to Asia. The new plant shows our commitment to patients there.",
        )
    ]


def test_two_speakers_stay_two_quotes() -> None:
    body = (
        '"We are thrilled to start this work," said Anna Berg. "So are we, truly," said Wei Chen.'
    )
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg", "Wei Chen"]


def test_scare_quotes_themes_and_paraphrases_are_not_quotes() -> None:
    body = (
        'We contribute to "poverty alleviation" and "innovation" together.\n\n'
        'The week ran under the theme "Building Together, Shaping Tomorrow."\n\n'
        "Innovation is vital for a world-class cluster, he said."
    )
    assert extract_quotes(body) == []


def test_pronoun_without_anyone_named_has_no_speaker() -> None:
    (quote,) = extract_quotes('"We will keep investing in research and people," she said.')
    assert quote.speaker is None and quote.role is None


def test_unbalanced_quotes_do_not_break_extraction() -> None:
    body = 'He called it "a start. "We will grow faster than anyone expected," said Anna Berg.'
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_dash_attribution_after_the_quote() -> None:
    body = "“The new centre will double our capacity in Asia.” — Dr. Wei Chen, Chief Scientific Officer, Orbitron"
    assert extract_quotes(body) == [
        Quote(
            "Wei Chen",
            "Chief Scientific Officer, Orbitron",
            "The new centre will double our capacity in Asia.",
        )
    ]


def test_role_with_commas_before_the_quote() -> None:
    body = 'Dr. Wei Chen, Founder, Chairwoman, President and CEO of Orbitron, said: "We are ready for the next stage."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == (
        "Wei Chen",
        "Founder, Chairwoman, President and CEO of Orbitron",
    )


def test_clause_before_the_speaker_is_not_the_name() -> None:
    body = 'Meanwhile, Anna Berg said: "We will open two more sites in the coming year."'
    assert extract_quotes(body)[0].speaker == "Anna Berg"


def test_lower_case_pages_still_name_speakers() -> None:
    body = '"we are proud of what the team has achieved this year," said chen lei, chief executive officer of orbitron.'
    assert extract_quotes(body) == [
        Quote(
            "chen lei",
            "chief executive officer of orbitron",
            "we are proud of what the team has achieved this year.",
        )
    ]
    assert extract_quotes('"we are proud of what the team achieved," said in a statement.') == []


def test_pronoun_after_a_multi_part_appositive() -> None:
    body = (
        "Wei Chen, Founder, President and CEO of Orbitron, said the plant is ready.\n\n"
        '"We will start production in the spring," she said.'
    )
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Wei Chen", "Founder, President and CEO of Orbitron")


# Attribution forms across languages and marks.


def test_attribution_before_as_a_paragraph_of_its_own() -> None:
    body = "Mr Berg said:\n\n“We have waited years for a site like this one in the valley.”"
    body = "Anna Berg joined in 2019.\n\n" + body
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_role_before_the_name_with_commas() -> None:
    body = 'Board Chairman, Anna Berg, said: "The board backs the plan in full."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "Board Chairman")


def test_company_and_title_before_the_name() -> None:
    body = 'Orbitron CEO Anna Berg said: "We are growing in every market we serve."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "Orbitron CEO")


def test_name_then_role_then_company_before_says() -> None:
    body = 'Anna Berg, Senior Vice President, Orbitron, says, "Hiring locally is our priority."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "Senior Vice President, Orbitron")


def test_said_with_a_comma_before_the_name() -> None:
    body = '"We mark ten good years on the exchange today," said, Anna Berg, CEO, Orbitron.'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "CEO, Orbitron")


def test_multi_paragraph_quote_continues_into_the_next_paragraph() -> None:
    body = (
        'Anna Berg said: "We start building in May and hire in June.\n\n'
        '"The first line runs by winter."'
    )
    (quote,) = extract_quotes(body)
    assert quote.text == "We start building in May and hire in June. The first line runs by winter."


def test_quote_cut_off_by_the_page_end_after_said() -> None:
    (quote,) = extract_quotes('Anna Berg, CEO of Orbitron, said: "Early results')
    assert quote.speaker == "Anna Berg"


def test_lost_opening_mark_with_attribution_after() -> None:
    body = "We will make this plant the best in the region,” said Anna Berg."
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_pull_quote_signed_with_a_dash() -> None:
    body = (
        "Intro line for the story.\n\n"
        "This decision took many months of debate, and it is the right one for all of us. —Anna Berg"
    )
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_spokesperson_is_a_role_never_a_speaker() -> None:
    body = '"We will deliver the new plant on time," a spokesperson for Orbitron said.'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == (None, "a spokesperson for Orbitron")
    body = '"We will deliver the new plant on time," said a spokesperson for Orbitron Labs.'
    assert extract_quotes(body)[0].speaker is None


def test_company_as_subject_is_never_a_speaker() -> None:
    body = 'Orbitron Energy Solutions said: "The new line will open in the spring of next year."'
    assert extract_quotes(body)[0].speaker is None
    body = '"The new line will open in the spring of next year," the company said.'
    assert extract_quotes(body)[0].speaker is None


def test_quoted_titles_and_slogans_are_not_quotes() -> None:
    body = (
        'The campaign "Bright Days For Everyone" starts today, the company said.\n\n'
        'Sales of the "Super Saver Family" plan rose, said Anna Berg.'
    )
    assert extract_quotes(body) == []


def test_one_word_speaker_needs_a_fuller_mention() -> None:
    body = 'Orbitron hired Anna Berg in May. "We grew fast this year," Berg said.'
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]
    (quote,) = extract_quotes('"We grew fast this year," Orbitron said.')
    assert (quote.speaker, quote.role) == (None, "Orbitron")  # a company, kept as the role


def test_german_low_quotes_and_sagte() -> None:
    body = "„Wir sind mit dem Jahr sehr zufrieden“, sagte der Vorstandschef Hans Adler am Montag."
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Hans Adler", "Vorstandschef")


def test_german_so_after_the_quote_and_name_colon() -> None:
    body = (
        "Hans Adler leitet die Firma. Adler dazu: „Wir bauen ein neues Werk in der Nähe von Köln.“"
    )
    assert [q.speaker for q in extract_quotes(body)] == ["Hans Adler"]


def test_inverted_verb_and_full_name_after_the_quote() -> None:
    body = "„Das war ein schweres Jahr für uns“, blickt Firmenchef Hans Adler zurück."
    assert [q.speaker for q in extract_quotes(body)] == ["Hans Adler"]


def test_french_guillemets_with_spaces_and_a_declare() -> None:
    body = "« Nous sommes fiers de ce résultat », a déclaré Claire Martin, directrice générale."
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Claire Martin", "directrice générale")


def test_french_selon_before_the_quote() -> None:
    body = "Selon Claire Martin, « le marché reste très porteur cette année »."
    assert [q.speaker for q in extract_quotes(body)] == ["Claire Martin"]


def test_spanish_dijo_and_subjectless_verb() -> None:
    body = (
        '"Estamos muy contentos con el resultado", dijo Lucía Gómez, consejera delegada. '
        '"Seguiremos creciendo en todos los mercados", ha insistido.'
    )
    assert [q.speaker for q in extract_quotes(body)] == ["Lucía Gómez", "Lucía Gómez"]


def test_italian_cosi_in_the_next_sentence() -> None:
    body = "“Siamo molto soddisfatti di questo anno”. Così Marco Bellini, presidente di Orbitron."
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Marco Bellini", "presidente di Orbitron")


def test_italian_ha_dichiarato() -> None:
    body = "“Siamo molto soddisfatti di questo anno”, ha dichiarato Marco Bellini."
    assert [q.speaker for q in extract_quotes(body)] == ["Marco Bellini"]


def test_portuguese_subjectless_verb_goes_to_the_last_titled_person() -> None:
    body = (
        "A visita contou com o diretor técnico, Paulo Nunes Costa. "
        "“Obrigado a todos pela rapidez do processo”, completou."
    )
    assert [q.speaker for q in extract_quotes(body)] == ["Paulo Nunes Costa"]


def test_single_typographic_quotes() -> None:
    body = "‘We are very pleased with the outcome of the review,’ said Anna Berg."
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_chinese_title_name_biaoshi_before_the_quote() -> None:
    body = "星辰科技公司董事长王明表示：“今年我们的业绩非常好，明年会继续投入研发。”"
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("王明", "星辰科技公司董事长")


def test_chinese_latin_name_glued_to_the_verb() -> None:
    (quote,) = extract_quotes("Anna Berg表示：“我们对今年的业绩非常满意。”")
    assert quote.speaker == "Anna Berg"


def test_chinese_pronoun_after_the_quote_and_corner_brackets() -> None:
    body = "公司总裁李强表示，今年的目标已经完成。「我们会在明年开设三家新工厂。」他说。"
    assert [q.speaker for q in extract_quotes(body)] == ["李强"]


def test_japanese_topic_then_quote_then_to_nobeta() -> None:
    body = "山田太郎社長は「今年は新しい工場を建設する予定です」と述べた。"
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("山田太郎", "社長")


def test_japanese_quote_then_surname_and_title_completed() -> None:
    body = "山田太郎社長が会見した。「来年は海外に進出する計画です」と、山田社長は説明した。"
    assert [q.speaker for q in extract_quotes(body)] == ["山田太郎"]


def test_korean_subject_then_quote_then_go_balkhyeotda() -> None:
    body = '김민수 오비트론 대표는 "올해 실적에 매우 만족한다"고 밝혔다.'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("김민수", "오비트론 대표")


def test_korean_surname_and_title_completed_from_the_first_mention() -> None:
    body = '오비트론 김민수 사장이 발표했다. 김 사장은 "내년에 새 공장을 짓겠다"고 말했다.'
    assert [q.speaker for q in extract_quotes(body)] == ["김민수"]


def test_never_raises_on_marks_and_fragments() -> None:
    pieces = ["“", "”", '"', "„", "«", "»", "‘", "’", "「", "」", "said", "表示", "と述べた",
              "고 밝혔다", ":", ",", "—", "Mr", "Jane Roe", "er", "\n\n", " "]  # fmt: skip
    for size in range(1, 6):
        for start in range(len(pieces)):
            text = " ".join(pieces[(start + i * 7) % len(pieces)] for i in range(size * 4))
            assert isinstance(extract_quotes(text), list)


def test_circumstance_between_the_verb_and_the_colon() -> None:
    body = 'Anna Berg, CEO of Orbitron, said in a statement: "We are growing in every market."'
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_chinese_title_and_name_before_a_colon() -> None:
    body = "星辰科技公司董事长王明：“今年我们的业绩非常好，明年会继续投入研发和生产。”"
    assert [q.speaker for q in extract_quotes(body)] == ["王明"]
    assert extract_quotes("主题：“共建美好未来，携手创新发展，推动行业进步。”") == []


def test_swedish_closing_marks_on_both_sides_and_sager() -> None:
    body = "”Vi är mycket nöjda med året”, säger Anna Berg, vd på Orbitron."
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "vd på Orbitron")


def test_possessive_company_before_the_name_is_the_role() -> None:
    body = "“Our customers asked for this for years,” said Orbitron’s Anna Berg."
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "Orbitron’s")


def test_opening_phrase_before_name_and_role() -> None:
    body = 'Commenting on the results, Anna Berg, CEO, said: "It was our best year so far."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "CEO")


def test_job_phrase_then_name_introduces_the_person_a_pronoun_stands_for() -> None:
    body = (
        "Chief Executive Officer of Orbitron Labs, Anna Berg, joined in May. "
        "“We grew fast this year,” she said."
    )
    assert [q.speaker for q in extract_quotes(body)] == ["Anna Berg"]


def test_unnamed_job_holder_is_a_role_without_a_speaker() -> None:
    body = 'The CEO of Orbitron Labs said: "We grew fast this year and will keep going."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == (None, "The CEO of Orbitron Labs")


def test_quote_signed_with_a_dash_on_the_line_below() -> None:
    body = "“Orbitron changed how we run our plants.”\n\n— Anna Berg, COO of Tellmark"
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.role) == ("Anna Berg", "COO of Tellmark")


def test_chinese_circumstance_between_name_and_verb() -> None:
    body = "星辰公司董事长王明在发布会上表示：“我们今年的订单已经排到了年底。”"
    assert [q.speaker for q in extract_quotes(body)] == ["王明"]
    quotes = extract_quotes("中国在会上表示：“我们今年的订单已经排到了年底。”")
    assert all(q.speaker is None for q in quotes)  # a place, not a person


def test_company_after_said_is_never_a_person() -> None:
    quotes = extract_quotes('"We will open two sites next year," said Orbitron Labs.')
    assert all(q.speaker is None for q in quotes)


def test_article_and_job_before_the_name_after_the_verb() -> None:
    body = "«Nous ouvrons deux usines cette année», a déclaré le PDG Claire Martin."
    assert [q.speaker for q in extract_quotes(body)] == ["Claire Martin"]
    body = "„Wir wachsen weiter“, sagte Finanzvorstand Hans Adler."
    assert [q.speaker for q in extract_quotes(body)] == ["Hans Adler"]
