"""The Ctrl+P command palette in desk's language, matching pinyin initials too."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, Hit, Hits, ProviderSource
from textual.system_commands import SystemCommandsProvider
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from desk.i18n import N_, _
from desk.rules.pinyin import initials, loaded

if TYPE_CHECKING:
    from textual.app import App

SYSTEM_COMMANDS = {
    "Theme": (N_("Colour theme"), N_("Change the colours of every screen")),
    "Quit": (N_("Quit"), N_("Close desk (Ctrl+Q)")),
    "Maximize": (N_("Maximize"), N_("Let the focused part fill the screen")),
    "Minimize": (N_("Minimize"), N_("Back to the normal layout")),
}
"""Textual's system commands desk keeps, by Textual's title: desk's title and help. Textual's
"Keys" panel lists its widgets' keys in English; F1 (Help) replaces it. "Screenshot" is left
out: it writes the screen, patients' names and numbers included, to an SVG file on disk."""


class DeskCommandPalette(CommandPalette):
    """Textual's command palette with its own words translated."""

    def __init__(
        self,
        providers: ProviderSource | None = None,
        *,
        placeholder: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(providers, placeholder=placeholder or _("Search for commands…"), id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's own, with 'No matches found' translated (a literal in Textual 8.2.8)."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def translated_system_commands(
    app: App[object], commands: Iterable[SystemCommand]
) -> Iterable[SystemCommand]:
    """Textual's system commands with desk's titles and help; those desk has no words for
    (the English "Keys" panel) are left out."""
    for command in commands:
        words = SYSTEM_COMMANDS.get(command.title)
        if words is None:
            continue
        callback = command.callback
        if command.title == "Theme":  # Textual's picker says "Search for themes…"
            callback = partial(show_themes, app)
        yield SystemCommand(_(words[0]), _(words[1]), callback, command.discover)


def show_themes(app: App[object]) -> None:
    """Textual's theme picker, its placeholder translated."""
    app.push_screen(
        DeskCommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
    )


class DeskCommandsProvider(SystemCommandsProvider):
    """The app's commands, found by their words or by the pinyin initials of their title
    (`lddj` finds 来电登记) once pypinyin is loaded (a second after sign-in)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, *_rest in self.app.get_system_commands(self.screen):
            score = matcher.match(title)
            if score <= 0 and loaded() and query.isascii():
                score = matcher.match(initials(title)) * 0.9
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
