"""Which releases a PostgreSQL word search ranks: the newest ``SEARCH_CANDIDATES`` + 1
matches, read the cheapest of three ways for how common the words are.

Every way gives exactly the newest matches; they differ only in what they read:

- *walk*: releases newest first, each one's vector read and matched. Cheap when most
  releases match (the candidates are found within the first few thousand).
- *window*: the word index's matches among the newest ids only, intersected with the
  primary key's range in one bitmap. Bounded for the mid-frequency words a walk would
  read tens of thousands of vectors for, while never reading a vector twice.
- *whole*: every match of the word index, sorted by id. Cheap when few releases match.

How common is the planner's own estimate from the index statistics (``EXPLAIN``, no rows
read). The planner does not choose between these ways itself because it prices reading a
release's vector (out of line, compressed) far too low.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Select, func, select

from bot.store.models import Release
from bot.store.search import SEARCH_CANDIDATES

_WANTED = SEARCH_CANDIDATES + 1
# Above this estimated share of matching releases, walking newest first is cheapest.
WALK_SHARE = 0.5
# A window holds this many times the candidates its share promises; one that still falls
# short is followed by one at least this many times wider.
WINDOW_MARGIN = 1.5
WINDOW_GROWTH = 2


def newest_matches(conn: Connection, matched: list[Any]) -> list[int]:
    """Ids of the newest ``SEARCH_CANDIDATES`` + 1 releases that pass ``matched``,
    newest first."""
    # None for both when there are no releases.
    bounds = conn.execute(select(func.min(Release.id), func.max(Release.id))).one()
    first, last = cast(tuple[int | None, int | None], tuple(bounds))
    if first is None or last is None:
        return []
    span = last - first + 1
    matching = select(Release.id).where(*matched)
    share = _estimated_rows(conn, matching) / span
    if share >= WALK_SHARE:
        return _ids(conn, matching.order_by(Release.id.desc()))
    window = _window(share, span)
    found = _in_windows(conn, matching, window, last, span) if window < span else None
    return _ids(conn, matching.order_by(_BY_INDEX)) if found is None else found


def _in_windows(
    conn: Connection, matching: Select[Any], window: int, last: int, span: int
) -> list[int] | None:
    """The candidates among the newest ``window`` ids, widening the window while it holds
    too few; None once it would take in every id."""
    with _bitmaps_only(conn):
        while window < span:
            found = _ids(conn, matching.where(Release.id > last - window).order_by(_BY_INDEX))
            if len(found) == _WANTED:
                return found
            # Short: the window's own share sizes the next one (a phrase matches far fewer
            # releases than the estimate, made for its words alone, promises).
            window = max(window * WINDOW_GROWTH, _window(len(found) / window, span))
    return None


# Newest first without the primary key's order, which would make it a walk.
_BY_INDEX = (Release.id + 0).desc()


def _ids(conn: Connection, newest_first: Select[Any]) -> list[int]:
    return list(conn.execute(newest_first.limit(_WANTED)).scalars())


def _window(share: float, span: int) -> int:
    """How many of the newest ids to look among to find the candidates at this share."""
    return math.ceil(_WANTED * WINDOW_MARGIN / max(share, 1 / span))


def _estimated_rows(conn: Connection, statement: Select[Any]) -> float:
    """How many rows the planner expects ``statement`` to return."""
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    plan = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


@contextmanager
def _bitmaps_only(conn: Connection) -> Iterator[None]:
    """Within the block, no plain index scans: a window is read as the intersection of
    the word index's and the primary key's bitmaps, not by the primary key alone with each
    release's vector matched (which the planner wrongly thinks cheaper)."""
    previous = conn.execute(select(func.current_setting("enable_indexscan"))).scalar_one()
    conn.execute(select(func.set_config("enable_indexscan", "off", True)))
    try:
        yield
    finally:
        conn.execute(select(func.set_config("enable_indexscan", previous, True)))
