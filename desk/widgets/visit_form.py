"""The visit entry form: visitor, number, time, channel, matter, category, routing, outcome."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from desk.export.labels import CHANNEL
from desk.i18n import _
from desk.models import Category, Channel
from desk.rules.labels import CATEGORY_LABELS
from desk.store.visits import VISIT_CATEGORIES
from desk.widgets.entry_form import EntryForm, choice_row, id_choice_row, lead_row
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


class VisitForm(EntryForm):
    """The fields of one visit, letter or e-mail; reads and fills itself as a plain dict."""

    FIELDS = FIELDS
    TYPED = ("name", "number", "matter", "outcome", "fed-back")
    STAFF_FIELD = "receiver"
    SELECT_DEFAULTS = {"channel": Channel.WALK_IN.value, "category": Category.CONSULTATION.value}

    def compose(self) -> ComposeResult:
        yield FormRow(_("Visitor's full name"), Input(id="name", compact=True), id="name-row")
        yield FormRow(_("Contact number"), Input(id="number", compact=True), id="number-row")
        yield FormRow(_("Time"), Input(id="time", compact=True), id="time-row")
        channels = [(_(CHANNEL[c.value]), c.value) for c in Channel]
        yield choice_row(_("Channel"), "channel", channels, Channel.WALK_IN.value)
        yield FormRow(
            _("Matter"),
            TextArea(id="matter", compact=True, soft_wrap=True, tab_behavior="focus"),
            id="matter-row",
        )
        categories = [(_(CATEGORY_LABELS[c.value]), c.value) for c in VISIT_CATEGORIES]
        yield choice_row(_("Category"), "category", categories, Category.CONSULTATION.value)
        yield FormRow(_("Priority"), PriorityPicker(id="priority"), id="priority-row")
        yield id_choice_row(_("Department"), "department", _("Not routed yet"))
        yield id_choice_row(_("Received by"), "receiver", _("Choose"))
        yield FormRow(_("Outcome"), Input(id="outcome", compact=True), id="outcome-row")
        yield FormRow(
            _("Fed back at"),
            Input(id="fed-back", compact=True, placeholder=_("not yet")),
            id="fed-back-row",
        )
        yield lead_row()
