"""Notice calls, visits and callbacks saved at other desks: poll a cheap fingerprint each second."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.worker import Worker

from desk.store.search import change_marker
from desk.widgets.db import run_db

POLL_SECONDS = 1.0


class ChangeWatch:
    """Calls `changed()` on the UI thread when the records' fingerprint moves."""

    def __init__(self, screen: Screen[Any], changed: Callable[[], None], *, group: str) -> None:
        self.screen = screen
        self.changed = changed
        self.group = group
        self.marker: tuple[Any, ...] | None = None
        self.worker: Worker[None] | None = None

    def start(self) -> None:
        """Take the current fingerprint and poll from now on."""
        self.poll()
        self.screen.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Ask the database for the fingerprint (skipped while the screen is not shown)."""
        if self.worker is not None and not self.worker.is_finished:
            return  # a slow database: let the last question finish rather than pile up
        if self.screen.is_current or self.marker is None:
            self.worker = run_db(
                self.screen, change_marker, self._seen, group=self.group, read_only=True
            )

    def _seen(self, marker: tuple[Any, ...]) -> None:
        first = self.marker is None
        if marker != self.marker:
            self.marker = marker
            if not first:
                self.changed()
