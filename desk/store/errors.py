"""Errors the store raises; each carries a message ready for the user."""

from __future__ import annotations

from pathlib import Path

from desk.i18n import _


class StoreError(Exception):
    """Something the user asked for cannot be done; str(error) says why, translated."""


class ValidationError(StoreError):
    """A value is wrong; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(StoreError):
    """The record asked for does not exist."""


class PermissionDenied(StoreError):
    """The signed-in staff member's role may not do this."""


class Conflict(StoreError):
    """The change clashes with the record's state or another desk's work."""


class DatabaseError(Exception):
    """A database desk cannot open or will not touch; the message is for the user."""


class MissingDatabase(DatabaseError):
    """A SQLite file that does not exist, where the command may not create one."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


_FAILURES = (
    (("database or disk is full", "no space left", "could not extend file", "disk full"), "full"),
    (("database is locked", "database table is locked"), "busy"),
    (("readonly database", "read-only"), "read_only"),
    (("disk i/o error",), "io"),
    (("connection refused", "server closed the connection", "could not connect"), "server"),
)


def database_failure(error: BaseException) -> str:
    """What a failure of the database itself (not of the user's input) means, for the user.

    The common ones (disk full, locked by another desk, read-only file, I/O error, server
    gone) get a sentence in the user's language; others the driver's own first line.
    """
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0:1]
    text = reason[0] if reason else type(error).__name__
    kind = next((k for marks, k in _FAILURES if any(m in text.lower() for m in marks)), None)
    if kind == "full":
        return _("The disk is full, so the database could not write. Nothing typed is lost: "
                 "free some space and try again.")  # fmt: skip
    if kind == "busy":
        return _("Another desk kept the database busy too long. Try again in a moment.")
    if kind == "read_only":
        return _("The database file cannot be written here (read-only). Ask the administrator "
                 "to check its permissions.")  # fmt: skip
    if kind == "io":
        return _("The disk could not be read or written (I/O error). Ask the administrator "
                 "to check the disk.")  # fmt: skip
    if kind == "server":
        return _("The database server cannot be reached. Try again, or ask the administrator.")
    return _("The database could not do that: {reason}").format(reason=text)


_BUSY_TEXTS = ("database is locked", "database table is locked", "database schema is locked")
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def is_busy(error: BaseException) -> bool:
    """Whether an error (or what it wraps: SQLAlchemy's .orig, a cause) is SQLite saying
    another connection holds the lock it needs."""
    seen: BaseException | None = error
    for _depth in range(6):
        if seen is None:
            return False
        for each in (seen, getattr(seen, "orig", None)):
            code = getattr(each, "sqlite_errorcode", None)
            if isinstance(code, int) and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return True
            if each is not None and any(t in str(each).lower() for t in _BUSY_TEXTS):
                return True
        seen = seen.__cause__ or seen.__context__
    return False
