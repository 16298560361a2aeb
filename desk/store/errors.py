"""Errors the store raises; each carries a message ready for the user."""

from __future__ import annotations

import errno
from pathlib import Path

from desk.i18n import N_, _


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
    kind = "busy" if is_busy(error) else kind  # by SQLite's error code too
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
    return _("The database could not do that: {reason}").format(reason=os_reason(error))


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


_ERRNO_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EIO: N_("input/output error: the disk could not be read or written"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.EEXIST: N_("it already exists"),
}
"""The operating system's common refusals, in words the user's language has."""
_TEXT_REASONS = (
    (_BUSY_TEXTS, N_("the database is in use by another program (locked)")),
    (("database or disk is full", "no space left on device"), N_("the disk is full")),
    (("disk quota exceeded",), N_("the disk quota is used up")),
    (("readonly database",), N_("the database file is read-only")),
    (("read-only file system",), N_("the file system is read-only")),
    (("permission denied",), N_("permission denied")),
    (("operation not permitted",), N_("operation not permitted")),
    (("disk i/o error", "input/output error"),
     N_("input/output error: the disk could not be read or written")),
    (("unable to open database file",),
     N_("the database file cannot be opened: check that its folder exists and may be written")),
    (("database disk image is malformed",), N_("the database file is damaged")),
    (("file is not a database",), N_("the file is not a database")),
    (("no such file or directory",), N_("no such file or folder")),
)  # fmt: skip
"""SQLite's (and, errno lost, the system's) common messages, by their English text."""


def os_reason(error: BaseException) -> str:
    """Why the operating system or SQLite refused, for the user: the common cases (by errno,
    else by SQLite's message) in the user's language, others in the error's own words.
    Looks inside SQLAlchemy's wrapper (.orig) and at what an error was raised from."""
    seen: BaseException | None = getattr(error, "orig", None) or error
    for _depth in range(4):
        if seen is None:
            break
        if isinstance(seen, OSError) and seen.errno in _ERRNO_REASONS:
            return _(_ERRNO_REASONS[seen.errno])
        lower = str(seen).lower()
        for marks, reason in _TEXT_REASONS:
            if any(mark in lower for mark in marks):
                return _(reason)
        seen = seen.__cause__ or seen.__context__
    inner = getattr(error, "orig", None) or error
    text = inner.strerror if isinstance(inner, OSError) and inner.strerror else str(inner)
    lines = text.strip().splitlines()
    return lines[0] if lines else type(inner).__name__


def failure_text(error: BaseException) -> str:
    """One line about any failure: desk's own errors as they are, the system's and SQLite's
    through os_reason, with the file concerned."""
    if isinstance(error, (StoreError, DatabaseError)):
        return str(error)
    if getattr(error, "orig", None) is not None:  # the database driver's, wrapped by SQLAlchemy
        return database_failure(error)
    reason = os_reason(error)
    filename = getattr(error, "filename", None)
    if not isinstance(error, OSError) or not filename:
        return reason
    where = Path(str(filename))
    if where.name.startswith(".") and ".part-" in where.name:
        where = where.parent  # a file being written (export.atomic): its folder is what counts
    return _("{reason} ({path})").format(reason=reason, path=where)
