"""Near-duplicate detection: the same release scraped from two sites with different chrome."""

from __future__ import annotations

import hashlib
import re

from bot.ingest.text import split_sentences

ANCHOR_COUNT = 4
_ANCHOR_MIN_WORDS = 8
_SHINGLE = 5
_WORD = re.compile(r"\w+")
_PUNCTUATION = "\"“”‘’'()[]{},.;:!?"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _hash64(text: str) -> int:
    """Stable across runs and machines (unlike ``hash()``), signed so SQL integers hold it."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def anchor_keys(body: str) -> tuple[int, ...]:
    """Hashes of the longest sentences: two copies of a release share most of them.

    Long sentences are the least likely to be boilerplate or shared with other
    releases; several anchors survive an edit to any one sentence. A sentence's words,
    joined, are never longer than the sentence case-folded, so sentences are tried
    longest first and the words of the many short ones are never read.
    """
    folded = sorted(
        (
            sentence.casefold()
            for paragraph in body.split("\n\n")
            for sentence in split_sentences(paragraph)
        ),
        key=len,
        reverse=True,
    )
    anchors: set[str] = set()
    shortest_kept = 0
    for sentence in folded:
        if len(sentence) < shortest_kept:
            break  # no shorter sentence can displace the longest ANCHOR_COUNT
        if len(words := _WORD.findall(sentence)) >= _ANCHOR_MIN_WORDS:
            anchors.add(" ".join(words))
            if len(anchors) >= ANCHOR_COUNT:
                shortest_kept = sorted(map(len, anchors), reverse=True)[ANCHOR_COUNT - 1]
    longest = sorted(anchors, key=lambda s: (-len(s), s))[:ANCHOR_COUNT]
    return tuple(_hash64(s) for s in longest)


def _shingles(body: str) -> set[int]:
    words = _words(body)
    if len(words) < _SHINGLE:
        return {hash(" ".join(words))} if words else set()
    return {hash(tuple(words[i : i + _SHINGLE])) for i in range(len(words) - _SHINGLE + 1)}


def _names(body: str) -> set[str]:
    """Capitalised tokens: the people, organisations and places a release is about."""
    return {token.strip(_PUNCTUATION) for token in body.split() if token != token.lower()}


def resemblance(body_a: str, body_b: str) -> float:
    """How alike two bodies are, 0..1: Jaccard of word 5-shingles (robust to re-spacing,
    chrome and small edits), times Jaccard of their capitalised names, so the same text
    about another company ("Orbis" → "Zeta") is not taken for a second scrape. The name
    factor is skipped when either side was scraped all in lower case."""
    a, b = _shingles(body_a), _shingles(body_b)
    if not a or not b:
        return 1.0 if a == b else 0.0
    text = len(a & b) / len(a | b)
    names_a, names_b = _names(body_a), _names(body_b)
    if not names_a or not names_b:
        return text
    return text * len(names_a & names_b) / len(names_a | names_b)
