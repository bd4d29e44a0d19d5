"""Reading and decoding: encodings, normalisation and every kind of unusable file."""

from __future__ import annotations

import codecs
import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ingest import IngestError, decode_text, parse_file, read_source
from bot.ingest.text import finditer_from
from bot.registry import Registry

PAGE = (
    "Acme Bio 宣布完成融资\n\n"
    "Acme Bio today announced a financing round of RMB850 million to expand its "
    "research centre. 公司表示，这笔资金将用于新药研发。\n"
)


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        PAGE.encode("utf-16"),  # with BOM, native order
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
        PAGE.encode("utf-16-le"),  # no BOM: told apart by where the NULs are
        PAGE.encode("utf-16-be"),
        PAGE.encode("gb18030"),
        PAGE.encode("gbk"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "gb18030",
        "gbk",
    ],
)
def test_every_supported_encoding_decodes_to_the_same_text(data: bytes) -> None:
    assert decode_text(data) == PAGE


def test_encodings_parse_to_the_same_record(tmp_path: Path, registry: Registry) -> None:
    records = [
        parse_file(tmp_path / "page.txt", PAGE.encode(encoding), registry=registry)[0]
        for encoding in ("utf-8", "utf-16", "gb18030")
    ]
    assert len({r.content_hash for r in records}) == 1
    assert records[0].title == "Acme Bio 宣布完成融资"


def test_normalisation() -> None:
    raw = "a\u00a0\u00a0b\u200b\u200dc\r\nd\re\u2028f\u3000g\ufeffh\x01i\u00adj".encode()
    assert decode_text(raw) == "a  bc\nd\ne\nf ghij"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "empty file"),
        ("\u200b\n\u00a0".encode(), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (not text)"),
        (b"\x01\x02\x03\x04\x05hello\x06\x07\x08\x0e\x0f", "binary file (not text)"),
        (b"caf\xe9 \xff\xfe\xff", "undecodable text (not UTF-8, UTF-16 or GB18030)"),
    ],
    ids=["zero-bytes", "whitespace", "invisible-only", "png", "controls", "undecodable"],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        decode_text(data)
    assert str(caught.value) == reason


def test_random_bytes_with_nuls_are_binary() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00\x01"
    with pytest.raises(IngestError, match="binary"):
        decode_text(data)


def test_read_source_checks_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(int(6.2 * 1024 * 1024))
    with pytest.raises(IngestError) as caught:
        read_source(big, max_bytes=5 * 1024 * 1024)
    assert str(caught.value) == "too large: 6.2 MB (limit 5.0 MB)"


def test_read_source_empty_and_missing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match=r"^empty file$"):
        read_source(empty, max_bytes=100)
    with pytest.raises(IngestError, match="file not found"):
        read_source(tmp_path / "missing.txt", max_bytes=100)


def test_read_source_returns_bytes(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    payload = os.urandom(64)
    path.write_bytes(payload)
    assert read_source(path, max_bytes=64) == payload


_LEGAL_FORM = re.compile(r"\b(?:Inc|Co|SA|S\.A)\b\.?")
_LEGAL_FORM_START = re.compile(r"Inc|Co|SA|S\.A")


@pytest.mark.parametrize(
    "text",
    [
        "Acme Co. and Beta Inc. signed; Gamma S.A. and Delta SA joined.",
        "Company Coffee Incline: no legal form here, nor in CoInc or S.AG",
        "S.Co Inc",
        "",
    ],
)
def test_a_scan_from_literal_starts_finds_what_a_full_scan_finds(text: str) -> None:
    expected = [m.span() for m in _LEGAL_FORM.finditer(text)]
    assert [m.span() for m in finditer_from(_LEGAL_FORM, _LEGAL_FORM_START, text)] == expected


@given(st.text(alphabet="IncoCSA. ,x", max_size=40))
def test_a_scan_from_literal_starts_agrees_on_any_text(text: str) -> None:
    expected = [m.span() for m in _LEGAL_FORM.finditer(text)]
    assert [m.span() for m in finditer_from(_LEGAL_FORM, _LEGAL_FORM_START, text)] == expected
