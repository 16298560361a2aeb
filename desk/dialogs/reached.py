"""The follow-up sheet filled in when the subject is reached; returns the answers or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from desk.i18n import _
from desk.rules.text import printable
from desk.store.followup_queue import SATISFACTION_LABELS
from desk.store.followup_work import ReachedAnswers
from desk.widgets.cycler import Cycler
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar


class SatisfactionPicker(Widget, can_focus=True):
    """Five grades; keys 1 to 5 choose one (5 is very satisfied), 0 clears it."""

    DEFAULT_CSS = """
    SatisfactionPicker { height: 1; width: 100%; }
    SatisfactionPicker:focus { background: $boost; }
    """
    BINDINGS = [
        *(
            Binding(str(g), f"grade({g})", _(SATISFACTION_LABELS[g]), show=False, id=f"sat.{g}")
            for g in range(1, 6)
        ),
        Binding("0", "grade(0)", _("No answer"), show=False, id="sat.clear"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grade: int | None = None

    def render(self) -> Content:
        parts = []
        for grade in (5, 4, 3, 2, 1):
            label = f" {grade} {_(SATISFACTION_LABELS[grade])} "
            parts.append(
                Content.styled(label, "reverse bold") if grade == self.grade else Content(label)
            )
        return Content.assemble(*parts)

    def action_grade(self, grade: int) -> None:
        """Choose a grade (0 clears it)."""
        self.grade = grade or None
        self.refresh()
        if self.grade is not None and isinstance(self.parent, Field):
            self.parent.show_error(None)


class ReachedDialog(ModalScreen[ReachedAnswers | None]):
    """Recovery, medication, satisfaction, opinions, improvements, doctor must call back."""

    DEFAULT_CSS = """
    ReachedDialog { align: center middle; }
    ReachedDialog > Vertical {
        width: 84; height: auto; max-height: 95%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ReachedDialog #title { text-style: bold; margin-bottom: 1; }
    ReachedDialog Checkbox { margin-bottom: 1; }
    ReachedDialog #medication { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="reached.save"),
        Binding("escape", "cancel", _("Cancel"), id="reached.cancel"),
    ]

    def __init__(self, subject_name: str) -> None:
        super().__init__()
        self.subject_name = subject_name

    def compose(self) -> ComposeResult:
        with Vertical():
            title = _("Follow-up sheet: {name}").format(name=printable(self.subject_name))
            yield Static(Content(title), id="title")
            picker = SatisfactionPicker(id="satisfaction")
            yield Field(_("Satisfaction (keys 1–5)"), picker, id="sat-field")
            yield Field(_("Recovery and health status"), Input(id="health"), id="health-field")
            # Not asked, yes or no: an answer nobody gave is stored as unknown, never as "no".
            yield Cycler(
                _("Takes the medication as prescribed"),
                _("Not asked"),
                ((_("Yes"), True), (_("No"), False)),
                id="medication",
            )
            yield Field(_("Opinions and suggestions"), Input(id="opinions"), id="opinions-field")
            yield Field(_("Improvement measures"), Input(id="improvements"), id="improve-field")
            yield Checkbox(_("The doctor or department must call back"), id="doctor")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(SatisfactionPicker).focus()

    def on_input_submitted(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        """Return the answers (a reached subject was at least asked how satisfied they are)."""
        picker = self.query_one(SatisfactionPicker)
        if picker.grade is None:
            self.query_one("#sat-field", Field).show_error(
                _("Choose how satisfied the subject is (keys 1–5).")
            )
            picker.focus()
            return
        self.dismiss(
            ReachedAnswers(
                health_status=self.query_one("#health", Input).value,
                medication_ok=self.query_one("#medication", Cycler).value,
                satisfaction=picker.grade,
                opinions=self.query_one("#opinions", Input).value,
                improvements=self.query_one("#improvements", Input).value,
                doctor_callback=self.query_one("#doctor", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
