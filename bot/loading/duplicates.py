"""Near-duplicates: which release, stored or loaded earlier in this load, a record repeats
— the same text, or nearly (another site's copy of the same news)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property

from bot import ingest
from bot.records import ReleaseRecord
from bot.store import LoadTransaction

# Two scrapes whose sentences overlap this much are one release.
NEAR_DUPLICATE_RESEMBLANCE = 0.8
# A sentence shared by more releases than this is a template, not evidence of a copy.
ANCHOR_FANOUT = 8
# Full comparisons per record, best candidates first: keeps template-heavy sites fast.
MAX_NEAR_DUPLICATE_CHECKS = 3


# Stored content hashes and anchors are looked up one by one while that costs less than
# reading them all in one scan: a lookup costs about as much as scanning this many
# releases' hashes, or (a record's anchors, after writing the load's buffered rows)
# this many releases' anchors. A poll then costs a few lookups however many releases
# are stored, and a first load reads the empty store at once.
HASH_LOOKUP_COST = 20
ANCHOR_LOOKUP_COST = 100


class DuplicateFinder:
    """Content hashes and anchor sentences of every release the load knows of.

    Stored ones are looked up as needed, and read whole in one scan only once a load
    has asked for many: a load of a few pages (a poll, a small reload) then costs a few
    lookups however many releases are stored, and a load that finds no changes, or
    whose changed files only update their own releases, reads none.
    """

    def __init__(self, tx: LoadTransaction) -> None:
        self.tx = tx
        self._hashes: dict[str, int] = {}  # remembered in this load; every stored one once read
        self._hashes_read = False
        self._hash_lookups = 0
        self._anchors: dict[int, list[int]] | None = None  # every stored one, once read
        self._anchor_lookups = 0

    @cached_property
    def _stored(self) -> int:
        """About how many releases are stored (ids are issued in order, never reused)."""
        return self.tx.stored.highest_release_id()

    def owner(self, content_hash: str) -> int | None:
        """The release with exactly this text: remembered in this load, or stored."""
        known = self._hashes.get(content_hash)
        if known is not None or self._hashes_read:
            return known
        self._hash_lookups += 1
        if self._hash_lookups * HASH_LOOKUP_COST <= self._stored:
            return self.tx.stored.release_with_hash(content_hash)
        stored = self.tx.stored.content_hashes()
        stored.update(self._hashes)  # what this load did is newer than what is stored
        self._hashes, self._hashes_read = stored, True
        return stored.get(content_hash)

    def holders(self, anchors: Sequence[int]) -> list[int]:
        """Releases holding each anchor (up to ``ANCHOR_FANOUT`` an anchor, oldest first)."""
        if self._anchors is None:
            # Buffered rows are written first: the store then holds every release
            # remembered so far, with its anchors as they are now.
            self.tx.flush()
            self._anchor_lookups += 1
            if self._anchor_lookups * ANCHOR_LOOKUP_COST <= self._stored:
                found = self.tx.stored.anchor_holders(anchors, ANCHOR_FANOUT)
                return [rid for a in anchors for rid in found.get(a, ())]
            self._anchors = self.tx.stored.anchor_index(ANCHOR_FANOUT)
        return [rid for a in anchors for rid in self._anchors.get(a, ())]

    def find(self, record: ReleaseRecord, anchors: Sequence[int]) -> int | None:
        """The release this record repeats, if any.

        Only releases sharing enough anchor sentences are compared in full: one shared
        sentence is common (a template phrase), two rarely happen by chance.
        """
        exact = self.owner(record.content_hash)
        if exact is not None:
            return exact
        holders = self.holders(anchors) if anchors else []
        if not holders:
            return None  # most records: no sentence in common with any release
        shared = Counter(holders)
        needed = min(2, len(anchors))
        for release_id, count in shared.most_common(MAX_NEAR_DUPLICATE_CHECKS):
            if count < needed:
                break
            body = self.tx.body(release_id)
            if ingest.resemblance(record.body, body) >= NEAR_DUPLICATE_RESEMBLANCE:
                return release_id
        return None

    def remember(self, release_id: int, record: ReleaseRecord, anchors: Iterable[int]) -> None:
        self._hashes[record.content_hash] = release_id
        if self._anchors is None:
            return  # not read yet: the store will hold the release when anchors are looked at
        for anchor in anchors:
            holders = self._anchors.setdefault(anchor, [])
            if len(holders) < ANCHOR_FANOUT:
                holders.append(release_id)
