"""Bulk loading for the demo: SQLite with a table's triggers and indexes set aside, or COPY."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from itertools import islice
from typing import Any

from sqlalchemy import Engine, Table
from sqlmodel.sql.sqltypes import UTCDateTime

from desk.store.engine import BUSY_TIMEOUT_S

CHUNK = 50_000
LOAD_PRAGMAS = ("synchronous=OFF",)
"""While demo data is loaded (it can be rebuilt): no syncs.

Index builds sort in temporary files, as by default: for a million calls the eight indexes
took 6.7 s so, against 10 s with temp_store=MEMORY. The page cache stays small: they also
sort faster in many small runs than in one big one.
"""
SAVE_PRAGMAS = ("synchronous=FULL",)
"""What the engine's connections use (see engine.py); the load puts them back."""


class Phases(dict[str, float]):
    """Seconds spent in each named step of a load, for `desk demo --verbose`."""

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        """Time the block under a name (added up when the name repeats)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started


def stamp_texts(values: Sequence[int | None]) -> list[str | None]:
    """Unix seconds as SQLite's text for UTCDateTime ('2026-11-24 01:05:00.000000')."""
    known = [t for t in values if t is not None]
    if not known:
        return [None] * len(values)
    days = {
        d: datetime.fromtimestamp(d * 86400, UTC).strftime("%Y-%m-%d ")
        for d in range(min(known) // 86400, max(known) // 86400 + 1)
    }
    times = _times_of_day()
    return [None if t is None else days[t // 86400] + times[t % 86400] for t in values]


@cache
def _times_of_day() -> list[str]:
    return [
        f"{h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)
    ]


def sqlite_load_on(cursor: Any) -> None:
    """Switch a connection to bulk-load settings (outside a transaction)."""
    for pragma in LOAD_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")


def sqlite_load_off(cursor: Any) -> None:
    """Put the engine's settings back: WAL, FULL sync (outside a transaction)."""
    cursor.execute("PRAGMA main.journal_mode=WAL")
    for pragma in SAVE_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")


def set_aside(cursor: Any, table: str, keep: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """Drop a table's triggers and indexes (inside the load's transaction); returns their SQL.

    Row-by-row triggers cost more than the rows, and one index build over all the rows beats
    updating it row by row; the caller does the triggers' work in bulk and puts both back.
    """
    found = cursor.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') "
        "AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    found = [(kind, name, sql) for kind, name, sql in found if name not in keep]
    for kind, name, _sql in found:
        cursor.execute(f'DROP {kind.upper()} "{name}"')
    triggers = [sql for kind, _name, sql in found if kind == "trigger"]
    return [sql for kind, _name, sql in found if kind == "index"], triggers


def executemany_chunks(
    cursor: Any,
    sql: str,
    rows: Iterator[Sequence[Any]],
    progress: Callable[[int], None] | None,
) -> int:
    """executemany in chunks, reporting the running count; returns the rows inserted."""
    count = 0
    while batch := list(islice(rows, CHUNK)):
        cursor.executemany(sql, batch)
        count += len(batch)
        if progress:
            progress(count)
    return count


def bulk_insert(
    engine: Engine,
    table: Table,
    columns: Sequence[str],
    rows: Iterator[tuple[Any, ...]],
    progress: Callable[[int], None] | None,
) -> int:
    """Insert many rows: executemany on SQLite, COPY on PostgreSQL.

    Rows are tuples in `columns` order; timestamps are given as Unix seconds (UTC). The table
    must have no trigger whose work would be lost (those of call are done by demo_load).
    """
    stamp_columns = {c.name for c in table.columns if isinstance(c.type, UTCDateTime)}
    stamps = [i for i, c in enumerate(columns) if c in stamp_columns]
    count = 0
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            slots = ", ".join(
                "strftime('%Y-%m-%d %H:%M:%S.000000', ?, 'unixepoch')"
                if c in stamp_columns
                else "?"
                for c in columns
            )
            sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({slots})"
            sqlite_load_on(cursor)
            try:
                cursor.execute("BEGIN IMMEDIATE")
                indexes, triggers = set_aside(cursor, table.name)
                count = executemany_chunks(cursor, sql, rows, progress)
                for statement in (*indexes, *triggers):
                    cursor.execute(statement)
                cursor.execute("COMMIT")
            finally:
                if raw.in_transaction:
                    cursor.execute("ROLLBACK")
                sqlite_load_off(cursor)
        else:
            count = copy_rows(raw, table.name, columns, stamps, rows, progress)
    finally:
        raw.close()
    return count


def copy_rows(
    raw: Any,
    table: str,
    columns: Sequence[str],
    stamps: Sequence[int],
    rows: Iterable[Sequence[Any]],
    progress: Callable[[int], None] | None,
) -> int:
    """COPY rows into a PostgreSQL table, Unix-second stamps (at `stamps`) made datetimes."""
    count = 0
    cursor = raw.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            values = list(row)
            for i in stamps:
                if values[i] is not None:
                    values[i] = datetime.fromtimestamp(values[i], UTC)
            copy.write_row(values)
            count += 1
            if progress and count % CHUNK == 0:
                progress(count)
    raw.commit()
    if progress:
        progress(count)
    return count


def connect_alone(path: str) -> sqlite3.Connection:
    """A connection of our own to a SQLite file, in autocommit mode (BEGIN is ours to say)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    return connection
