"""Files desk keeps between runs in the user's cache folder, as Python keeps compiled modules.

What is kept is worked out again whenever it is missing, damaged or out of date, so removing
the folder only costs the next start its time. `DESK_CACHE_DIR` names another folder; set
empty, nothing is kept. A folder that cannot be used is passed over without a word (logged at
debug level only): a cron job's mail and the terminal after the app are no place for it. The
folder is the user's own: whoever can write there can already change what the user runs.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER_VARIABLE = "DESK_CACHE_DIR"
"""Where the files are kept instead of the user's cache folder; empty: nowhere."""


def cache_folder() -> Path | None:
    """desk's folder in the user's cache (None: keep nothing). Only an absolute path: a
    relative one would change with the folder desk is started in."""
    chosen = os.environ.get(FOLDER_VARIABLE)
    if chosen is not None:
        return Path(chosen) if os.path.isabs(chosen) else None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or ""
        return Path(local) / "desk" / "cache" if os.path.isabs(local) else None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # unset, or relative: the XDG spec says to ignore it
        try:
            home = str(Path.home())
        except (RuntimeError, KeyError):  # no home (a service account): nowhere
            return None
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "desk"


def _trusted(folder: Path) -> bool:
    """Whether only this user can change the folder (else what is in it is not used)."""
    if sys.platform == "win32":
        return True
    status = folder.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def read_kept(name: str) -> bytes | None:
    """The file kept under this name, if there is one that can be read."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        if not _trusted(folder):
            log.debug("not reading %s: others may write to %s", name, folder)
            return None
        return (folder / name).read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        log.debug("could not read %s in %s", name, folder, exc_info=True)
        return None


def keep(name: str, data: bytes) -> bool:
    """Keep data under this name, written whole or not at all; whether it was. A folder
    that cannot be written (read-only, full) is passed over: the next start works it out."""
    folder = cache_folder()
    if folder is None:
        return False
    import tempfile  # only when something is kept: not on every start

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        log.debug("could not keep %s in %s", name, folder, exc_info=True)
        return False
    return True
