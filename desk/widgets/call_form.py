"""The call entry form: the six items, then priority, category, department and reply promise."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, TextArea
from textual.widgets.option_list import Option

from desk.i18n import _
from desk.kinds import Category
from desk.rules.call_kinds import CATEGORY_LABELS
from desk.rules.text import one_line
from desk.widgets.entry_form import EntryForm, choice_row, id_choice_row, lead_row
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


class CallForm(EntryForm, can_focus=False):
    """The fields of one call; reads and fills itself as a plain dict (also the draft)."""

    FIELDS = FIELDS
    TYPED = ("org", "caller", "content", "number", "reply-hours")
    STAFF_FIELD = "recorder"
    CALL_TIMES = True
    SELECT_DEFAULTS = {"category": Category.CONSULTATION.value}

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
        yield id_choice_row(_("Recorder"), "recorder", _("Choose"))
        yield FormRow(_("Priority"), PriorityPicker(id="priority"), id="priority-row")
        categories = [(_(label), value) for value, label in CATEGORY_LABELS.items()]
        yield choice_row(_("Category"), "category", categories, Category.CONSULTATION.value)
        yield id_choice_row(_("Department"), "department", _("Not routed yet"))
        # Nothing typed is dropped: a unit it cannot read (2周) is said at the field on leaving
        # it, never taken as hours.
        promise = Input(
            id="reply-hours", compact=True, placeholder=_("none (hours: 4; working days: 2天)")
        )
        yield FormRow(_("Reply within"), promise, id="reply-hours-row")
        yield lead_row()

    def clear(self, *, time_text: str, staff_id: int | None) -> None:
        """Empty the form for the next call."""
        super().clear(time_text=time_text, staff_id=staff_id)
        self.show_suggestions([])

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
