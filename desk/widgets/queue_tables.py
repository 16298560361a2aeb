"""The work queue's two tables: columns sized to the width they have, rows under a kept cursor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from desk.i18n import N_, _
from desk.widgets.row_table import RowTable

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

QUEUE_FLEXIBLE = {"who": 2, "summary": 3}
"""The work queue's columns that share the width the others leave, by weight."""

QUEUE_OPTIONAL = ("dept",)
"""The work queue's columns left out when the table is narrow (the detail line names them)."""

CALLBACK_COLUMNS = (
    ("due", N_("Due")),
    ("who", N_("Caller or visitor")),
    ("number", N_("Number")),
    ("summary", N_("Content")),
)
"""The callback queue's columns (key, title msgid)."""

CALLBACK_FLEXIBLE = {"who": 2, "summary": 3}
"""The callback queue's columns that share the width the others leave, by weight."""

LEAST_WIDTH = 4
"""The fewest cells a shared column is given (two Chinese characters), however narrow."""

ROOMY = 40
"""The cells the shared columns must still have for the optional columns to be shown."""


def share(room: int, needs: Sequence[int], weights: Sequence[int]) -> list[int]:
    """Split room cells between columns by weight, none given more than it needs: what a
    short column leaves goes to the others; none gets fewer than LEAST_WIDTH (or its need)."""
    widths = [0] * len(needs)
    open_ = list(range(len(needs)))
    left = room
    while open_:
        total = sum(weights[i] for i in open_)
        settled = [i for i in open_ if needs[i] * total <= left * weights[i]]
        if not settled:
            break
        for i in settled:
            widths[i] = needs[i]
            left -= needs[i]
            open_.remove(i)
    total = sum(weights[i] for i in open_)
    for place, i in enumerate(open_):
        last = place == len(open_) - 1
        widths[i] = left if last else left * weights[i] // total
        left -= 0 if last else widths[i]
    return [max(width, min(need, LEAST_WIDTH)) for width, need in zip(widths, needs, strict=True)]


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under a table's cursor, if it has rows."""
    if not table.row_count:
        return None
    try:
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
    except Exception:  # noqa: BLE001 - an empty or cleared table has no cursor row
        return None


class FitTable(RowTable):
    """A row table whose flexible columns share the width its fixed ones leave (cut with …),
    so every column shows something at 80 columns and none is padded past its text when wide."""

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        flexible: Mapping[str, int],
        optional: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.column_titles = tuple(columns)
        self.flexible = dict(flexible)
        self.optional = tuple(optional)
        self._rows: list[tuple[str, tuple[Text, ...]]] = []
        self._fitted_to = -1

    def show_rows(self, rows: Iterable[tuple[str, tuple[Text, ...]]]) -> None:
        """Replace the rows (key, cells), the cursor staying on its row if it is still there."""
        self._rows = list(rows)
        self._fit()

    def on_resize(self, _event: events.Resize) -> None:
        if self._room() != self._fitted_to:
            self._fit()

    def _room(self) -> int:
        """The cells the columns may fill (the scrollbar's gutter is kept, so rows arriving
        do not change it)."""
        return self.scrollable_content_region.width

    def column_widths(self, room: int) -> dict[str, int]:
        """The columns shown, each with its width: a fixed one its widest text, flexible ones a
        share of the rest; optional ones only when the flexible ones keep ROOMY cells."""
        needs = {key: cell_len(_(title)) for key, title in self.column_titles}
        for _key, cells in self._rows:
            for (key, _title), cell in zip(self.column_titles, cells, strict=True):
                needs[key] = max(needs[key], cell.cell_len)
        padding = 2 * self.cell_padding
        flexible = [key for key, _title in self.column_titles if key in self.flexible]
        fixed = [key for key, _title in self.column_titles if key not in self.flexible]
        left = room - sum(needs[key] + padding for key in fixed) - padding * len(flexible)
        if left < ROOMY:
            left += sum(needs[key] + padding for key in self.optional)
            fixed = [key for key in fixed if key not in self.optional]
        shares = share(left, [needs[k] for k in flexible], [self.flexible[k] for k in flexible])
        widths = {key: needs[key] for key in fixed} | dict(zip(flexible, shares, strict=True))
        return {key: widths[key] for key, _title in self.column_titles if key in widths}

    def _fit(self) -> None:
        """Rebuild the columns at their widths and the rows cut to them."""
        keep = selected_key(self)
        self._fitted_to = room = self._room()
        widths = self.column_widths(room)
        self.clear(columns=True)
        keys = [key for key, _title in self.column_titles]
        for key, title in self.column_titles:
            if key in widths:
                self.add_column(_cut(Text(_(title)), widths[key]), key=key, width=widths[key])
        for row_key, cells in self._rows:
            shown = zip(keys, cells, strict=True)
            self.add_row(*(_cut(cell, widths[k]) for k, cell in shown if k in widths), key=row_key)
        if keep is None:
            return
        try:
            self.move_cursor(row=self.get_row_index(keep))
        except Exception:  # noqa: BLE001 - the row has left the queue
            pass


def _cut(cell: Text, width: int) -> Text:
    """A cell's text no wider than its column, ending in … right after the last character
    that fits (Rich's own cut leaves a gap before it when a Chinese character would straddle)."""
    if cell.cell_len <= width:
        return cell
    kept = used = 0
    for char in cell.plain:
        used += cell_len(char)
        if used > width - 1:
            break
        kept += 1
    cut = cell[:kept]
    cut.append("…")
    return cut
