"""Which releases a PostgreSQL word search ranks: the newest ``SEARCH_CANDIDATES`` + 1
matches, read one of two ways depending on how common the words are.

Both give exactly the newest matches; they differ only in what they read:

- *walk*: releases newest first, each one's vector read and matched. Cheapest when most
  releases match: the candidates are among the first few thousand.
- *windows*: the word index's matches among a window of the newest ids (the word index's
  and the primary key's bitmaps intersected: no vector read for plain words), then among
  an older window sized for the candidates still wanted, until enough are found; the
  last window takes in all the rest.
  Mid-frequency words read about the candidates' rows only, where a walk would read tens
  of thousands of vectors; rare words read every match once.

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
# A window holds this many times the candidates still wanted at its share; the windows
# read so far grow by at least this factor with each next one.
WINDOW_MARGIN = 1.5
WINDOW_GROWTH = 1.25
# The first window takes in at most one in this many of all ids.
FIRST_WINDOW_PARTS = 4


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
    # The estimate can be far too low (the date filters' bounds are correlated, which the
    # planner does not know), so the first window is never the whole: windows are read one
    # after the other, newest first, and none twice.
    window = max(1, min(_window(share, span), span // FIRST_WINDOW_PARTS))
    return _by_windows(conn, matching, window, last, span)


def _by_windows(
    conn: Connection, matching: Select[Any], window: int, last: int, span: int
) -> list[int]:
    """The candidates from ever wider windows of the newest ids: each next window takes in
    the ids below the last one, the final one all that are left."""
    found: list[int] = []
    above = last  # the ids above this have been looked among
    with _bitmaps_only(conn):
        while len(found) < _WANTED:
            older = matching.where(Release.id <= above)
            if window < span:
                older = older.where(Release.id > last - window)
            found += _ids(conn, older.order_by(_BY_INDEX), _WANTED - len(found))
            if window >= span:
                break
            above = last - window
            window = next_window(window, len(found), span)
    return found


def next_window(window: int, found: int, span: int) -> int:
    """How many of the newest ids the next window reaches down to, ``found`` candidates
    having turned up among the newest ``window``.

    The share found so far sizes it, for the candidates still wanted only: a phrase
    matches far fewer releases than the estimate (made for its words alone) promises,
    and a window too wide reads and checks, for a phrase, the vector of every release
    in it holding the words.
    """
    wanted = _WANTED - found
    return max(math.ceil(window * WINDOW_GROWTH), window + _window(found / window, span, wanted))


# Newest first without the primary key's order, which would make it a walk.
_BY_INDEX = (Release.id + 0).desc()


def _ids(conn: Connection, newest_first: Select[Any], limit: int = _WANTED) -> list[int]:
    return list(conn.execute(newest_first.limit(limit)).scalars())


def _window(share: float, span: int, wanted: int = _WANTED) -> int:
    """How many ids to look among to find ``wanted`` candidates at this share."""
    return math.ceil(wanted * WINDOW_MARGIN / max(share, 1 / span))


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
