"""Pick one of the four priorities (1 急 urgent … 4 轻 minor) with one key."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from desk.i18n import _
from desk.kinds import Priority
from desk.rules.call_kinds import PRIORITY_LABELS


class PriorityPicker(Widget, can_focus=True):
    """The four grades in a row; the chosen one stands out."""

    DEFAULT_CSS = """
    PriorityPicker { height: 1; width: 1fr; }
    """
    BINDINGS = [
        Binding("left", "move(-1)", _("Higher priority"), show=False, id="priority.left"),
        Binding("right", "move(1)", _("Lower priority"), show=False, id="priority.right"),
    ]

    value: reactive[int] = reactive(Priority.DEFERRABLE.value)
    """The chosen priority, 1 (urgent) to 4 (minor)."""

    class Changed(Message):
        """The chosen priority changed."""

        def __init__(self, picker: PriorityPicker, value: int) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> PriorityPicker:
            """The picker whose priority changed."""
            return self.picker

    def render(self) -> Content:
        parts: list[Content] = []
        for grade, label in PRIORITY_LABELS.items():
            text = Content(f" {grade} {_(label)} ")
            if grade == self.value:
                style = "bold reverse $error" if grade == 1 else "bold reverse"
                text = text.stylize(style)
            parts.append(text)
        return Content(" ").join(parts)

    def watch_value(self, value: int) -> None:
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        """Move the choice left or right."""
        self.value = min(4, max(1, self.value + step))


def priority_bindings(prefix: str) -> list[Binding]:
    """Screen keys for the priority: Alt+1…4 anywhere, 1…4 when not typing in a text field."""
    keys: list[Binding] = []
    # One row each in F1's help (and in the footer, were they shown): Alt+1…4 and 1…4.
    with_alt, plain = Binding.Group(_("Priority")), Binding.Group(_("Priority"))
    for grade, label in PRIORITY_LABELS.items():
        keys.append(
            Binding(
                f"alt+{grade}",
                f"priority({grade})",
                _("Priority") if grade == 1 else _(label),
                key_display="Alt+1…4" if grade == 1 else None,
                show=grade == 1,
                id=f"{prefix}.alt{grade}",
                group=with_alt,
            )
        )
        keys.append(
            Binding(
                str(grade),
                f"priority({grade})",
                _(label),
                show=False,
                id=f"{prefix}.{grade}",
                group=plain,
            )
        )
    return keys
