"""A one-line choice changed with the arrow keys: far lighter than a Select for filter rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from desk.i18n import _
from desk.rules.text import one_line


class Cycler(Static, can_focus=True):
    """Shows `label: choice`; ← and → (or space) step through the choices, the first is 'any'."""

    DEFAULT_CSS = """
    Cycler { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    Cycler:focus { background: $accent 40%; text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", _("Previous choice"), show=False, id="cycler.previous"),
        Binding("right,space", "step(1)", _("Next choice"), show=False, id="cycler.next"),
    ]

    class Changed(Message):
        """The choice changed."""

        def __init__(self, cycler: Cycler) -> None:
            super().__init__()
            self.cycler = cycler

    def __init__(
        self, label: str, any_label: str, options: Iterable[tuple[str, Any]], *, id: str
    ) -> None:
        super().__init__(id=id, markup=False)
        self.label = label
        self.choices: list[tuple[str, Any]] = [(any_label, None), *options]
        self.index = 0

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        text = self.choices[self.index][0]
        shown = _("{label}: {value}").format(label=self.label, value=one_line(text))
        self.update(Content(shown + " ▸"))

    @property
    def value(self) -> Any:
        """The chosen value, None for 'any'."""
        return self.choices[self.index][1]

    @value.setter
    def value(self, value: Any) -> None:
        for index, (_label, candidate) in enumerate(self.choices):
            if candidate == value:
                self._choose(index)
                return

    def _choose(self, index: int) -> None:
        if index != self.index:
            self.index = index
            self._draw()
            self.post_message(self.Changed(self))

    def set_options(self, options: Iterable[tuple[str, Any]]) -> None:
        """Replace the choices (keeps 'any'); the choice goes back to 'any'."""
        self.choices = [self.choices[0], *options]
        self.index = 0
        self._draw()

    def clear(self) -> None:
        """Back to 'any' without announcing it."""
        self.index = 0
        self._draw()

    def action_step(self, step: int) -> None:
        """Move to the next or previous choice."""
        self._choose((self.index + step) % len(self.choices))

    def on_click(self) -> None:
        self.action_step(1)
