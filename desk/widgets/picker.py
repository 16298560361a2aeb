"""A pick list in one widget: the choice on one line, its list opened under it on a key.

Textual's Select is six widgets (and a list of its options built at once) for each pick list;
a form of three opens a tenth of a second slower for it. A Picker draws its line itself and
builds its list the first time it is opened. Keys as Select's: Enter, Space, Down or Up open
the list, typing jumps to a choice (its pinyin initials too: `nk` finds 内科), Enter picks,
Escape closes it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from time import monotonic
from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from desk.i18n import _
from desk.rules.pinyin import initials, loaded
from desk.rules.text import one_line

CLICK_CLOSED_S = 0.3
"""A click this soon after the list closed on losing the focus is the press that closed it."""
LIST_HEIGHT = 12
"""The open list's height at most, frame included."""
SEARCH_RESET_S = 0.7
"""Typing within this long of the last key searches on; later, it starts a new search."""


class PickList(OptionList):
    """The open list of a Picker (built the first time it opens)."""

    BINDINGS = [Binding("escape", "close", _("Close the list"), id="picker.close")]
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._typed = ""
        self._typed_reset: Timer | None = None

    @property
    def picker(self) -> Picker:
        parent = self.parent
        assert isinstance(parent, Picker)
        return parent

    def action_close(self) -> None:
        self.picker.close(focus=True)

    def _on_focus(self, _event: events.Focus) -> None:
        self._reset_typed()  # each opening searches afresh

    def _on_blur(self, _event: events.Blur) -> None:
        if not self.display:
            return  # closed already (a choice picked, Escape)
        self.picker.close(focus=False)  # the focus went elsewhere, with a key or a press
        self.picker._closed_at = monotonic()
        self.suppress_click()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.picker.pick(event.option_index)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isprintable()

    async def _on_key(self, event: events.Key) -> None:
        if event.character is None or not event.is_printable:
            return
        event.stop()
        event.prevent_default()
        if self._typed_reset is not None:
            self._typed_reset.stop()
        self._typed_reset = self.set_timer(SEARCH_RESET_S, self._reset_typed)
        self._typed += event.character
        found = self.picker.find(self._typed)
        if found is not None:
            self.highlighted = found
            self.scroll_to_highlight()

    def _reset_typed(self) -> None:
        self._typed = ""


class Picker(Widget, can_focus=True):
    """One choice among options (label, value); None is "nothing chosen" when allowed.
    Labels are plain text, shown as typed (never markup), on one line."""

    DEFAULT_CSS = """
    Picker {
        height: 1; width: 1fr; padding: 0 1 0 0; pointer: pointer;
        color: $foreground 50%; background: $surface;
    }
    Picker.-chosen { color: $foreground; }
    Picker .picker--arrow { color: $foreground 50%; }
    Picker:focus { background-tint: $foreground 5%; }
    Picker > PickList {
        width: 1fr; max-height: 100vh; overlay: screen; constrain: none inside;
        color: $foreground; border: tall $border-blurred; background: $surface;
    }
    Picker > PickList:focus { background-tint: $foreground 5%; }
    Picker > PickList > .option-list--option { padding: 0 1; }
    """
    BINDINGS = [
        Binding("enter,down,space,up", "open", _("Open the list"), show=False, id="picker.open")
    ]
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"picker--arrow"}

    value: var[Any] = var(None, init=False)
    """The chosen option's value (None: nothing chosen)."""

    class Changed(Message):
        """The choice changed."""

        def __init__(self, picker: Picker, value: Any) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(
        self,
        options: Iterable[tuple[str, Hashable]] = (),
        *,
        prompt: str = "",
        allow_blank: bool = True,
        value: Hashable | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.prompt = one_line(prompt)
        self.allow_blank = allow_blank
        self._options: list[tuple[str, Hashable]] = []
        self._searched: list[tuple[str, str]] = []
        self._list: PickList | None = None
        self._closed_at = 0.0
        """When the list last closed as it lost the focus (a press on the line does that)."""
        self.set_options(options, value=value)

    @property
    def options(self) -> list[tuple[str, Hashable]]:
        """The options, as (label, value)."""
        return list(self._options)

    def has_option(self, value: object) -> bool:
        """Whether `value` is one of the options."""
        return any(value == option_value for _label, option_value in self._options)

    def set_options(
        self, options: Iterable[tuple[str, Hashable]], *, value: Hashable | None = None
    ) -> None:
        """New options; the choice is `value` if given and among them, else nothing (or the
        first option, when nothing is not allowed)."""
        self._options = [(one_line(label), option_value) for label, option_value in options]
        self._searched = []
        if self._list is not None:
            self._fill_list(self._list)
        if value is None or not self.has_option(value):
            value = self._options[0][1] if not self.allow_blank and self._options else None
        if self.is_mounted:
            self.value = value
        else:  # made, not mounted: no message, and styled as it mounts
            self.set_reactive(Picker.value, value)
            self.set_class(value is not None, "-chosen", update=False)
        if self._list is not None and self._list.display:
            self._highlight_choice()  # reloaded while open: Enter still picks

    def clear(self) -> None:
        """Nothing chosen (or the first option, when nothing is not allowed)."""
        self.set_options(self._options)

    def _validate_value(self, value: Any) -> Any:
        if value is None and not self.allow_blank and self._options:
            raise ValueError("this pick list always holds a choice")
        if value is not None and not self.has_option(value):
            raise ValueError(f"not one of the options: {value!r}")
        return value

    def _watch_value(self, value: Any) -> None:
        self.set_class(value is not None, "-chosen")
        self.refresh()
        self.post_message(self.Changed(self, value))

    def _label(self) -> str:
        return next((label for label, v in self._options if v == self.value), self.prompt)

    def render(self) -> Text:
        # The width is the line's own once laid out (a fixed height: no measuring before).
        arrow = Text("▼", style=self.get_component_rich_style("picker--arrow"))
        label = Text(self._label(), no_wrap=True, overflow="ellipsis")
        room = max(0, self.content_size.width - 2)
        label.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(label, " ", arrow)

    def action_open(self) -> None:
        """Open the list under the line, the choice highlighted."""
        if self._list is None:
            self._list = PickList()
            self._fill_list(self._list)
            self.mount(self._list)
        self._place_list(self._list)
        self._list.display = True
        self._highlight_choice()
        self._list.focus(scroll_visible=False)

    def _place_list(self, pick_list: PickList) -> None:
        """Under the line, or over it when there is more room there; never over the line
        itself, the screen's top line (the title) or its bottom line (the keys)."""
        line = self.region
        below = self.screen.size.height - line.bottom - 1
        above = line.y - 1
        wanted = min(len(self._listed_values()) + 2, LIST_HEIGHT)  # + its frame
        if below >= wanted or below >= above:
            height, offset = min(wanted, below), 1
        else:
            height = min(wanted, above)
            offset = -height
        pick_list.styles.height = max(height, 3)
        pick_list.styles.offset = (0, offset)

    def _highlight_choice(self) -> None:
        """Highlight the choice in the open list (the first line when there is none)."""
        assert self._list is not None
        values = self._listed_values()
        if not values:
            self._list.highlighted = None
        else:
            self._list.highlighted = values.index(self.value) if self.value in values else 0
        self.call_after_refresh(self._list.scroll_to_highlight)

    def _listed_values(self) -> list[Hashable | None]:
        """The values in the order the open list shows them (nothing first, if allowed)."""
        chosen = [value for _label, value in self._options]
        return [None, *chosen] if self.allow_blank else chosen

    def _fill_list(self, pick_list: PickList) -> None:
        pick_list.clear_options()
        if self.allow_blank:  # choosing nothing again, shown as the prompt
            pick_list.add_option(Option(Text(self.prompt, style="dim")))
        pick_list.add_options(Option(Text(label)) for label, _value in self._options)

    def _on_click(self, event: events.Click) -> None:
        if monotonic() - self._closed_at < CLICK_CLOSED_S:
            event.stop()  # the press on the line took the focus from the list, closing it
            return
        if self._list is not None and self._list.display:
            if event.widget is self:  # the line itself, as Select: close the list
                event.stop()
                self.close(focus=True)
            return  # a click in the list: the list picks
        event.stop()
        self.action_open()

    def close(self, *, focus: bool) -> None:
        """Close the list (and come back to the line, unless focus went elsewhere)."""
        if self._list is not None:
            self._list.display = False
        if focus:
            self.focus()

    def pick(self, index: int) -> None:
        """Choose the option at `index` of the open list and close it."""
        self.value = self._listed_values()[index]
        self.close(focus=True)

    def find(self, typed: str) -> int | None:
        """Where in the open list typing `typed` jumps to: the option with the earliest match
        in its label, else the first whose pinyin initials begin so."""
        if not self._searched:
            self._searched = [(label.lower(), "") for label, _value in self._options]
        typed = typed.lower()
        best: tuple[int, int] | None = None
        for index, (label, _initials) in enumerate(self._searched):
            at = label.find(typed)
            if at != -1 and (best is None or at < best[0]):
                best = (at, index)
        first = 1 if self.allow_blank else 0  # the list shows nothing first, if allowed
        if best is not None:
            return first + best[1]
        if not loaded():
            return None
        for index, (label, known) in enumerate(self._searched):
            if not known:
                known = initials(label)
                self._searched[index] = (label, known)
            if known.startswith(typed):
                return first + index
        return None
