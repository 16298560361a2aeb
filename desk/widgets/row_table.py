"""The tables desk shows a row at a time: Home and End go to the first and last row."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from desk.i18n import _


class RowTable(DataTable[object]):
    """A DataTable with a row cursor, where Home and End move to the first and last row (as
    F1 says), not to the first and last column as in Textual's cell tables."""

    BINDINGS = [
        Binding("home", "scroll_top", _("First / last row"), show=False, id="table.first"),
        Binding("end", "scroll_bottom", _("First / last row"), show=False, id="table.last"),
    ]
