"""The top line of every screen: Textual's Header, with a title update that cannot fail."""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderTitle


class Header(TextualHeader):
    """Textual's Header keeps its title in step with a coroutine queued on the app.

    When the title changes (the app's sub-title names who is signed in) while a screen's
    header is being taken down, or the queued update runs after its children are gone, the
    update raises NoMatches in a handler and ends the app. This one updates at once, on the
    thread that changed the title, and a header without its title line has nothing to update.
    """

    def _on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # Textual's own handler would add its watchers as well
        for target in (self.app, self.screen):
            self.watch(target, "title", self._show_title)
            self.watch(target, "sub_title", self._show_title)

    def _show_title(self) -> None:
        """Show the current title and sub-title, if the title line is still there."""
        try:
            self.query_one(HeaderTitle).update(self.format_title())
        except (NoMatches, NoScreen):
            pass
