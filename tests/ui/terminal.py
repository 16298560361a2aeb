"""The real desk app in a pseudo-terminal, for tests that need a terminal's own behaviour."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

from desk.models import Role
from desk.store.engine import open_database, session_scope
from desk.store.staff import create_staff


def desk_file(folder: Path, *, pin: str = "1234") -> Path:
    """A desk database in `folder` with one receptionist, 王丽."""
    db = folder / "desk.db"
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin=pin)
    engine.dispose()
    return db


class Terminal:
    """The desk app running in a pseudo-terminal of 120×40."""

    def __init__(self, db: Path, *, desk_id: str | None = "desk-under-test") -> None:
        env = {**os.environ, "LANG": "zh_CN.UTF-8", "TERM": "xterm-256color"}
        env.pop("DESK_ID", None)
        if desk_id is not None:  # else the desk is named after the computer and terminal
            env["DESK_ID"] = desk_id
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execve(sys.executable, [sys.executable, "-m", "desk", "--db", str(db)], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.seen = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Read the screen output until `text` appears (or fail after the timeout)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            still_open = self._drain(0.1)
            if text in self.seen:
                return self.seen
            if not still_open:
                break
        raise AssertionError(f"{text!r} never appeared on the screen")

    def wait_for_exit(self, timeout: float = 20.0) -> int:
        """Wait for the app to end and give its wait status, reading its output meanwhile.

        A pseudo-terminal holds only a few kilobytes: an app drawing its last frames and
        giving the terminal back blocks on its writes until someone reads them, so a bare
        `waitpid` here would wait for ever on an app that is only trying to end.
        """
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._drain(0)  # what it wrote last, if the terminal still holds it
                return status
            self._drain(0.1)
        raise AssertionError(f"desk was still running {timeout:g} s later")

    def _drain(self, wait: float) -> bool:
        """Read whatever output is there (waiting at most `wait` seconds for some); whether
        the app's side of the terminal is still open."""
        while select.select([self.fd], [], [], wait)[0]:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the app's side is closed
                return False
            if not data:
                return False
            # A character may be split between two reads: decoded as a stream, not per read.
            self.seen += self._decoder.decode(data)
            wait = 0
        return True

    def type(self, text: str, pause: float = 0.3) -> None:
        """Send keys as a person types them."""
        os.write(self.fd, text.encode())
        time.sleep(pause)

    def kill(self) -> None:
        """SIGKILL (no chance to save anything on the way out), if it still runs; then the
        terminal is closed."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass  # it ended by itself (and was waited for)
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.kill()
