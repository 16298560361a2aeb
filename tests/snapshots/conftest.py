"""Snapshot fixtures: the app at a fixed size, on a fresh database, with a frozen clock."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from tests.ui.conftest import (  # noqa: F401  (re-exported fixtures)
    add_staff,
    admin,
    app,
    no_prebuilt_screens,
)

SIZE = (100, 30)


def _tables_pending(pilot: Pilot) -> bool:
    """A table on screen still has rows or cells to size its columns to (done when idle)."""
    return any(
        table._require_update_dimensions or table._new_rows or table._updated_cells
        for table in pilot.app.screen.query(DataTable)
    )


async def quiet(pilot: Pilot, rounds: int = 40) -> None:
    """Wait until no worker runs and every table has sized its columns, twice in a row.

    A loaded machine (CI runs two test processes) can otherwise draw a table between its
    rows arriving and its columns being sized to them.
    """
    calm = 0
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()
        busy = _tables_pending(pilot) or any(w.is_running for w in pilot.app.workers)
        calm = 0 if busy else calm + 1
        if calm >= 2:
            return


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's snap_compare, taking the picture only once the app is quiet."""

    def compare(
        desk_app: Any,
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot], Awaitable[None] | None] | None = None,
    ) -> bool:
        async def before(pilot: Pilot) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await quiet(pilot)

        return snap_compare(desk_app, press=press, terminal_size=terminal_size, run_before=before)

    return compare
