"""Who and where: the operating-system user, the host and the terminal of this desk."""

from __future__ import annotations

import getpass
import os
import socket


def os_user() -> str:
    """The operating-system user running desk."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def terminal() -> str:
    """The terminal desk runs on, or an empty string under cron."""
    for fd in (0, 1, 2):
        try:
            return os.ttyname(fd)
        except OSError:
            continue
    return ""


def desk_id() -> str:
    """A name for this desk that survives a restart: DESK_ID, else host and terminal."""
    return os.environ.get("DESK_ID") or f"{desk_machine()}:{terminal() or 'console'}"


def desk_machine() -> str | None:
    """The computer whose terminals share a person's drafts (a new terminal window or SSH
    session gets a new terminal name), or None when DESK_ID names this desk itself."""
    return None if os.environ.get("DESK_ID") else socket.gethostname()
