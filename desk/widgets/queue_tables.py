"""The work queue's two tables: their columns, and their rows refilled under a kept cursor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from desk.i18n import N_, _

QUEUE_COLUMNS = (
    ("kind", N_("Kind")),
    ("pri", N_("Pri.")),
    ("flags", N_("Marks")),
    ("waited", N_("Waited")),
    ("status", N_("Status")),
    ("who", N_("Caller or visitor")),
    ("summary", N_("Content")),
    ("dept", N_("Department")),
)
"""The work queue's columns (key, title msgid)."""

CALLBACK_COLUMNS = (
    ("due", N_("Due")),
    ("who", N_("Caller or visitor")),
    ("number", N_("Number")),
    ("summary", N_("Content")),
)
"""The callback queue's columns (key, title msgid)."""


def add_columns(table: DataTable[Any], columns: Iterable[tuple[str, str]]) -> None:
    """Give a table its columns, titles translated."""
    for key, title in columns:
        table.add_column(_(title), key=key)


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under a table's cursor, if it has rows."""
    if not table.row_count:
        return None
    try:
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
    except Exception:  # noqa: BLE001 - an empty or cleared table has no cursor row
        return None


def refill(table: DataTable[Any], rows: Iterable[tuple[str, tuple[Text, ...]]]) -> None:
    """Replace a table's rows (key, cells), the cursor staying on its row if it is still there."""
    keep = selected_key(table)
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if keep is None:
        return
    try:
        table.move_cursor(row=table.get_row_index(keep))
    except Exception:  # noqa: BLE001 - the row has left the queue
        pass
