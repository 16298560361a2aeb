"""Output to a terminal that has gone: desk still quits (and keeps what was typed).

Textual writes to the terminal from a thread fed through a queue of thirty. When the terminal
is closed (a window shut, an SSH session dropped), a write fails, that thread ends, and once
thirty more writes are queued the app blocks for good: it no longer quits on SIGHUP or
SIGTERM and holds the database and the signed-in session until killed. This thread drops the
output instead once the terminal has gone, so the quit that SIGHUP asks for runs to its end.
"""

from __future__ import annotations

from textual.drivers._writer_thread import WriterThread

from desk.widgets.textual_release import textual_release

CHECKED_WITH = "8.2.8"
"""The Textual release whose output thread this replaces (re-check on upgrade)."""


class LastingWriterThread(WriterThread):
    """Textual's output thread, which keeps taking output after the terminal has gone."""

    def run(self) -> None:
        get, pending = self._queue.get, self._queue.qsize
        gone = False
        while (text := get()) is not None:
            if gone:
                continue
            try:
                self._file.write(text)
                if pending() == 0:
                    self._file.flush()
            except (OSError, ValueError):  # EIO, EPIPE, or the file closed: nowhere to write
                gone = True
        if not gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                pass


def outlast_the_terminal() -> bool:
    """Use the lasting output thread, if this is the Textual release it was made for."""
    if textual_release() != CHECKED_WITH:
        return False
    try:
        from textual.drivers import linux_driver
    except ImportError:  # no termios (Windows): Textual's other drivers write another way
        return False
    linux_driver.WriterThread = LastingWriterThread  # type: ignore[misc]
    return True
