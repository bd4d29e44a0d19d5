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


# Content hashes looked up one by one before all stored ones are read in one scan: a
# load of a few pages asks a few times, a big load would ask once per page.
HASH_LOOKUPS_BEFORE_SCAN = 500


class DuplicateFinder:
    """Content hashes and anchor sentences of every release the load knows of.

    Stored ones are read when first needed: a hash is looked up by itself until a load
    has asked for many, then all are read in one scan; the anchors are one scan of
    every stored release, which a load that finds no changes should not pay for — nor
    one whose changed files only update their own releases in place.
    """

    def __init__(self, tx: LoadTransaction) -> None:
        self.tx = tx
        self._hashes: dict[str, int] = {}  # remembered in this load; every stored one once read
        self._hashes_read = False
        self._hash_lookups = 0

    def owner(self, content_hash: str) -> int | None:
        """The release with exactly this text: remembered in this load, or stored."""
        known = self._hashes.get(content_hash)
        if known is not None or self._hashes_read:
            return known
        self._hash_lookups += 1
        if self._hash_lookups <= HASH_LOOKUPS_BEFORE_SCAN:
            return self.tx.stored.release_with_hash(content_hash)
        stored = self.tx.stored.content_hashes()
        stored.update(self._hashes)  # what this load did is newer than what is stored
        self._hashes, self._hashes_read = stored, True
        return stored.get(content_hash)

    @cached_property
    def anchors(self) -> dict[int, list[int]]:
        # Buffered rows are written first: the scan then holds every release remembered so far.
        self.tx.flush()
        return self.tx.stored.anchor_index(ANCHOR_FANOUT)

    def find(self, record: ReleaseRecord, anchors: Sequence[int]) -> int | None:
        """The release this record repeats, if any.

        Only releases sharing enough anchor sentences are compared in full: one shared
        sentence is common (a template phrase), two rarely happen by chance.
        """
        exact = self.owner(record.content_hash)
        if exact is not None:
            return exact
        holders = [rid for a in anchors for rid in self.anchors.get(a, ())]
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
        if "anchors" not in self.__dict__:
            return  # not read yet: when it is, the release will be in it
        for anchor in anchors:
            holders = self.anchors.setdefault(anchor, [])
            if len(holders) < ANCHOR_FANOUT:
                holders.append(release_id)
