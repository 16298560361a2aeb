"""Load generated demo calls: SQLite with the search index built beside the rows, or COPY."""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desk.store.demo_bulk import (
    Phases,
    connect_alone,
    copy_rows,
    executemany_chunks,
    set_aside,
    sqlite_load_off,
    sqlite_load_on,
    stamp_texts,
)
from desk.store.demo_calls import CALL_COLUMNS, STAMP_COLUMNS, CallColumns, SearchParts
from desk.store.engine import BUSY_TIMEOUT_S, sqlite_path
from desk.store.search import TEXT_COLUMNS

FTS_COLUMNS = ", ".join([*TEXT_COLUMNS, "number"])
PART_TABLES = (
    "CREATE TEMP TABLE demo_contact_terms (place INTEGER PRIMARY KEY, org, caller, "
    "org_initials, caller_initials, number)",
    "CREATE TEMP TABLE demo_content_terms (place INTEGER PRIMARY KEY, content)",
)
FTS_FILL = (
    f"INSERT INTO call_fts (rowid, {FTS_COLUMNS}) "
    "SELECT ?1 + j.key, c.org, c.caller, t.content, c.org_initials, c.caller_initials, c.number "
    "FROM json_each(?2) AS j "
    "CROSS JOIN temp.demo_contact_terms AS c CROSS JOIN temp.demo_content_terms AS t "
    "WHERE c.place = j.value / ?3 AND t.place = j.value % ?3"
)
"""One statement for the whole index: SQLite fills it in rowid order without Python's lock,
so the index grows on the second core while the main connection writes the rows."""
FTS_SHADOWS = ("call_fts_data", "call_fts_idx", "call_fts_docsize")
"""The tables an FTS5 index keeps itself in (call_fts_config, its settings, stays as it is)."""
LOAD_HASH = 1 << 26
NORMAL_HASH = 1 << 20
"""FTS5's in-memory term buffer ('hashsize'), larger while loading: for a million calls
64 MiB filled the index in 8 s, 1 GiB in 9 s with far more memory, the 1 MiB default in 14 s."""
HASH_SIZE = "INSERT INTO call_fts (call_fts, rank) VALUES ('hashsize', ?)"
ORG_UPSERT = (
    "INSERT INTO call_org (org, initials, last_call_at, calls) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (org) DO UPDATE SET calls = calls + excluded.calls, "
    "last_call_at = max(last_call_at, excluded.last_call_at)"
)
"""What the organisation trigger does per call, once per organisation."""
APPENDED_INDEXES: tuple[str, ...] = ()
"""Indexes kept through the load (none: one sorted build after the rows measured faster
than growing even the time indexes row by row, 44 s against 50 s for a million calls)."""
_CALL_SQL = (
    f"INSERT INTO call (id, {', '.join(CALL_COLUMNS)}, is_sales_lead, desk, created_at, "
    f"updated_at) VALUES (?, {', '.join('?' * len(CALL_COLUMNS))}, 0, 'demo', ?2, ?2)"
)
"""Created and updated when received (?2), on the demo desk: bound once, not three times."""


class SearchBuilder(threading.Thread):
    """Builds the search index of new calls in a scratch database, beside the main load.

    The index is one SQL statement (see FTS_FILL), so it fills on the second core while the
    main connection writes the rows and builds the table's indexes.
    """

    def __init__(self, create_sql: str, parts: SearchParts, first_id: int) -> None:
        super().__init__(name="demo-search-index", daemon=True)
        self.folder = tempfile.TemporaryDirectory(prefix="desk-demo-")
        self.path = str(Path(self.folder.name) / "search.db")
        self.parts: SearchParts | None = parts
        self.first_id = first_id
        self.error: BaseException | None = None
        with sqlite3.connect(self.path, isolation_level=None) as connection:
            connection.execute(create_sql)
        connection.close()

    def run(self) -> None:
        """Fill the scratch index in one transaction."""
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF"):
                connection.execute(f"PRAGMA {pragma}")
            connection.execute(HASH_SIZE, (LOAD_HASH,))
            connection.execute("BEGIN")
            assert self.parts is not None
            fill_search(connection.cursor(), self.parts, self.first_id)
            connection.execute("COMMIT")
        except BaseException as error:  # handed to the main thread, which raises it
            self.error = error
        finally:
            connection.close()
            self.parts = None

    def copy_into(self, cursor: Any) -> None:
        """Wait for the index and put it in place of the (empty) one of the main database."""
        self.join()
        if self.error is not None:
            raise self.error
        for table in FTS_SHADOWS:
            cursor.execute(f"DELETE FROM main.{table}")
            cursor.execute(f"INSERT INTO main.{table} SELECT * FROM demo_search.{table}")


def fill_search(cursor: Any, parts: SearchParts, first_id: int) -> None:
    """Index generated calls, ids from first_id, in the connection's call_fts."""
    for statement in PART_TABLES:
        cursor.execute(statement)
    cursor.executemany(
        "INSERT INTO temp.demo_contact_terms VALUES (?, ?, ?, ?, ?, ?)", parts.contacts
    )
    cursor.executemany("INSERT INTO temp.demo_content_terms VALUES (?, ?)", parts.contents)
    cursor.execute(FTS_FILL, (first_id, parts.codes, parts.width))
    for table in ("demo_contact_terms", "demo_content_terms"):
        cursor.execute(f"DROP TABLE temp.{table}")


def load_calls(
    engine: Engine,
    calls: CallColumns,
    *,
    progress: Callable[[int], None] | None,
    phases: Phases,
) -> int:
    """Insert generated calls with their search index and organisation list; returns the count."""
    if engine.dialect.name != "sqlite":
        return _copy_calls(engine, calls, progress, phases)
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None:
        raw = engine.raw_connection()
        try:
            return _load_sqlite(raw.cursor(), calls, progress, phases, alone=False)
        finally:
            raw.close()
    # The load has the file to itself: pooled connections would keep it from leaving WAL.
    engine.dispose()
    connection = connect_alone(str(path))
    try:
        return _load_sqlite(connection.cursor(), calls, progress, phases, alone=True)
    finally:
        connection.close()


def _load_sqlite(
    cursor: Any,
    calls: CallColumns,
    progress: Callable[[int], None] | None,
    phases: Phases,
    *,
    alone: bool,
) -> int:
    after_id = cursor.execute("SELECT coalesce(max(id), 0) FROM call").fetchone()[0]
    builder = None
    if alone and after_id == 0 and _index_is_empty(cursor):
        create_sql = cursor.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'call_fts'"
        ).fetchone()[0]
        builder = SearchBuilder(create_sql, calls.search_parts(), after_id + 1)
        # Attached before the builder starts: once it writes, its file is locked to readers.
        cursor.execute("ATTACH DATABASE ? AS demo_search", (builder.path,))
        # Started first: the index fills while the rows are prepared and written.
        builder.start()
    exclusive = False
    try:
        with phases("prepare rows"):
            values = calls.values
            texts = {c: stamp_texts(values[c]) for c in STAMP_COLUMNS}
            summary = calls.org_summary()
            newest = stamp_texts([s[2] for s in summary])
            orgs = [(o, i, t, n) for (o, i, _s, n), t in zip(summary, newest, strict=True)]
            columns = [texts.get(c) or values[c] for c in CALL_COLUMNS]
            rows = zip(range(after_id + 1, after_id + 1 + len(calls)), *columns, strict=True)
        sqlite_load_on(cursor)
        exclusive = alone and _journal_in_memory(cursor)
        # IMMEDIATE would lock the attached scratch file too, while the builder writes it.
        cursor.execute("BEGIN" if builder else "BEGIN IMMEDIATE")
        indexes, triggers = set_aside(cursor, "call", keep=APPENDED_INDEXES)
        with phases("insert rows"):
            count = executemany_chunks(cursor, _CALL_SQL, rows, progress)
        with phases("organisation list"):
            cursor.executemany(ORG_UPSERT, orgs)
        with phases("indexes"):
            for statement in indexes:
                cursor.execute(statement)
        with phases("search index"):
            if builder is not None:
                builder.copy_into(cursor)
            else:
                cursor.execute(HASH_SIZE, (LOAD_HASH,))
                fill_search(cursor, calls.search_parts(), after_id + 1)
                cursor.execute(HASH_SIZE, (NORMAL_HASH,))
        for statement in triggers:
            cursor.execute(statement)
        with phases("commit"):
            cursor.execute("COMMIT")
    finally:
        if cursor.connection.in_transaction:
            cursor.execute("ROLLBACK")
        if builder is not None:
            builder.join()
            if _attached(cursor, "demo_search"):
                cursor.execute("DETACH DATABASE demo_search")
            builder.folder.cleanup()
        if exclusive:
            cursor.execute("PRAGMA main.locking_mode=NORMAL")
        with phases("back to WAL"):
            sqlite_load_off(cursor)
    return count


def _attached(cursor: Any, name: str) -> bool:
    return any(row[1] == name for row in cursor.execute("PRAGMA database_list"))


def _journal_in_memory(cursor: Any) -> bool:
    """Write pages once, straight into the file, when nobody else has it open.

    The rollback journal stays in memory: an error or Ctrl-C still rolls the load back.
    """
    cursor.execute("PRAGMA busy_timeout=0")
    try:
        off = cursor.execute("PRAGMA main.journal_mode=MEMORY").fetchone()[0] == "memory"
    except sqlite3.OperationalError:  # another connection has it open: stay in WAL
        off = False
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    if off:
        cursor.execute("PRAGMA main.locking_mode=EXCLUSIVE")
    return off


def _index_is_empty(cursor: Any) -> bool:
    return cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM call_fts_docsize)").fetchone()[0] == 1


def _copy_calls(
    engine: Engine, calls: CallColumns, progress: Callable[[int], None] | None, phases: Phases
) -> int:
    """PostgreSQL: COPY the rows; its triggers keep the organisation list, pg_trgm the search."""
    columns = (*CALL_COLUMNS, "is_sales_lead", "desk", "created_at", "updated_at")
    received = calls.values["received_at"]
    lists = [calls.values[c] for c in CALL_COLUMNS]
    rows = zip(
        *lists, [False] * len(received), ["demo"] * len(received), received, received, strict=True
    )
    stamps = [i for i, c in enumerate(columns) if c in (*STAMP_COLUMNS, "created_at", "updated_at")]
    raw = engine.raw_connection()
    try:
        with phases("insert rows"):
            return copy_rows(raw, "call", columns, stamps, rows, progress)
    finally:
        raw.close()
