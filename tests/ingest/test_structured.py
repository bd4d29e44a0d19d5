"""Structured input: .json / .jsonl records, sidecars, and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.ingest import IngestError, parse_file, parse_sidecar, parse_structured
from bot.records import Quote
from bot.registry import Registry

BODY = (
    "Orbitron Medical opened a plant in Suzhou on Jan. 5, 2024 that employs 500 employees.\n\n"
    '"This is our biggest step yet," said Anna Berg, COO of Orbitron Medical.'
)


def _one(registry: Registry, record: object) -> list:
    return parse_structured(
        json.dumps(record).encode(), source="r.json", registry=registry, json_lines=False
    )


def test_minimal_record_derives_everything(registry: Registry) -> None:
    (record,) = _one(registry, {"body": BODY})
    assert record.title_derived is True
    assert record.title.startswith("Orbitron Medical opened a plant in Suzhou")
    assert (record.date, record.date_precision) == ("2024-01-05", "day")
    assert (record.company, record.company_inferred) == ("Orbitron Medical", True)
    assert record.figures == ["500 employees"]
    assert record.quotes == [
        Quote("Anna Berg", "COO of Orbitron Medical", "This is our biggest step yet.")
    ]
    assert record.summary.startswith("Orbitron Medical opened a plant")
    assert record.source == "r.json"


def test_curated_values_override_heuristics(registry: Registry) -> None:
    curated = {
        "body": BODY,
        "title": "Orbitron opens Suzhou plant",
        "company": "akesobio",
        "date": "Nov. 28, 2023",
        "summary": "A plant.",
        "quotes": [{"speaker": "X", "text": "Hi."}],
        "figures": [],
        "url": "https://example.com/a",
        "content_hash": "stale",
    }
    (record,) = _one(registry, curated)
    assert record.title == "Orbitron opens Suzhou plant" and record.title_derived is False
    assert (record.company, record.company_inferred) == ("Akeso", False)
    assert (record.date, record.date_precision) == ("2023-11-28", "day")
    assert record.summary == "A plant."
    assert record.quotes == [Quote("X", None, "Hi.")]
    assert record.figures == []
    assert record.url == "https://example.com/a"
    assert record.content_hash != "stale"  # always recomputed from the body


def test_round_trip_of_to_json(registry: Registry) -> None:
    (first,) = _one(registry, {"body": BODY, "title": "Orbitron opens Suzhou plant"})
    (second,) = _one(registry, first.to_json())
    assert second.to_json() == {**first.to_json(), "source": "r.json"}


def test_list_and_jsonl(registry: Registry) -> None:
    records = [{"body": BODY, "title": f"Item {n}"} for n in range(3)]
    assert len(_one(registry, records)) == 3
    lines = "\n".join(json.dumps(r) for r in records) + "\n\n"
    parsed = parse_structured(lines.encode(), source="r.jsonl", registry=registry, json_lines=True)
    assert [r.title for r in parsed] == ["Item 0", "Item 1", "Item 2"]


@pytest.mark.parametrize(
    ("data", "json_lines", "reason"),
    [
        (
            b'{"body": "x",\n "title": "y"\n "date": 1}',
            False,
            "malformed JSON: line 3: Expecting ',' delimiter",
        ),
        (b'{"title": "no body"}', False, "record 1: missing 'body'"),
        (b'[{"body": "fine text here"}, {"title": "t"}]', False, "record 2: missing 'body'"),
        (b'{"body": "a"}\n{"body": \n', True, "malformed JSON: line 2: Expecting value"),
        (b'{"body": "a"}\n{"title": "b"}\n', True, "record 2: missing 'body'"),
        (b'{"body": "a", "titel": "typo"}', False, "record 1: unknown key 'titel'"),
        (b'{"body": "a", "date": "someday"}', False, "record 1: unrecognised date 'someday'"),
        (b'{"body": "a", "figures": "25%"}', False, "record 1: 'figures' must be a list of text"),
        (b'{"body": 5}', False, "record 1: 'body' must be text"),
        (b"[1]", False, "record 1: expected a JSON object"),
        (b"[]", False, "no records in file"),
    ],
)
def test_bad_structured_input(
    data: bytes, json_lines: bool, reason: str, registry: Registry
) -> None:
    with pytest.raises(IngestError) as caught:
        parse_structured(data, source="r", registry=registry, json_lines=json_lines)
    assert str(caught.value) == reason


def test_sidecar_parsing() -> None:
    data = b'{"url": "https://e.com/x", "date": "2021-01-01", "company": " Akeso ", "title": null}'
    assert parse_sidecar(data) == {
        "url": "https://e.com/x",
        "date": "2021-01-01",
        "company": "Akeso",
    }
    with pytest.raises(IngestError, match="malformed sidecar"):
        parse_sidecar(b"{nope")
    with pytest.raises(IngestError, match="unknown key 'author'"):
        parse_sidecar(b'{"author": "me"}')
    with pytest.raises(IngestError, match="expected a JSON object"):
        parse_sidecar(b"[]")


def test_sidecar_overrides_the_page(tmp_path: Path, registry: Registry) -> None:
    page = b"Laekna news\n\nrelease time: 2021-01-01\n\nLaekna opened a lab in Shanghai for new research on cancer drugs."
    sidecar = b'{"url": "https://e.com/x", "date": "2022-02-02", "company": "Akeso", "title": "Lab opens"}'
    (record,) = parse_file(tmp_path / "p.txt", page, registry=registry, sidecar=sidecar)
    assert (record.title, record.title_derived) == ("Lab opens", False)
    assert (record.date, record.company, record.company_inferred) == ("2022-02-02", "Akeso", False)
    assert record.url == "https://e.com/x"
    assert "Laekna news" not in record.body


def test_unreadable_sidecar_date_is_an_error(tmp_path: Path, registry: Registry) -> None:
    page = b"Lab news\n\nLaekna opened a lab in Shanghai for new research on cancer drugs."
    with pytest.raises(IngestError, match="sidecar date"):
        parse_file(tmp_path / "p.txt", page, registry=registry, sidecar=b'{"date": "soon"}')
