"""F1: every key of the current screen and of the app, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from desk.i18n import _


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(key, description) for every binding active on a screen, the app's included."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        if not binding.description or binding.key in seen or not enabled:
            continue
        seen.add(binding.key)
        rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """The keys, grouped, for the screen underneath."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-height: 90%; height: auto; padding: 1 2;
        border: round $primary; background: $surface;
    }
    """
    BINDINGS = [
        Binding("escape,f1", "close", _("Close"), id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]], intro: str) -> None:
        super().__init__()
        self.rows = rows
        self.intro = intro

    def compose(self) -> ComposeResult:
        table = Table(title=_("Keys"), expand=True, show_lines=False)
        table.add_column(_("Key"), style="bold", no_wrap=True)
        table.add_column(_("What it does"))
        for key, description in self.rows:
            table.add_row(key, description)
        with VerticalScroll():
            yield Static(self.intro, markup=False)
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
