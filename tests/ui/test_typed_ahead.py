"""Keys typed while desk starts, before its card is drawn, sign in as they would on the card."""

from __future__ import annotations

import os
import pty
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.ui.terminal import Terminal, desk_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def _echo_off(fd: int) -> bool:
    """Whether the terminal has stopped echoing (the pty's master shows the app's side)."""
    return not termios.tcgetattr(fd)[3] & termios.ECHO


@pytest.mark.parametrize("when", ["with-the-command", "while-starting", "names-listed"])
def test_name_pin_and_enters_typed_ahead_sign_in(tmp_path: Path, when: str) -> None:
    with Terminal(desk_file(tmp_path, pin="4321")) as terminal:
        if when == "while-starting":  # desk runs, its card not drawn yet
            deadline = time.monotonic() + 20
            while not _echo_off(terminal.fd) and time.monotonic() < deadline:
                time.sleep(0.005)
            assert "\x1b[?1049h" not in terminal.seen  # Textual has not taken the terminal
        elif when == "names-listed":  # the card is ready: a quick hand types it all at once
            terminal.wait_for("王丽", timeout=30)
        # else: typed with the command, before desk runs: the shell's line mode has them
        os.write(terminal.fd, b"wl\r4321\r")  # in one go, as a hand that knows the card
        terminal.wait_for("回电号码", timeout=30)  # the call entry: signed in
        if when == "while-starting":
            assert "4321" not in terminal.seen  # not echoed: no PIN left on the shell's screen


def test_desk_gives_the_terminal_back_as_it_found_it(tmp_path: Path) -> None:
    main, side = pty.openpty()
    fresh = termios.tcgetattr(side)  # a new terminal's mode, as desk's started in
    os.close(main)
    os.close(side)
    with Terminal(desk_file(tmp_path)) as terminal:
        terminal.wait_for("王丽")
        os.write(terminal.fd, b"\x11")  # Ctrl+Q
        terminal.wait_for_exit()
        assert termios.tcgetattr(terminal.fd) == fresh  # echo and line mode are back


def test_the_first_administrator_typed_in_one_go_lands_field_by_field(tmp_path: Path) -> None:
    """Name, Enter, PIN, Enter, PIN again, Enter, sent at once (a quick hand, a paste): each
    lands in its own field, and no PIN shows in the name field."""
    from sqlmodel import select

    from desk.models import Staff
    from desk.store.engine import open_database, session_scope

    db = tmp_path / "new.db"
    with Terminal(db) as terminal:
        terminal.wait_for("欢迎使用", timeout=30)
        terminal.wait_for("再次输入", timeout=30)  # the card's last field is drawn
        os.write(terminal.fd, "张敏\r2468\r2468\r".encode())
        terminal.wait_for("回电号码", timeout=30)  # created and signed in: the call entry
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        names = [staff.name for staff in session.exec(select(Staff))]
    engine.dispose()
    assert names == ["张敏"]
