"""The visit entry form: visitor, number, time, channel, matter, category, routing, outcome."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from desk.export.labels import CHANNEL
from desk.i18n import _
from desk.models import Category, Channel, Priority
from desk.rules.labels import CATEGORY_LABELS
from desk.rules.text import one_line
from desk.store.calls import EntryChoices
from desk.store.visits import VISIT_CATEGORIES
from desk.widgets.form_row import FormRow
from desk.widgets.priority_picker import PriorityPicker

FIELDS = (
    "name",
    "number",
    "time",
    "channel",
    "matter",
    "category",
    "priority",
    "department",
    "receiver",
    "outcome",
    "fed-back",
    "lead",
)
"""The form's fields in order (ids of their widgets; rows are `<id>-row`)."""

STORE_FIELDS = {
    "visitor_name": "name",
    "number": "number",
    "received_at": "time",
    "channel": "channel",
    "matter": "matter",
    "category": "category",
    "priority": "priority",
    "department_id": "department",
    "received_by_id": "receiver",
    "outcome": "outcome",
    "fed_back_at": "fed-back",
}
"""Which form field shows the store's error for each VisitCreate field."""

TYPED = ("name", "number", "matter", "outcome", "fed-back")
INPUTS = ("name", "number", "time", "outcome", "fed-back")


class VisitForm(VerticalScroll):
    """The fields of one visit, letter or e-mail; reads and fills itself as a plain dict."""

    def compose(self) -> ComposeResult:
        yield FormRow(_("Visitor's full name"), Input(id="name", compact=True), id="name-row")
        yield FormRow(_("Contact number"), Input(id="number", compact=True), id="number-row")
        yield FormRow(_("Time"), Input(id="time", compact=True), id="time-row")
        channels = [(Text(_(CHANNEL[c.value])), c.value) for c in Channel]
        yield FormRow(
            _("Channel"),
            Select[str](
                channels,
                id="channel",
                compact=True,
                allow_blank=False,
                value=Channel.WALK_IN.value,
            ),
            id="channel-row",
        )
        yield FormRow(
            _("Matter"),
            TextArea(id="matter", compact=True, soft_wrap=True, tab_behavior="focus"),
            id="matter-row",
        )
        categories = [(Text(_(CATEGORY_LABELS[c.value])), c.value) for c in VISIT_CATEGORIES]
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
        yield FormRow(_("Priority"), PriorityPicker(id="priority"), id="priority-row")
        yield FormRow(
            _("Department"),
            Select[int]([], id="department", compact=True, prompt=_("Not routed yet")),
            id="department-row",
        )
        yield FormRow(
            _("Received by"),
            Select[int]([], id="receiver", compact=True, prompt=_("Choose")),
            id="receiver-row",
        )
        yield FormRow(_("Outcome"), Input(id="outcome", compact=True), id="outcome-row")
        yield FormRow(
            _("Fed back at"),
            Input(id="fed-back", compact=True, placeholder=_("not yet")),
            id="fed-back-row",
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
        receiver = self.query_one("#receiver", Select)
        receiver.set_options((Text(one_line(c.name)), c.id) for c in choices.staff)
        department = self.query_one("#department", Select)
        department.set_options((Text(one_line(c.name)), c.id) for c in choices.departments)

    def values(self) -> dict[str, Any]:
        """What the form holds now, as plain JSON-able values (also the draft)."""
        values: dict[str, Any] = {n: self.query_one(f"#{n}", Input).value for n in INPUTS}
        for name in ("channel", "category", "department", "receiver"):
            value = self.query_one(f"#{name}", Select).value
            values[name] = value if isinstance(value, int | str) else None
        values["matter"] = self.query_one("#matter", TextArea).text
        values["priority"] = self.query_one("#priority", PriorityPicker).value
        values["lead"] = self.query_one("#lead", Checkbox).value
        return values

    def fill(self, values: dict[str, Any]) -> None:
        """Put values (from a draft) into the fields; unknown or bad values are skipped."""
        for name in INPUTS:
            if isinstance(values.get(name), str):
                self.query_one(f"#{name}", Input).value = values[name]
        if isinstance(values.get("matter"), str):
            self.query_one("#matter", TextArea).text = values["matter"]
        if values.get("priority") in {p.value for p in Priority}:
            self.query_one("#priority", PriorityPicker).value = values["priority"]
        if isinstance(values.get("lead"), bool):
            self.query_one("#lead", Checkbox).value = values["lead"]
        for name in ("channel", "category", "department", "receiver"):
            select = self.query_one(f"#{name}", Select)
            value = values.get(name)
            if value is not None and any(value == option[1] for option in select._options):
                select.value = value

    def clear(self, *, time_text: str, receiver_id: int | None) -> None:
        """Empty the form for the next visitor."""
        for name in INPUTS:
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#time", Input).value = time_text
        self.query_one("#matter", TextArea).text = ""
        self.query_one("#channel", Select).value = Channel.WALK_IN.value
        self.query_one("#category", Select).value = Category.CONSULTATION.value
        self.query_one("#priority", PriorityPicker).value = Priority.DEFERRABLE.value
        self.query_one("#department", Select).clear()
        self.query_one("#lead", Checkbox).value = False
        if receiver_id is not None:
            self.fill({"receiver": receiver_id})
        self.show_errors({})

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field and clear the others."""
        for name in FIELDS:
            self.row(name).show_error(errors.get(name))

    def has_typing(self) -> bool:
        """Whether anything was typed into the form (worth keeping as a draft)."""
        values = self.values()
        return any(str(values[name]).strip() for name in TYPED)
