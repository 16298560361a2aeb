"""A call half typed into the real app survives SIGKILL and comes back on the next start."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest
from sqlmodel import Session
from sqlmodel import select as sql_select

from desk.models import Draft, Role
from desk.store.engine import open_database, session_scope
from desk.store.staff import create_staff

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


class Terminal:
    """The desk app running in a pseudo-terminal of 120×40."""

    def __init__(self, db: Path) -> None:
        env = {
            **os.environ,
            "DESK_ID": "desk-under-test",
            "LANG": "zh_CN.UTF-8",
            "TERM": "xterm-256color",
        }
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the app
            os.execve(sys.executable, [sys.executable, "-m", "desk", "--db", str(db)], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.seen = ""

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Read the screen output until `text` appears (or fail after the timeout)."""
        chunks: list[bytes] = []
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunks.append(os.read(self.fd, 65536))
                except OSError:
                    break
                self.seen += b"".join(chunks).decode("utf-8", "replace")
                chunks.clear()
                if text in self.seen:
                    return self.seen
        raise AssertionError(f"{text!r} never appeared on the screen")

    def type(self, text: str, pause: float = 0.3) -> None:
        """Send keys as a person types them."""
        os.write(self.fd, text.encode())
        time.sleep(pause)

    def kill(self) -> None:
        """SIGKILL: no chance to save anything on the way out."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _sign_in(terminal: Terminal) -> None:
    terminal.wait_for("PIN")
    terminal.type("wl", 0.5)
    terminal.type("\r", 0.5)
    terminal.type("1234\r")
    terminal.wait_for("回电号码")
    time.sleep(0.5)


def _draft(url: str) -> dict[str, object] | None:
    engine = open_database(url)
    try:
        with Session(engine) as session:
            draft = session.exec(sql_select(Draft)).first()
            return json.loads(draft.payload) if draft else None
    finally:
        engine.dispose()


def test_draft_comes_back_after_kill(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    url = f"sqlite:///{db}"
    engine = open_database(url)
    with session_scope(engine) as session:
        create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234")
    engine.dispose()

    first = Terminal(db)
    try:
        _sign_in(first)
        first.type("\t")
        first.type("第一医院")
        first.type("\t")
        first.type("张三")
        first.type("\t")
        first.type("反映病房空调不制冷", 0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            draft = _draft(url)
            if draft and draft.get("content") == "反映病房空调不制冷":
                break
            time.sleep(0.2)
    finally:
        first.kill()
    draft = _draft(url)
    assert draft is not None
    assert (draft["org"], draft["caller"]) == ("第一医院", "张三")

    second = Terminal(db)
    try:
        _sign_in(second)
        screen = second.wait_for("草稿保存于")
        assert "已恢复上次" in screen
        second.wait_for("反映病房空调不制冷")
        assert "第一医院" in second.seen
    finally:
        second.kill()
