"""Output to a closed terminal is dropped, never left to block the app."""

from __future__ import annotations

import errno
import threading

from textual.drivers._writer_thread import MAX_QUEUED_WRITES

from desk.widgets.output import LastingWriterThread


class _ClosedTerminal:
    """A terminal whose window was shut: every write fails as a pty's does (EIO)."""

    def __init__(self) -> None:
        self.writes = 0

    def write(self, _text: str) -> int:
        self.writes += 1
        raise OSError(errno.EIO, "Input/output error")

    def flush(self) -> None:
        raise OSError(errno.EIO, "Input/output error")

    def fileno(self) -> int:
        return -1


def test_writes_after_the_terminal_closed_are_dropped_without_blocking() -> None:
    terminal = _ClosedTerminal()
    writer = LastingWriterThread(terminal)  # type: ignore[arg-type]
    writer.start()
    done = threading.Event()

    def app_writes() -> None:  # the app's shutdown writes many short sequences
        for _ in range(MAX_QUEUED_WRITES * 4):
            writer.write("\x1b[?1003l")
        writer.stop()
        done.set()

    threading.Thread(target=app_writes, daemon=True).start()
    assert done.wait(5), "the app blocked writing to a closed terminal"
    assert terminal.writes == 1  # tried once, then knew it had gone
    assert not writer.is_alive()
