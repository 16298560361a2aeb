"""What every desk screen shares."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class DeskScreen(Screen[None]):
    """A screen styled once, as its widgets mount, and not a second time when first shown.

    Textual restyles every widget of a screen each time it is resumed, in case the styles
    changed while it was hidden. A screen shown for the first time was styled a moment ago
    with the same stylesheets (the app reads them all at start): for the call entry that
    second pass is about a tenth of a second at sign-in.
    """

    _shown_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls each class's handler in turn with this one event (Screen's after
        # this): calling Screen's from here as well laid out and restyled the screen twice.
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False

    async def before_quit(self) -> None:
        """Keep what must outlive the app before it quits (an entry screen: its draft)."""
