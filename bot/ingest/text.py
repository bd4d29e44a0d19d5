"""Bytes → clean text: the only file read, encoding detection, and character normalisation."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.ingest.errors import IngestError

_MB = 1024 * 1024

# Space-like characters scraped pages use for indentation; all become a plain space.
_SPACES = "\u00a0\u1680\u202f\u205f\u3000\t" + "".join(map(chr, range(0x2000, 0x200B)))
# Line and page breaks of other conventions; all become "\n".
_BREAKS = "\r\u2028\u2029\x0b\x0c\x85"
_REPLACEMENTS = {**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_BREAKS, "\n")}
# Everything normalise() touches, as one character class (the fastest scan Python's regex
# engine has). Invisible characters (zero-width, BOM, soft hyphen) and stray C0 controls
# are dropped; too many controls means binary, which decode_text checks first.
_SPECIAL = re.compile(
    "[" + re.escape(_SPACES + _BREAKS) + "\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]"
)
# C0 controls other than tab and line breaks; counted on UTF-8 bytes, where they can only
# stand for themselves, with a C-speed bytes.translate.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def read_source(path: Path, *, max_bytes: int) -> bytes:
    """Read a file's bytes, refusing oversized files before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(_too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError("file not found") from None
    except IsADirectoryError:
        raise IngestError("is a folder, not a file") from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # the file grew between stat and read
        raise IngestError(_too_large(len(data), max_bytes))
    if not data:
        raise IngestError("empty file")
    return data


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size / _MB:.1f} MB (limit {limit / _MB:.1f} MB)"


def decode_text(data: bytes) -> str:
    """Decode scraped bytes whatever their encoding, then normalise the characters.

    Order matters: BOMs are trusted first, then a NUL pattern betrays BOM-less UTF-16,
    then strict UTF-8 (which rarely decodes non-UTF-8 by accident), then GB18030.
    """
    if not data.strip():
        raise IngestError("empty file")
    text = _decode(data)
    encoded = text.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    if controls > len(text) // 100 + 1:
        raise IngestError("binary file (not text)")
    text = normalise(text)
    if not text.strip():
        raise IngestError("empty file")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise IngestError("binary file (not text)")
        return _strict(data, encoding)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("undecodable text (not UTF-8, UTF-16 or GB18030)")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise IngestError("undecodable text (not UTF-8, UTF-16 or GB18030)") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly-ASCII text has NULs on one byte parity only; binary has them anywhere."""
    if len(data) % 2:
        return None
    half = len(data) // 2
    even = data[0::2].count(0) / half
    odd = data[1::2].count(0) / half
    if odd >= 0.2 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.2 and odd <= 0.02:
        return "utf-16-be"
    return None


def normalise(text: str) -> str:
    """One newline convention, plain spaces, no invisible characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return _SPECIAL.sub(lambda match: _REPLACEMENTS.get(match.group(), ""), text)


def has_words(text: str, count: int) -> bool:
    """``word_count(text) >= count``, without splitting all of a long paragraph."""
    if len(text.split(None, count - 1)) >= count:
        return True
    return not text.isascii() and word_count(text) >= count


def word_count(text: str) -> int:
    """Words for Latin text; CJK has no spaces, so two characters count as one word."""
    words = len(text.split())
    if text.isascii():
        return words
    return words + len(_CJK.findall(text)) // 2


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|^\s{0,3}>\s?|^\s{0,3}[-*_]{3,}\s*$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\([^()\n]{0,500}\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,200}?)(?<=\S)\1")


def markdown_to_text(markdown: str) -> str:
    """Markdown pages: keep the words, drop heading marks, link targets and bold marks."""
    text = _MD_HEADING.sub("", markdown)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


# Abbreviations after which a period never ends a sentence (titles before a name).
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "sen", "gen", "rep", "gov", "hon"})
# Abbreviations that end a sentence only when a capitalised word follows.
_ABBREVIATIONS = frozenset(
    {
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "fig",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_SENTENCE_END = re.compile(r"[.!?。！？；][\"”’)\]]*\s*")
# What a line of finished text ends with: a stop or a closing quote.
TERMINAL_MARKS = tuple('.!?。！？"”…')
_WIDE_STOPS = "。！？；"
# Paragraphs whose sentences are remembered: many times the paragraphs of one page.
_CACHED_PARAGRAPHS = 4096


@lru_cache(maxsize=_CACHED_PARAGRAPHS)
def split_sentences(paragraph: str) -> tuple[str, ...]:
    """Sentences of one paragraph, not fooled by "Dr." , "Inc. announced" or "Nov. 28".

    Cached: the title, summary, dedupe anchors and the prose test all split the same
    paragraphs of one page, so each is split once.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph):
            break
        stop = paragraph[match.start()]
        if stop not in _WIDE_STOPS and not paragraph[end - 1].isspace():
            continue  # "3.5", "U.S.": Latin stops need a following space
        if stop == "." and not _ends_sentence(paragraph, match.start(), end):
            continue
        sentences.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return tuple(sentences)


def _ends_sentence(paragraph: str, period: int, next_start: int) -> bool:
    word_start = paragraph.rfind(" ", 0, period) + 1
    word = paragraph[word_start:period].lstrip('("“').casefold()
    if word in _TITLES or (len(word) == 1 and word.isalpha()):
        return False
    if word in _ABBREVIATIONS or "." in word:
        following = paragraph[next_start]
        return following.isupper() or following in '"“'
    return True


def trie_pattern(words: Iterable[str]) -> str:
    """A prefix-tree regex for literal words: the engine follows one branch per character,
    however many words there are. Longer words win; a space matches any whitespace run."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = []
        for char in sorted(node, key=lambda c: c == ""):
            if char == "":
                branches.append("")
            elif char == " ":
                branches.append(r"\s+" + render(node[char]))
            else:
                branches.append(re.escape(char) + render(node[char]))
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(tree)


# The only letters a case-blind pattern takes for Latin ones ("ſ" for "s", "K" for "k")
# that ``str.lower`` keeps apart.
_FOLDED_ALIKE = frozenset("İıſK")


def lowers_plainly(text: str) -> bool:
    """Does ``str.lower`` fold ``text`` as a case-blind pattern would? Then a Latin word
    missing from ``text.lower()`` rules out a case-blind pattern that needs it, and a
    quick substring test can spare the pattern's scan."""
    return text.isascii() or _FOLDED_ALIKE.isdisjoint(text)


def finditer_from(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where ``starts`` matches.

    A pattern that opens with a look-around (a word boundary, a preceding space) makes the
    engine try it at every position of the text; a ``starts`` pattern of plain literals
    lets it skip ahead at C speed. ``starts`` must match wherever ``pattern`` does, and
    ``pattern`` must never match empty text."""
    at = 0
    while (hit := starts.search(text, at)) is not None:
        match = pattern.match(text, hit.start())
        if match is None:
            at = hit.start() + 1
        else:
            yield match
            at = match.end()
