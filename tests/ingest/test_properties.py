"""Robustness: arbitrary text never crashes the parser; hostile input stays fast."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ingest import IngestError, decode_text, parse_file, parse_page
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry
from tests.ingest.conftest import ROOT

pytestmark = pytest.mark.slow

REGISTRY = load_registry(ROOT / "data" / "companies.toml")

# Text biased towards what the parser reacts to: quotes, dates, money, CJK, chrome words.
_PIECES = st.sampled_from(
    ['"', "“", "”", ",", ".", ":", "said", "he said", "Dr.", "Mr", "2021", "-01-", "Oct 11st",
     "年", "月", "日", "$", "US$", "RMB", "million", "%", "m2", "\n", "\n\n", " ", "Contact us",
     "release time:", "Akeso", "Laekna", "凯发", "-", "Inc.", "Lu", "Li Jia", "\u00a0", "\u200b"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=80).map("".join)


def _parse_or_reject(text: str, registry: Registry) -> None:
    try:
        record = parse_page(text, source="h", registry=registry)
    except IngestError as exc:
        assert str(exc)
        return
    assert isinstance(record, ReleaseRecord)
    assert record.body.strip() and record.title.strip()
    assert len(record.summary) <= 350
    assert record.date is None or len(record.date) in (4, 7, 10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_parse_page_returns_a_record_or_raises_ingest_error(text: str) -> None:
    _parse_or_reject(text, REGISTRY)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_text_returns_text_or_raises_ingest_error(data: bytes) -> None:
    try:
        assert isinstance(decode_text(data), str)
    except IngestError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["p.txt", "p.md", "p.html", "r.json", "r.jsonl", "x.meta.json"]),
    st.one_of(
        st.binary(max_size=300),
        _TEXT.map(str.encode),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=40),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.sampled_from(["body", "title", "date", "quotes", "x"]), inner)
            ),
            max_leaves=10,
        ).map(lambda value: json.dumps(value).encode()),
    ),
)
def test_parse_file_returns_records_or_raises_ingest_error(name: str, data: bytes) -> None:
    try:
        records = parse_file(Path(name), data, registry=REGISTRY)
    except IngestError as exc:
        assert str(exc)
        return
    assert records and all(isinstance(r, ReleaseRecord) for r in records)


def test_hostile_input_stays_linear(registry: Registry) -> None:
    hostile = [
        "x" * 5000,
        ('"' + "word " * 1000) * 5,  # unbalanced quotes, no newlines
        ("“" + "a, " * 1700) + "said Li Jia, " * 300,
        "Oct " * 2000 + "2021",
        "1," * 2500 + " million yuan",
        "A B C D E F " * 800 + "said",
        "-" * 3000 + "凯发" * 1000,
        ("Name: " + '"' + "x " * 10) * 300,
    ]
    for text in hostile:
        started = time.perf_counter()
        _parse_or_reject(
            text + "\n\nAcme Bio opened a new plant in Suzhou for diagnostic kits.", registry
        )
        assert time.perf_counter() - started < 0.5, text[:40]


def test_hostile_markup_stays_linear(registry: Registry) -> None:
    tail = "\n\nAcme Bio opened a new plant in Suzhou for diagnostic kits today."
    hostile = ["<script " * 5000, "<" * 20000, "<!--" * 5000, "[" * 20000, "[a](" * 5000]
    for name in ("p.html", "p.md"):
        for text in hostile:
            started = time.perf_counter()
            with contextlib.suppress(IngestError):
                parse_file(Path(name), (text + tail).encode(), registry=registry)
            assert time.perf_counter() - started < 0.5, (name, text[:10])
