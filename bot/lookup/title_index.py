"""The in-memory index of release titles, for /release autocomplete and title lookups."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

# Words worth correcting a typo towards (shorter ones are left as typed).
_VOCABULARY_WORD = re.compile(r"\w{3,}")
# How much of the newest titles tells a common word from a rare one: counting in a slice
# this long costs microseconds, and a common word is common in it too.
_SAMPLE_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class _TitleEntry:
    id: int
    title: str
    company: str
    date: str | None


class TitleIndex:
    """Release titles for autocomplete and fuzzy /release lookups.

    Titles are folded into one newline-joined string so that finding a word is a
    C-speed ``str.find`` rather than a Python loop over every title, and kept sorted
    so that titles starting with what was typed are a bisect away.
    """

    def __init__(self, rows: Sequence[tuple[int, str, str, str | None]]) -> None:
        # Entries are made for the titles shown only, not for every release at start-up.
        self._rows = rows
        folded = [" ".join(title.casefold().split()) for _, title, _, _ in rows]
        self._offsets: list[int] = []
        position = 0
        for title in folded:
            self._offsets.append(position)
            position += len(title) + 1
        self._text = "\n".join(folded)
        self._sample = self._text[:_SAMPLE_CHARS]
        self._folded = folded
        self._by_title = sorted(range(len(folded)), key=folded.__getitem__)
        self._sorted = [folded[i] for i in self._by_title]

    @cached_property
    def _vocabulary(self) -> tuple[list[str], dict[str, list[str]]]:
        """Every title word, and the same by first character.

        Built on first use: only typo correction needs it, and start-up should not wait.
        """
        words = sorted({w for title in self._folded for w in _VOCABULARY_WORD.findall(title)})
        by_first: dict[str, list[str]] = {}
        for word in words:
            by_first.setdefault(word[0], []).append(word)
        return words, by_first

    @cached_property
    def _vocabulary_text(self) -> str:
        """Every title word once: a twentieth of the titles' text, so quick to scan."""
        return "\n".join(self._vocabulary[0])

    def _absent(self, word: str) -> bool:
        """No title holds ``word``, as told by the vocabulary alone: a run of word
        characters found in a title lies inside one of its words."""
        runs = _VOCABULARY_WORD.findall(word)
        return any(run not in self._vocabulary_text for run in runs)

    def _containing(self, word: str) -> Iterator[int]:
        """Titles containing ``word``, in index order, found lazily so callers can stop."""
        start = self._text.find(word)
        while start != -1:
            index = bisect_right(self._offsets, start) - 1
            yield index
            start = self._text.find(
                word,
                self._offsets[index + 1] if index + 1 < len(self._offsets) else len(self._text),
            )

    def _matching(
        self, words: Sequence[str], limit: int, skip: Set[int] = frozenset()
    ) -> list[int]:
        """The first ``limit`` titles (index order) containing every word, except ``skip``."""
        if limit <= 0 or any(self._absent(word) for word in words):
            return []
        # Titles holding the rarest word are walked: a common one would visit thousands,
        # and a word found nowhere (a typo, mostly) is the rarest, so nothing is visited.
        anchor = min(words, key=lambda word: (self._sample.count(word), -len(word)))
        others = [w for w in words if w is not anchor]
        found: list[int] = []
        for index in self._containing(anchor):
            if index not in skip and all(w in self._folded[index] for w in others):
                found.append(index)
                if len(found) >= limit:
                    break
        return found

    def _starting(self, phrase: str, limit: int) -> list[int]:
        """The first ``limit`` titles (index order) that start with ``phrase``."""
        low = bisect_left(self._sorted, phrase)
        # Every title starting with the phrase sorts below the phrase + the last code point.
        high = bisect_left(self._sorted, phrase + "\U0010ffff", low)
        return heapq.nsmallest(limit, self._by_title[low:high])

    def search(self, text: str, limit: int) -> list[_TitleEntry]:
        """Titles starting with the words, then titles containing them all; else typo-fixed."""
        words = text.casefold().split()
        if not words:
            return [_TitleEntry(*row) for row in self._rows[:limit]]
        hits = self._starting(" ".join(words), limit)
        hits += self._matching(words, limit - len(hits), set(hits))
        if not hits:
            corrected = [self._closest_word(w) for w in words]
            if corrected != words and all(corrected):
                hits = self._matching(corrected, limit)
        return [_TitleEntry(*self._rows[i]) for i in hits]

    def _closest_word(self, word: str) -> str:
        """The nearest title word (or "" when none is close).

        Words sharing the first letter are scored first, a small share of the vocabulary;
        all of them only when none of those is close (a typo in the first letter).
        """
        if len(word) < 3:
            return word
        words, by_first = self._vocabulary
        for candidates in (by_first.get(word[0], []), words):
            best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=75)
            if best:
                return best[0]
        return ""
