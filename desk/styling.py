"""DeskApp's stylesheets: the first screens' read at start, the rest once the card is drawn,
what Textual parsed kept for the next start, and no styling of widgets not yet mounted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from desk.widgets.parsed_css import ParsedCSS

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from desk.app import DeskApp

_HERE = Path(__file__).parent
_STYLESHEETS = (*_HERE.glob("screens/*.tcss"), *_HERE.glob("dialogs/*.tcss"))
FIRST_STYLESHEETS = ("screens/sign_in.tcss", "screens/first_run.tcss")
"""What the screens shown before anyone signs in need (the sign-in card, the first run)."""


class Styling:
    """How DeskApp reads, applies and keeps its stylesheets."""

    parsed_css: ParsedCSS
    """Stylesheets parsed by an earlier start, given back to Textual (kept on closing)."""
    _stylesheets_read = False

    def _start_styling(self: DeskApp) -> None:
        """(Once Textual's stylesheet exists) hand it what an earlier start parsed."""
        self.parsed_css = ParsedCSS(self.stylesheet)
        self.parsed_css.load()

    def update_styles(self: DeskApp, node: DOMNode, animate: bool = True) -> None:
        """Textual restyles a widget each time a class changes, even in the widget's
        constructor (`compact=True` on an Input is one) before it has a parent. Such a widget
        is styled in full when it is mounted, so styling it before is wasted: about a tenth of
        the call entry's build."""
        if node._parent is None and not isinstance(node, App):
            return
        super().update_styles(node, animate)  # type: ignore[misc]

    def read_stylesheets(self: DeskApp) -> None:
        """Read every screen's and dialog's stylesheet not read yet, once: after the first
        screen is drawn, and before any other screen is built. Only the new ones are parsed,
        and only the screens open now (the card) restyled."""
        if self._stylesheets_read:
            return
        self._stylesheets_read = True
        known = self.stylesheet.source
        later = [path for path in sorted(_STYLESHEETS) if (str(path), "") not in known]
        if later:
            self.stylesheet.read_all(later)
            self.stylesheet.update(self)

    def on_unmount(self: DeskApp) -> None:
        self.parsed_css.save()
