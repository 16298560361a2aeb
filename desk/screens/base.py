"""What every desk screen shares."""

from __future__ import annotations

from textual import events
from textual.screen import Screen

RETRY_SECONDS = 0.005
"""How soon a screen whose rows are still composing looks again (see `DeskScreen.composed`)."""


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

    def composed(self, selector: str) -> bool:
        """Whether the screen's widgets matching `selector` are there, to start `on_mount`'s work.

        Under load a screen's rows may still be composing when it mounts: then this says no,
        and `on_mount` is called again a moment later. A timer, not `call_after_refresh`:
        a screen re-posting to its own queue never gives the event loop back, so the rows it
        waits for could not compose. The retries end once the screen is no longer attached
        (it was removed, or the app is exiting), or an app that ends first would spin for ever.
        """
        if self.query(selector):
            return True
        if self.is_attached:
            self.set_timer(RETRY_SECONDS, self.on_mount, name="composed")
        return False

    async def before_quit(self) -> None:
        """Keep what must outlive the app before it quits (an entry screen: its draft)."""
