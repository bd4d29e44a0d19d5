"""Company names folded for matching, and the in-memory index of every spelling of every company."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.lookup.views import CompanyRef
from bot.records import UNKNOWN_COMPANY
from bot.store import CompanyRow

# A fuzzy match of a company or speaker name at or above this score is taken as the answer.
ACCEPT_SCORE = 80.0
# Below this a name is not even worth suggesting.
SUGGEST_SCORE = 55.0


_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise_name(text: str) -> str:
    """Case, spacing and punctuation folded: "Leading Pharm" and "leadingpharm" meet.

    Keeps exactly the ``str.isalnum`` characters (``\\w`` less ``_``), in one regex pass:
    the index folds every spelling of every company at start-up.
    """
    return _NOT_ALNUM.sub("", text.casefold())


# --- In-memory indexes -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CompanyEntry:
    ref: CompanyRef
    aliases: tuple[str, ...]
    website: str | None
    inferred: bool
    release_count: int


_LISTED_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z .]{1,15}:\s*([A-Za-z0-9][A-Za-z0-9.-]{0,9})$")


class CompanyIndex:
    """Every spelling of every company, for exact, prefix and fuzzy resolution."""

    def __init__(self, companies: Sequence[CompanyRow], counts: dict[int, int]) -> None:
        self.entries: dict[int, _CompanyEntry] = {}
        self._exact: dict[str, int] = {}
        keys: list[tuple[str, int]] = []
        for company in companies:
            ref = CompanyRef(company.id, company.name, company.ticker, company.exchange)
            self.entries[company.id] = _CompanyEntry(
                ref, company.aliases, company.website, company.inferred, counts.get(company.id, 0)
            )
            spellings = [company.name, *company.aliases]
            if company.ticker:
                spellings += [company.ticker, company.ticker.split(".")[0]]
            # "NYSE: ABC" found on a page: the symbol alone finds the company too.
            spellings += [m.group(1) for a in company.aliases if (m := _LISTED_SYMBOL.match(a))]
            for spelling in spellings:
                key = normalise_name(spelling)
                if key:
                    self._exact.setdefault(key, company.id)
                    keys.append((key, company.id))
        keys.sort()
        self._keys = [k for k, _ in keys]
        self._key_ids = [cid for _, cid in keys]
        # Spellings by first character: a typo seldom hits the first letter, and scoring
        # one bucket instead of every spelling is what keeps autocomplete fast.
        self._buckets: dict[str, tuple[list[str], list[int]]] = {}
        for key, company_id in keys:
            bucket = self._buckets.setdefault(key[0], ([], []))
            bucket[0].append(key)
            bucket[1].append(company_id)
        # Busiest companies first: the default autocomplete list and /companies.
        self.by_activity = sorted(
            (e for e in self.entries.values() if e.ref.name != UNKNOWN_COMPANY),
            key=lambda e: (-e.release_count, e.ref.name.casefold()),
        )

    def exact(self, text: str) -> int | None:
        return self._exact.get(normalise_name(text))

    def prefixed(self, text: str, limit: int) -> list[int]:
        key = normalise_name(text)
        if not key:
            return []
        found: list[int] = []
        start = bisect_right(self._keys, key) - 1
        for position in range(max(start, 0), len(self._keys)):
            if position >= 0 and self._keys[position].startswith(key):
                if self._key_ids[position] not in found:
                    found.append(self._key_ids[position])
                    if len(found) >= limit:
                        break
            elif self._keys[position] > key:
                break
        return found

    def fuzzy(self, text: str, limit: int) -> list[tuple[int, float]]:
        """Closest companies by edit similarity of their folded spellings, best first.

        Spellings sharing the first character are scored first; all of them only when
        none of those is worth suggesting (a typo in the first letter).
        """
        key = normalise_name(text)
        if not key:
            return []
        keys, ids = self._buckets.get(key[0], ([], []))
        return self._scored(key, keys, ids, limit) or self._scored(
            key, self._keys, self._key_ids, limit
        )

    @staticmethod
    def _scored(key: str, keys: list[str], ids: list[int], limit: int) -> list[tuple[int, float]]:
        scored: dict[int, float] = {}
        for _key, score, position in process.extract(
            key, keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=SUGGEST_SCORE
        ):
            company_id = ids[position]
            scored[company_id] = max(score, scored.get(company_id, 0.0))
        return sorted(scored.items(), key=lambda item: -item[1])[:limit]
