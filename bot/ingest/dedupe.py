"""Near-duplicate detection: the same release scraped from two sites with different chrome."""

from __future__ import annotations

import hashlib
import re

from bot.ingest.text import split_sentences

ANCHOR_COUNT = 4
_ANCHOR_MIN_WORDS = 8
_SHINGLE = 5
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _hash64(text: str) -> int:
    """Stable across runs and machines (unlike ``hash()``), signed so SQL integers hold it."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def anchor_keys(body: str) -> tuple[int, ...]:
    """Hashes of the longest sentences: two copies of a release share most of them.

    Long sentences are the least likely to be boilerplate or shared with other
    releases; several anchors survive an edit to any one sentence.
    """
    sentences = {
        " ".join(words)
        for paragraph in body.split("\n\n")
        for sentence in split_sentences(paragraph)
        if len(words := _words(sentence)) >= _ANCHOR_MIN_WORDS
    }
    longest = sorted(sentences, key=lambda s: (-len(s), s))[:ANCHOR_COUNT]
    return tuple(_hash64(s) for s in longest)


def _shingles(body: str) -> set[int]:
    words = _words(body)
    if len(words) < _SHINGLE:
        return {hash(" ".join(words))} if words else set()
    return {hash(tuple(words[i : i + _SHINGLE])) for i in range(len(words) - _SHINGLE + 1)}


def resemblance(body_a: str, body_b: str) -> float:
    """Jaccard similarity of word 5-shingles, 0..1: robust to re-spacing and small edits."""
    a, b = _shingles(body_a), _shingles(body_b)
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / len(a | b)
