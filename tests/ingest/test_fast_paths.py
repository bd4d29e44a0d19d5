"""Shortcuts taken for speed give exactly what their plain definitions give.

Content hashes are stored and compared across loads, and extraction must not change
when a scan gets faster, so each shortcut is checked against the plain form it replaces.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.ingest.clean import boilerplate_key
from bot.ingest.company_forms import _CHIEF_START, _INNER_NAME, _PEOPLE, _ROLE_OF
from bot.ingest.company_inference import _ANNOUNCING, _LATIN_LEGAL_MENTION, _LEGAL_FORM_START
from bot.ingest.dedupe import ANCHOR_COUNT, _hash64, anchor_keys
from bot.ingest.text import finditer_from, split_sentences
from bot.records import content_hash

# Text biased towards whitespace of every kind, where the hash's shortcut could go wrong.
_SPACED = st.lists(
    st.one_of(
        st.sampled_from([" ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\u3000", "\x85"]),
        st.sampled_from(["Acme", "ÉCOLE", "ß", "数据", "İ", "\u200e", "a.b"]),
        st.text(max_size=8),
    ),
    max_size=30,
).map("".join)


def _plain_hash(body: str) -> str:
    return hashlib.sha256(" ".join(body.split()).casefold().encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    "body",
    [
        "First paragraph.\n\nSecond paragraph.",
        " leading space\n\ntrailing space ",
        "two  spaces\n\n\nthree breaks",
        "no\u00a0break space and a line\nbreak",
        "",
    ],
)
def test_content_hash_matches_the_hash_of_the_single_spaced_casefolded_body(body: str) -> None:
    assert content_hash(body) == _plain_hash(body)


@given(_SPACED)
def test_content_hash_matches_the_plain_hash_on_any_text(body: str) -> None:
    assert content_hash(body) == _plain_hash(body)


# Sentences biased towards announcing verbs and capitalised names, spaced every way.
_PROSE = st.lists(
    st.sampled_from(
        ["Acme", "Foods", "Beta", "AG", "today", "on Monday", "announced", "said", "has signed",
         "gab heute bekannt", "and", "the", "with", " ", "  ", "\n", ", ", "é ", "& ", "x"]
    ),
    max_size=40,
).map("".join)  # fmt: skip
# The plain forms: each opens with a look-behind, so the engine tries every position.
_ANNOUNCING_PLAIN = re.compile(
    r"(?<=\s)" + _ANNOUNCING.pattern.removeprefix(r"\s(").removesuffix(")")
)
_INNER_NAME_PLAIN = re.compile(_INNER_NAME.pattern.removeprefix(" "))


@given(_PROSE)
def test_announcing_verbs_found_from_a_space_are_the_verbs_after_a_space(text: str) -> None:
    expected = [match.span() for match in _ANNOUNCING_PLAIN.finditer(text)]
    assert [(match.start(1), match.end()) for match in _ANNOUNCING.finditer(text)] == expected


@given(_PROSE)
def test_inner_names_found_from_a_space_are_the_names_after_a_lower_case_word(text: str) -> None:
    assert _INNER_NAME.findall(text) == _INNER_NAME_PLAIN.findall(text)


# Names, roles and honorifics, spaced and punctuated every way.
_PEOPLE_TEXT = st.lists(
    st.sampled_from(
        ["Jane", "Roe", "McKay-Li", "O’Neil", "A.", "Mr.", "Dr", "CEO", "Chief", "the", "of",
         "Acme", "who", "said", ",", ", ", " ", "  ", "\n", "x", "é"]
    ),
    max_size=30,
).map("".join)  # fmt: skip
# The plain form, whose words may give letters back.
_PEOPLE_PLAIN = re.compile(_PEOPLE.pattern.replace("*+", "*").replace("++", "+"))


@given(_PEOPLE_TEXT)
def test_people_found_with_whole_words_are_the_people_found_letter_by_letter(text: str) -> None:
    assert _PEOPLE.findall(text) == _PEOPLE_PLAIN.findall(text)


# Legal forms and chiefs' titles among words that share their first letters.
_FORMS_TEXT = st.lists(
    st.sampled_from(
        ["Acme", "Inc", "Incline", "Co", "Corp", "S.A", "S.p.A", "SpA", "AB", "(publ)", "Ltd",
         "CEO", "Chief", "chief executive", "president", "Presidenta", "director general",
         "of", "de", "the", "Managing Director", " ", ".", ", ", "\n", "x"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@given(_FORMS_TEXT)
def test_legal_forms_found_from_their_prefix_tree_are_all_the_legal_forms(text: str) -> None:
    expected = [match.span() for match in _LATIN_LEGAL_MENTION.finditer(text)]
    found = finditer_from(_LATIN_LEGAL_MENTION, _LEGAL_FORM_START, text)
    assert [match.span() for match in found] == expected


@given(_FORMS_TEXT)
def test_roles_found_from_their_prefix_tree_are_all_the_roles(text: str) -> None:
    expected = [match.span() for match in _ROLE_OF.finditer(text)]
    assert [match.span() for match in finditer_from(_ROLE_OF, _CHIEF_START, text)] == expected


def _plain_anchor_keys(body: str) -> tuple[int, ...]:
    sentences = {
        " ".join(words)
        for paragraph in body.split("\n\n")
        for sentence in split_sentences(paragraph)
        if len(words := re.findall(r"\w+", sentence.casefold())) >= 8
    }
    longest = sorted(sentences, key=lambda s: (-len(s), s))[:ANCHOR_COUNT]
    return tuple(_hash64(s) for s in longest)


# Sentences around the eight-word floor from a few short words, so equal lengths (ties
# broken by the text) are common, with case-folding expansions ("ß" → "ss") and
# punctuation that joins into shorter word strings.
_SENTENCES = st.lists(
    st.lists(
        st.sampled_from(["a", "b", "B", "ß", "ﬁ", "İ", "x-y", "--", "3.5", "数据", "(q)"]),
        min_size=5,
        max_size=12,
    ).map(" ".join),
    max_size=16,
).map(
    lambda sentences: "".join(
        s + (". ", "! ", ".\n\n", "\n\n")[i % 4] for i, s in enumerate(sentences)
    )
)


@given(_SENTENCES)
@example("\n\n".join(" ".join(letter * 8) for letter in "bcdea"))  # a tie the text breaks
def test_anchor_keys_match_their_plain_form(body: str) -> None:
    assert anchor_keys(body) == _plain_anchor_keys(body)


@given(st.one_of(st.text(), _SPACED))
@example("Home | News 2024 · Über_uns ß ﬁ 数据\x1c\u00a0x")
def test_boilerplate_keys_match_their_plain_form(line: str) -> None:
    plain = " ".join(re.sub(r"[\W\d_]+", " ", line.casefold()).split())
    assert boilerplate_key(line) == plain
