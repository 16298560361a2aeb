"""Where a call stands in the log, (received_at, id), and reading pages by it: keyset
conditions for SQLite and PostgreSQL, and SQLite's ways to find a page of a big selection."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, func, literal, tuple_
from sqlmodel import Session, select

from desk.models import Call
from desk.store.engine import is_sqlite

LogKey = tuple[datetime, int]
"""Where a call stands in the log: (received_at, id); the log is newest first by it."""


def plain(value: Any) -> Any:
    """A column as an expression of the same value that SQLite finds with no index (the
    unary-plus idiom): the query walks the time index instead, and stops after a page."""
    return value + 0 if isinstance(value.type, Integer) else value.concat("")


def fewer_than(session: Session, ids: Select[Any], limit: int) -> bool:
    """Whether a query finds fewer rows than a limit (reading at most that many)."""
    counted = select(func.count()).select_from(ids.limit(limit).subquery())
    return int(session.exec(counted).one()) < limit  # type: ignore[call-overload]


def beyond(session: Session, key: LogKey, *, newer: bool) -> ColumnElement[bool]:
    """Calls after a key in the log (older, or as old with a smaller id), or before it."""
    received_at, call_id = key
    if is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        # A row value: SQLite seeks (received_at, rowid) in the time index directly.
        row = tuple_(Call.received_at, Call.id)
        bound = tuple_(
            literal(received_at, Call.received_at.type),  # type: ignore[attr-defined]
            literal(call_id, Call.id.type),  # type: ignore[union-attr]
        )
        return row > bound if newer else row < bound  # type: ignore[return-value]
    # PostgreSQL: the first part is the index's range, the second sorts out equal times.
    if newer:
        return (Call.received_at >= received_at) & (  # type: ignore[return-value]
            (Call.received_at > received_at) | (Call.id > call_id)  # type: ignore[operator]
        )
    return (Call.received_at <= received_at) & (  # type: ignore[return-value]
        (Call.received_at < received_at) | (Call.id < call_id)  # type: ignore[operator]
    )


def bounded(
    session: Session, query: Select[Any], *, after: LogKey | None, before: LogKey | None
) -> Select[Any]:
    """A query kept to the calls after a key, or before one."""
    if after is not None:
        return query.where(beyond(session, after, newer=False))
    if before is not None:
        return query.where(beyond(session, before, newer=True))
    return query


def ordered(*columns: Any, oldest_first: bool) -> tuple[Any, ...]:
    """Columns to order by, descending unless oldest first."""
    return columns if oldest_first else tuple(c.desc() for c in columns)


def page_by_id(
    session: Session,
    query: Select[Any],
    order_id: Any,
    *,
    newest_first: bool,
    key: LogKey | None,
    limit: int,
    chunks: int,
) -> list[Any] | None:
    """SQLite, a search with many hits: read them a chunk at a time in id order (which the
    full-text index gives without reading them all), keeping the calls no unread hit can
    come before. Calls are mostly typed in as they come, so one chunk is usually the page;
    a call typed in late only takes one more. None: too many calls out of order.

    `query` selects (Call, ...) rows already kept to the page's side of `key`."""
    order = ordered(order_id, oldest_first=not newest_first)
    pool: list[Any] = []
    edge: int | None = None
    for _chunk in range(chunks):
        chunk_query = query
        if edge is not None:
            chunk_query = query.where(order_id < edge if newest_first else order_id > edge)
        chunk = list(session.exec(chunk_query.order_by(*order).limit(limit)))
        pool += chunk
        pool.sort(key=lambda r: (r[0].received_at, r[0].id), reverse=newest_first)
        if len(chunk) < limit:  # every hit is read
            break
        edge = chunk[-1][0].id
        # Every unread hit lies beyond the edge id: none comes before a call at least as
        # new (as old, oldest first) as the nearest other call beyond the edge.
        bound = _time_beyond(session, edge, newest_first=newest_first, key=key)
        if bound is None:
            break
        sure = [
            r
            for r in pool
            if (r[0].received_at >= bound if newest_first else r[0].received_at <= bound)
        ]
        if len(sure) >= limit:
            pool = sure
            break
    else:
        return None
    page = pool[:limit]
    return page if newest_first else page[::-1]


def _time_beyond(
    session: Session, edge: int, *, newest_first: bool, key: LogKey | None
) -> datetime | None:
    """The time of the call nearest in the log among those past an id (by the time index:
    the id is hidden from the rowid search), within the page's key; None when there is none."""
    query = select(Call.received_at).where(
        plain(Call.id) < edge if newest_first else plain(Call.id) > edge
    )
    if key is not None:
        query = query.where(beyond(session, key, newer=not newest_first))
    order = ordered(Call.received_at, Call.id, oldest_first=not newest_first)
    return session.exec(query.order_by(*order).limit(1)).first()
