"""The terminal while the app starts: keys typed ahead reach the sign-in card as typed."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def keys_kept_for_the_app() -> Iterator[None]:
    """Until the app takes the terminal (about half a second), the terminal's line mode would
    echo keys typed ahead, leaving a PIN in sight and in the shell's screen after desk ends,
    and turn Enter into Ctrl+J, which the card does not take as Enter. Keys are kept unechoed
    and as typed meanwhile; the terminal's own mode is put back at the end."""
    try:
        import termios

        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd) if os.isatty(fd) else None
    except (ImportError, OSError, ValueError):
        before = None  # no terminal (a pipe, cron, textual-serve) or none desk can set
    if before is None:
        yield
        return
    kept = termios.tcgetattr(fd)
    kept[0] &= ~termios.ICRNL  # iflag: Enter stays a carriage return
    kept[3] &= ~(termios.ECHO | termios.ICANON)  # lflag: no echo, no lines; Ctrl+C still works
    kept[6][termios.VMIN], kept[6][termios.VTIME] = 1, 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, kept)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, before)
        except termios.error:
            pass  # the terminal has gone (closed window): nothing to give back
