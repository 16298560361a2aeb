"""Keys typed while desk starts, before its card is drawn, sign in as they would on the card."""

from __future__ import annotations

import os
import pty
import signal
import sys
import termios
import time
from pathlib import Path

import pytest

from desk.models import Role
from desk.store.engine import open_database, session_scope
from desk.store.staff import create_staff
from tests.ui.test_draft_survives_kill import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def _echo_off(fd: int) -> bool:
    """Whether the terminal has stopped echoing (the pty's master shows the app's side)."""
    return not termios.tcgetattr(fd)[3] & termios.ECHO


@pytest.mark.parametrize("when", ["with-the-command", "while-starting"])
def test_name_pin_and_enters_typed_ahead_sign_in(tmp_path: Path, when: str) -> None:
    db = tmp_path / "desk.db"
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="4321")
    engine.dispose()
    terminal = Terminal(db)
    try:
        if when == "while-starting":  # desk runs, its card not drawn yet
            deadline = time.monotonic() + 20
            while not _echo_off(terminal.fd) and time.monotonic() < deadline:
                time.sleep(0.005)
            assert "\x1b[?1049h" not in terminal.seen  # Textual has not taken the terminal
        # else: typed with the command, before desk runs: the shell's line mode has them
        os.write(terminal.fd, b"wl\r4321\r")  # in one go, as a hand that knows the card
        terminal.wait_for("回电号码", timeout=30)  # the call entry: signed in
        if when == "while-starting":
            assert "4321" not in terminal.seen  # not echoed: no PIN left on the shell's screen
    finally:
        try:
            os.kill(terminal.pid, signal.SIGKILL)
            os.waitpid(terminal.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(terminal.fd)


def test_desk_gives_the_terminal_back_as_it_found_it(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="4321")
    engine.dispose()
    main, side = pty.openpty()
    fresh = termios.tcgetattr(side)  # a new terminal's mode, as desk's started in
    os.close(main)
    os.close(side)
    terminal = Terminal(db)
    try:
        terminal.wait_for("王丽")
        os.write(terminal.fd, b"\x11")  # Ctrl+Q
        os.waitpid(terminal.pid, 0)
        assert termios.tcgetattr(terminal.fd) == fresh  # echo and line mode are back
    finally:
        os.close(terminal.fd)
