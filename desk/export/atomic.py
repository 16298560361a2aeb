"""Files that appear complete or not at all, readable by their owner only."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_MARK = ".part-"


def temp_name(final: Path) -> Path:
    """A hidden temporary name beside the final one (same folder, so rename is atomic)."""
    return final.with_name(f".{final.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)
    os.close(fd)


def fsync_path(path: Path) -> None:
    """Flush a file's (or folder's) content to disk."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit_file(temp: Path, final: Path) -> None:
    """Sync a finished temporary file and rename it to its final name, then sync the folder."""
    os.chmod(temp, 0o600)
    fsync_path(temp)
    os.replace(temp, final)
    fsync_path(final.parent)


def sweep_stale(folder: Path) -> list[Path]:
    """Remove temporary files left by a process that was killed (its pid no longer runs)."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.glob(f".*{TEMP_MARK}*"):
        pid_text = path.name.rsplit(TEMP_MARK, 1)[1].split("-", 1)[0]
        if not pid_text.isdigit() or _running(int(pid_text)):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a private temporary path; on success it becomes `final`, on failure it is removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_name(final)
    create_private(temp)
    try:
        yield temp
        commit_file(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
