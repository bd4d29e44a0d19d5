"""A file's stamp: what it looked like, from ``stat`` alone, when its records were stored.

A plain value shared by the loader (which stamps files, in parse workers too) and the
store (which keeps stamps beside each source). It lives outside both so that a parse
worker, which unpickles stamps, never imports the store or SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass

# A file modified this close to a read may change again within the same clock tick
# without its size or time showing it, so its stamp is not trusted.
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class FileStamp:
    """A file with the same stamp is skipped before it is read. ``read_with`` stands for
    what else the records depend on (the parser's fingerprint, a sidecar's stamp), so a
    parser upgrade or a registry edit makes every stamp differ and every file read again."""

    size: int
    mtime_ns: int
    read_with: str
