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
