"""What the call and visit entry forms share: rows by field id, read and filled as a plain dict."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

from desk.i18n import _
from desk.kinds import Priority
from desk.rules.calltime import CallTimeError, format_call_time, parse_call_time
from desk.store.shapes import EntryChoices
from desk.widgets.form_row import FormRow
from desk.widgets.picker import Picker
from desk.widgets.priority_picker import PriorityPicker

PRIORITIES = frozenset(p.value for p in Priority)


class EntryForm(VerticalScroll):
    """A column of form rows, one per field; reads and fills itself as a plain dict (the draft)."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    """The form's fields in order (ids of their widgets; rows are `<id>-row`)."""

    TYPED: ClassVar[tuple[str, ...]] = ()
    """The fields whose text makes the form worth keeping as a draft."""

    STAFF_FIELD: ClassVar[str] = ""
    """The pick list of staff (who took it down); emptying the form leaves it as it is."""

    SELECT_DEFAULTS: ClassVar[dict[str, str]] = {}
    """What each pick list without a blank choice goes back to when the form is emptied."""

    CALL_TIMES: ClassVar[bool] = False
    """Its times are the times of calls (else of a visit or a feedback: said plainly)."""

    def field(self, name: str) -> Widget:
        """The input widget of a field."""
        return self.query_one(f"#{name}")

    def row(self, name: str) -> FormRow:
        """The row (label, widget, error) of a field."""
        return self.query_one(f"#{name}-row", FormRow)

    def set_choices(self, choices: EntryChoices) -> None:
        """Fill the staff and department lists."""
        staff = self.query_one(f"#{self.STAFF_FIELD}", Picker)
        staff.set_options((c.name, c.id) for c in choices.staff)
        department = self.query_one("#department", Picker)
        department.set_options((c.name, c.id) for c in choices.departments)

    def values(self) -> dict[str, Any]:
        """What the form holds now, as plain JSON-able values."""
        return {name: _value_of(self.field(name)) for name in self.FIELDS}

    def fill(self, values: dict[str, Any]) -> None:
        """Put values (from a draft) into the fields; unknown or bad values are skipped."""
        for name in self.FIELDS:
            value = values.get(name)
            widget = self.field(name)
            if isinstance(widget, Input) and isinstance(value, str):
                widget.value = value
            elif isinstance(widget, TextArea) and isinstance(value, str):
                widget.text = value
            elif isinstance(widget, PriorityPicker) and value in PRIORITIES:
                widget.value = value
            elif isinstance(widget, Checkbox) and isinstance(value, bool):
                widget.value = value
            elif isinstance(widget, Picker) and value is not None:
                if widget.has_option(value):
                    widget.value = value

    def clear(self, *, time_text: str, staff_id: int | None) -> None:
        """Empty the form for the next one, its time set to `time_text`."""
        for name in self.FIELDS:
            widget = self.field(name)
            if isinstance(widget, Input):
                widget.value = time_text if name == "time" else ""
            elif isinstance(widget, TextArea):
                widget.text = ""
            elif isinstance(widget, PriorityPicker):
                widget.value = Priority.DEFERRABLE.value
            elif isinstance(widget, Checkbox):
                widget.value = False
            elif isinstance(widget, Picker) and name in self.SELECT_DEFAULTS:
                widget.value = self.SELECT_DEFAULTS[name]
            elif isinstance(widget, Picker) and name != self.STAFF_FIELD:
                widget.clear()
        if staff_id is not None:
            self.fill({self.STAFF_FIELD: staff_id})
        self.show_errors({})

    def show_errors(self, errors: dict[str, str], *, focus_first: bool = False) -> None:
        """Show each message under its field and clear the others (and go to the first)."""
        for name in self.FIELDS:
            self.row(name).show_error(errors.get(name))
        if focus_first and errors:
            self.field(next(name for name in self.FIELDS if name in errors)).focus()

    def has_typing(self) -> bool:
        """Whether anything was typed into the form (worth keeping as a draft)."""
        values = self.values()
        return any(str(values[name]).strip() for name in self.TYPED)

    def check_time(
        self, field: Input, text: str, now: datetime, *, may_be_empty: bool = False
    ) -> None:
        """Check the time typed into a field being left: write it out in full, or show why not."""
        row = self.row(field.id or "time")
        if may_be_empty and not text.strip():
            row.show_error(None)
            return
        try:
            moment = parse_call_time(text, now=now)
        except CallTimeError as error:
            message = error.message
            if not self.CALL_TIMES and error.code == "future":
                message = _("The time is in the future.")
            elif not self.CALL_TIMES and error.code == "empty":
                message = _("Enter the time.")
            row.show_error(message)
            return
        row.show_error(None)
        field.value = format_call_time(moment)


def _value_of(widget: Widget) -> Any:
    """The plain value a field's widget holds (None for a pick list with nothing chosen)."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Picker):
        value = widget.value
        return value if isinstance(value, int | str) else None
    if isinstance(widget, PriorityPicker | Checkbox):
        return widget.value
    raise TypeError(f"no value for {type(widget).__name__}")


def choice_row(label: str, name: str, options: list[tuple[str, str]], value: str) -> FormRow:
    """A row with a pick list that always holds a choice (category, channel)."""
    picker = Picker(options, id=name, allow_blank=False, value=value)
    return FormRow(label, picker, id=f"{name}-row")


def id_choice_row(label: str, name: str, prompt: str) -> FormRow:
    """A row with a pick list of ids filled once loaded (staff, departments), blank at first."""
    return FormRow(label, Picker(id=name, prompt=prompt), id=f"{name}-row")


def lead_row() -> FormRow:
    """The row that marks the person as a sales lead to follow up."""
    return FormRow(
        _("Sales lead"),
        Checkbox(_("Follow this customer up"), id="lead", compact=True),
        id="lead-row",
    )
