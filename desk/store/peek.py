"""A first look at a desk SQLite file with Python's own sqlite3, read-only, while SQLAlchemy and
the tables load (about half a second): the names on the sign-in card, one PIN, and the call
entry's pick lists and draft. So the first screen works before the store does.

Each answer is exact or None: a file at another schema revision, a lock, a draft another
terminal keeps, a configured department not yet in the table... are left to the store (which
may write, and says what is wrong). Nothing here writes: the file is read with a read-only
connection (SQLite may make its -wal and -shm companions, as any connection does), and a
file another program keeps locked is left to the store, which says so and waits.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from desk.session_info import Role, SignedIn
from desk.store.pins import pin_matches
from desk.store.revisions import head_revision
from desk.store.shapes import Choice, EntryChoices, SavedDraft

SQLITE_PREFIX = "sqlite:///"


@dataclass(frozen=True)
class PeekedDraft:
    """The store's load_draft answer: `draft` None when the person keeps none."""

    draft: SavedDraft | None


@dataclass(frozen=True)
class PeekedSignIn:
    """A PIN found right: who signs in, and the hash it was checked against (the store
    confirms nothing changed since, and records the sign-in)."""

    staff: SignedIn
    pin_hash: str


@dataclass(frozen=True)
class PinRecord:
    """A name's row as a PIN is checked against it."""

    id: int
    name: str
    role: str
    pin_hash: str
    active: bool
    locked_until: datetime | None

    def check(self, pin: str, now: datetime) -> PeekedSignIn | None:
        """The sign-in, if the PIN is right and the name active and not locked (None: the
        store decides, counts a wrong PIN and says why). Runs scrypt, which holds no
        interpreter lock."""
        if not self.active or (self.locked_until is not None and self.locked_until > now):
            return None
        try:
            if self.role not in set(Role) or not pin_matches(pin, self.pin_hash):
                return None
        except ValueError:  # a damaged hash: the store says so
            return None
        staff = SignedIn(id=self.id, name=self.name, role=Role(self.role))
        return PeekedSignIn(staff, self.pin_hash)


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL (as SQLAlchemy reads it), else None."""
    if not url.startswith(SQLITE_PREFIX) or "?" in url:
        return None
    database = unquote(url[len(SQLITE_PREFIX) :])  # as SQLAlchemy reads a URL
    if not database or database == ":memory:":
        return None
    return Path(database)


def write_lock_refused(path: Path, *, timeout_s: float) -> sqlite3.Error | None:
    """Take an existing SQLite file's write lock and give it back at once (nothing changes):
    why it could not be had within `timeout_s` (another program holds it, the file may not be
    written...), or None."""
    uri = f"{path.resolve().as_uri()}?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=timeout_s)) as connection:
            connection.isolation_level = None
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
    except sqlite3.Error as error:
        return error
    return None


def _active_staff(connection: sqlite3.Connection) -> list[tuple[int, str]]:
    """The active staff by name, as the store's list_staff orders them."""
    query = "SELECT id, name FROM staff WHERE active ORDER BY name"
    return [(row[0], row[1]) for row in connection.execute(query)]


def _stamp(text: str | None) -> datetime | None:
    """A timestamp column as the store reads it: UTC text, made aware."""
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class Peek:
    """Read-only answers from a desk SQLite file at this code's schema revision."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(cls, url: str) -> Peek | None:
        """A Peek of the database at `url`, or None when the store must open it (not a file,
        missing, another revision, not ours, locked, unreadable)."""
        path = sqlite_file(url)
        if path is None or not path.is_file():
            return None
        peek = cls(path)
        try:
            with peek._reading() as connection:
                rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.Error:
            return None
        if len(rows) != 1 or rows[0][0] != head_revision():
            return None
        if write_lock_refused(path, timeout_s=0.1) is not None:
            return None  # another program holds it, or desk may not write it: the store says
        return peek

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)) as c:
            c.execute("PRAGMA busy_timeout = 0")  # a lock is the store's to wait for
            c.execute("BEGIN")  # one snapshot for all the reads of one answer
            yield c

    def _answer(self, read: Callable[[sqlite3.Connection], Any]) -> Any:
        """read(connection), or None if the file cannot be read now."""
        try:
            with self._reading() as connection:
                return read(connection)
        except (sqlite3.Error, ValueError):
            return None

    def staff_names(self) -> list[tuple[int, str]] | None:
        """The active staff by name, as the sign-in card lists them (None: ask the store)."""
        return self._answer(_active_staff)

    def staff_count(self) -> int | None:
        """How many staff members exist (0: the first administrator is still to be made)."""
        return self._answer(lambda c: c.execute("SELECT count(*) FROM staff").fetchone()[0])

    def sign_in(self, *, staff_id: int, pin: str, now: datetime) -> PeekedSignIn | None:
        """Who signs in with this PIN, if it is right and the name active and not locked;
        None otherwise: the store then decides, counts a wrong PIN and says why."""
        record = self.pin_record(staff_id)
        return record.check(pin, now) if record is not None else None

    def pin_record(self, staff_id: int) -> PinRecord | None:
        """What a PIN of this name is checked against (None: no such name, or unreadable)."""
        row = self._answer(
            lambda c: c.execute(
                "SELECT id, name, role, pin_hash, active, locked_until FROM staff WHERE id = ?",
                (staff_id,),
            ).fetchone()
        )
        if row is None:
            return None
        found_id, name, role, pin_hash, active, locked_until = row
        try:
            locked = _stamp(locked_until)
        except ValueError:
            return None
        return PinRecord(found_id, name, role, pin_hash, bool(active), locked)

    def entry_choices(self, *, department_names: tuple[str, ...]) -> EntryChoices | None:
        """The call entry's pick lists as the store's entry_choices gives them; None when a
        configured department is not in the table yet (the store adds it)."""

        def read(c: sqlite3.Connection) -> EntryChoices | None:
            query = "SELECT id, name, active FROM department ORDER BY id"
            departments = c.execute(query).fetchall()
            if not set(department_names) <= {name for _id, name, _active in departments}:
                return None
            return EntryChoices(
                staff=tuple(Choice(i, n) for i, n in _active_staff(c)),
                departments=tuple(Choice(i, n) for i, n, active in departments if active),
            )

        return self._answer(read)

    def draft(
        self, *, desk: str, form: str, staff_id: int, machine: str | None
    ) -> PeekedDraft | None:
        """The person's draft of this form kept at this desk, as the store's load_draft gives
        it; None when the store must look (another terminal of the computer keeps one, which
        the store moves here, or a draft cannot be read)."""
        desk = desk[:200]  # as the store keeps it
        query = "SELECT desk, payload, updated_at FROM draft WHERE form = ? AND staff_id = ?"
        if machine:  # drafts of every terminal of this computer
            query += " AND (desk = ? OR lower(substr(desk, 1, ?)) = lower(?))"  # as LIKE
            parameters: tuple[object, ...] = (form, staff_id, desk, len(machine) + 1)
            parameters += (f"{machine}:",)
        else:
            query += " AND desk = ?"
            parameters = (form, staff_id, desk)

        def read(c: sqlite3.Connection) -> PeekedDraft | None:
            rows = c.execute(query, parameters).fetchall()
            if len(rows) > 1 or any(row[0] != desk for row in rows):
                return None
            if not rows:
                return PeekedDraft(None)
            payload, updated_at = json.loads(rows[0][1]), _stamp(rows[0][2])
            if not isinstance(payload, dict) or updated_at is None:
                return None
            return PeekedDraft(SavedDraft(payload=payload, updated_at=updated_at))

        return self._answer(read)
