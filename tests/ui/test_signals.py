"""A shutdown or a closed terminal quits desk cleanly: the terminal is given back."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.ui.terminal import Terminal, desk_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_quits_and_restores_the_terminal(tmp_path: Path, number: int) -> None:
    with Terminal(desk_file(tmp_path)) as terminal:
        terminal.wait_for("王丽")  # the names are listed: the app runs
        os.kill(terminal.pid, number)
        status = terminal.wait_for_exit()
        assert os.WIFEXITED(status), "desk did not quit"
        assert "\x1b[?1049l" in terminal.seen  # the alternate screen is left


def test_closing_the_terminal_while_desk_is_busy_quits(tmp_path: Path) -> None:
    # Just after sign-in desk builds its other screens and draws a lot; a window shut then
    # used to leave it blocked on its output for good, deaf to SIGHUP and SIGTERM.
    with Terminal(desk_file(tmp_path)) as terminal:
        terminal.wait_for("王丽", timeout=30)
        terminal.type("wl\r1234\r", 0)
        terminal.wait_for("回电号码", timeout=30)
        time.sleep(1.5)
        os.close(terminal.fd)  # the window is shut: the kernel hangs the terminal up
        terminal.fd = os.open(os.devnull, os.O_RDONLY)  # for the context's own close
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pid, status = os.waitpid(terminal.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("desk was still running 30 s after its terminal closed")
