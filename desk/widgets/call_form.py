"""The call entry form: the six items, then priority, category, department and reply promise."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, Select, TextArea
from textual.widgets.option_list import Option

from desk.i18n import _
from desk.models import Category, Priority
from desk.rules.call_kinds import CATEGORY_LABELS
from desk.rules.text import one_line
from desk.store.calls import EntryChoices
from desk.widgets.form_row import FormRow
from desk.widgets.priority_picker import PriorityPicker

FIELDS = (
    "time",
    "org",
    "caller",
    "content",
    "number",
    "recorder",
    "priority",
    "category",
    "department",
    "reply-hours",
    "lead",
)
"""The form's fields in the register's order (ids of their widgets; rows are `<id>-row`)."""

STORE_FIELDS = {
    "received_at": "time",
    "org": "org",
    "caller": "caller",
    "content": "content",
    "number": "number",
    "recorder_id": "recorder",
    "priority": "priority",
    "category": "category",
    "department_id": "department",
    "reply_within_hours": "reply-hours",
}
"""Which form field shows the store's error for each CallCreate field."""

TYPED = ("org", "caller", "content", "number", "reply-hours")


class OrgInput(Input):
    """The organisation input: up and down move through the suggestions under it."""

    BINDINGS = [
        Binding("down", "suggestion(1)", _("Next suggestion"), show=False, id="org.down"),
        Binding("up", "suggestion(-1)", _("Previous suggestion"), show=False, id="org.up"),
    ]

    def action_suggestion(self, step: int) -> None:
        """Highlight the next or previous suggestion."""
        options = self.screen.query_one("#org-suggestions", OptionList)
        if not options.display or not options.option_count:
            return
        current = options.highlighted
        options.highlighted = 0 if current is None else (current + step) % options.option_count


class CallForm(VerticalScroll, can_focus=False):
    """The fields of one call; reads and fills itself as a plain dict (also the draft)."""

    def compose(self) -> ComposeResult:
        yield FormRow(_("Time"), Input(id="time", compact=True), id="time-row")
        yield FormRow(_("Organisation"), OrgInput(id="org", compact=True), id="org-row")
        suggestions = OptionList(id="org-suggestions", compact=True)
        suggestions.can_focus = False
        suggestions.display = False
        yield suggestions
        yield FormRow(_("Caller"), Input(id="caller", compact=True), id="caller-row")
        yield FormRow(
            _("Main content"),
            TextArea(id="content", compact=True, soft_wrap=True, tab_behavior="focus"),
            id="content-row",
        )
        yield FormRow(_("Callback number"), Input(id="number", compact=True), id="number-row")
        yield FormRow(
            _("Recorder"),
            Select[int]([], id="recorder", compact=True, prompt=_("Choose")),
            id="recorder-row",
        )
        yield FormRow(_("Priority"), PriorityPicker(id="priority"), id="priority-row")
        categories = [(Text(_(label)), value) for value, label in CATEGORY_LABELS.items()]
        yield FormRow(
            _("Category"),
            Select[str](
                categories,
                id="category",
                compact=True,
                allow_blank=False,
                value=Category.CONSULTATION.value,
            ),
            id="category-row",
        )
        yield FormRow(
            _("Department"),
            Select[int]([], id="department", compact=True, prompt=_("Not routed yet")),
            id="department-row",
        )
        yield FormRow(
            _("Reply in hours"),
            Input(id="reply-hours", compact=True, restrict=r"\d{0,3}", placeholder=_("none")),
            id="reply-hours-row",
        )
        yield FormRow(
            _("Sales lead"),
            Checkbox(_("Follow this customer up"), id="lead", compact=True),
            id="lead-row",
        )

    def field(self, name: str) -> Widget:
        """The input widget of a field."""
        return self.query_one(f"#{name}")

    def row(self, name: str) -> FormRow:
        """The row (label, widget, error) of a field."""
        return self.query_one(f"#{name}-row", FormRow)

    def set_choices(self, choices: EntryChoices) -> None:
        """Fill the staff and department lists."""
        recorder = self.query_one("#recorder", Select)
        recorder.set_options((Text(one_line(c.name)), c.id) for c in choices.staff)
        department = self.query_one("#department", Select)
        department.set_options((Text(one_line(c.name)), c.id) for c in choices.departments)

    def values(self) -> dict[str, Any]:
        """What the form holds now, as plain JSON-able values."""
        recorder = self.query_one("#recorder", Select).value
        department = self.query_one("#department", Select).value
        return {
            "time": self.query_one("#time", Input).value,
            "org": self.query_one("#org", Input).value,
            "caller": self.query_one("#caller", Input).value,
            "content": self.query_one("#content", TextArea).text,
            "number": self.query_one("#number", Input).value,
            "recorder": recorder if isinstance(recorder, int) else None,
            "priority": self.query_one("#priority", PriorityPicker).value,
            "category": self.query_one("#category", Select).value,
            "department": department if isinstance(department, int) else None,
            "reply-hours": self.query_one("#reply-hours", Input).value,
            "lead": self.query_one("#lead", Checkbox).value,
        }

    def fill(self, values: dict[str, Any]) -> None:
        """Put values (from a draft) into the fields; unknown or bad values are skipped."""
        for name in ("time", "org", "caller", "number", "reply-hours"):
            if isinstance(values.get(name), str):
                self.query_one(f"#{name}", Input).value = values[name]
        if isinstance(values.get("content"), str):
            self.query_one("#content", TextArea).text = values["content"]
        if values.get("priority") in {p.value for p in Priority}:
            self.query_one("#priority", PriorityPicker).value = values["priority"]
        if isinstance(values.get("lead"), bool):
            self.query_one("#lead", Checkbox).value = values["lead"]
        for name in ("recorder", "category", "department"):
            select = self.query_one(f"#{name}", Select)
            value = values.get(name)
            if value is not None and any(value == option[1] for option in select._options):
                select.value = value

    def clear(self, *, time_text: str, recorder_id: int | None) -> None:
        """Empty the form for the next call."""
        for name in ("org", "caller", "number", "reply-hours"):
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#time", Input).value = time_text
        self.query_one("#content", TextArea).text = ""
        self.query_one("#priority", PriorityPicker).value = Priority.DEFERRABLE.value
        self.query_one("#category", Select).value = Category.CONSULTATION.value
        self.query_one("#department", Select).clear()
        self.query_one("#lead", Checkbox).value = False
        if recorder_id is not None:
            self.fill({"recorder": recorder_id})
        self.show_errors({})
        self.show_suggestions([])

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field and clear the others."""
        for name in FIELDS:
            self.row(name).show_error(errors.get(name))

    def show_suggestions(self, orgs: list[str]) -> None:
        """List organisations under the org field (hidden when there are none)."""
        options = self.query_one("#org-suggestions", OptionList)
        options.clear_options()
        options.add_options(Option(Text(one_line(org)), id=org) for org in orgs)
        options.display = bool(orgs)

    def chosen_suggestion(self) -> str | None:
        """The highlighted suggestion, if the list is shown."""
        options = self.query_one("#org-suggestions", OptionList)
        if not options.display or options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def has_typing(self) -> bool:
        """Whether anything was typed into the form (worth keeping as a draft)."""
        values = self.values()
        return any(str(values[name]).strip() for name in TYPED)
