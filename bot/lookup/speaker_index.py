"""Everyone quoted, busiest first, for fuzzy speaker matching in /quote."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from bot.lookup.company_index import ACCEPT_SCORE, SUGGEST_SCORE
from bot.lookup.failures import SUGGESTIONS, NotFound
from bot.lookup.views import Choice


class SpeakerIndex:
    """Speaker names by number of quotes; WRatio so a surname or a reordered name still finds them."""

    def __init__(self, counts: Sequence[tuple[str, int]]) -> None:
        self.names = [name for name, _count in sorted(counts, key=lambda s: -s[1])]

    def resolve(self, text: str) -> list[str]:
        """Speakers whose name matches, fuzzily: "li jia", "Jia", "Yu Xia" all find someone."""
        matches = process.extract(
            text.strip(),
            self.names,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=SUGGESTIONS,
            score_cutoff=SUGGEST_SCORE,
        )
        if matches and matches[0][1] >= ACCEPT_SCORE:
            best = matches[0][1]
            return [name for name, score, _ in matches if score >= best - 2]
        raise NotFound(f"Nobody called “{text[:80]}” is quoted.", [name for name, _, _ in matches])

    def choices(self, current: str, limit: int) -> list[Choice]:
        if not current.strip():
            return [Choice(name, name) for name in self.names[:limit]]
        matches = process.extract(
            current,
            self.names,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=50,
        )
        return [Choice(name, name) for name, _, _ in matches]
