"""What a load knows of what is stored already: each source's file stamp and hash (all
of them, or those of named files), the releases' content hashes and near-duplicate
anchors (looked up one by one, or read in one scan), and the line keys stored for the
pages of folders a reload learns again."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from bot.file_stamps import FileStamp
from bot.store.in_lists import in_chunks
from bot.store.models import Release, ReleaseAnchor, SourceRow


@dataclass(frozen=True, slots=True)
class StoredSource:
    release_id: int
    file_hash: str
    content_hash: str
    source_count: int
    stamp: FileStamp | None = None


@dataclass(slots=True)
class LoadTally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    removed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.merged)


class StoredState:
    """Scans of the stored sources and releases, inside the load's transaction."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def sources(self, paths: Collection[str] | None = None) -> dict[tuple[str, int], StoredSource]:
        """Every stored (path, record index) with its file hash and release; or only those
        of ``paths``: a load of a few fetched pages need not read every source."""
        if paths is None:
            return self._sources(None)
        found: dict[tuple[str, int], StoredSource] = {}
        for names in in_chunks(paths):
            found.update(self._sources(names))
        return found

    def _sources(self, paths: list[str] | None) -> dict[tuple[str, int], StoredSource]:
        counts = select(SourceRow.release_id, func.count().label("n"))
        if paths is not None:
            of_paths = select(SourceRow.release_id).where(SourceRow.path.in_(paths))
            counts = counts.where(SourceRow.release_id.in_(of_paths))
        counted = counts.group_by(SourceRow.release_id).subquery()
        query = (
            select(
                SourceRow.path,
                SourceRow.record_index,
                SourceRow.release_id,
                SourceRow.file_hash,
                Release.content_hash,
                counted.c.n,
                SourceRow.file_size,
                SourceRow.file_mtime_ns,
                SourceRow.read_with,
            )
            .join(Release, Release.id == SourceRow.release_id)
            .join(counted, counted.c.release_id == SourceRow.release_id)
        )
        if paths is not None:
            query = query.where(SourceRow.path.in_(paths))
        return {
            (path, index): StoredSource(
                release_id,
                file_hash,
                chash,
                n,
                FileStamp(size, mtime, read_with) if read_with is not None else None,
            )
            for path, index, release_id, file_hash, chash, n, size, mtime, read_with in (
                self.conn.execute(query)
            )
        }

    def line_keys(self, paths: Collection[str]) -> dict[str, str]:
        """The stored line keys of these files (by path), where they have any."""
        found: dict[str, str] = {}
        for names in in_chunks(paths):
            rows = self.conn.execute(
                select(SourceRow.path, SourceRow.line_keys).where(
                    SourceRow.path.in_(names),
                    SourceRow.record_index == 0,
                    SourceRow.line_keys.is_not(None),
                )
            )
            found.update((path, keys) for path, keys in rows)
        return found

    def release_with_hash(self, content_hash: str) -> int | None:
        """The stored release with this text (content hashes are unique), if any."""
        release_id: int | None = self.conn.execute(
            select(Release.id).where(Release.content_hash == content_hash)
        ).scalar()
        return release_id

    def highest_release_id(self) -> int:
        highest: int | None = self.conn.execute(select(func.max(Release.id))).scalar()
        return highest or 0

    def content_hashes(self) -> dict[str, int]:
        return {
            chash: rid for chash, rid in self.conn.execute(select(Release.content_hash, Release.id))
        }

    def anchor_index(self, fanout: int) -> dict[int, list[int]]:
        """Near-duplicate anchors of stored releases: anchor → up to ``fanout`` releases
        with it, the oldest first."""
        index: dict[int, list[int]] = {}
        rows = self.conn.execute(
            select(ReleaseAnchor.release_id, ReleaseAnchor.anchor).order_by(
                ReleaseAnchor.release_id
            )
        )
        for release_id, anchor in rows:
            holders = index.setdefault(anchor, [])
            if len(holders) < fanout:
                holders.append(release_id)
        return index

    def anchor_holders(self, anchors: Iterable[int], fanout: int) -> dict[int, list[int]]:
        """The same as ``anchor_index`` for these anchors only, looked up one by one."""
        return {
            anchor: list(
                self.conn.execute(
                    select(ReleaseAnchor.release_id)
                    .where(ReleaseAnchor.anchor == anchor)
                    .order_by(ReleaseAnchor.release_id)
                    .limit(fanout)
                ).scalars()
            )
            for anchor in dict.fromkeys(anchors)
        }
