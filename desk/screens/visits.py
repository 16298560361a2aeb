"""Visit entry (F4): a visitor, letter or e-mail, received by whoever answers first (首问负责制).

Keys: Tab/Enter move to the next field; Alt+1…4 set the priority; Alt+L marks a sales lead;
Ctrl+S saves; Ctrl+N empties the form and drops the draft; Ctrl+B books an appointment for
the visitor in the form (or the visit just saved). The panel on the right shows the person's
earlier calls and visits as soon as the contact number is whole.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.binding import Binding
from textual.widgets import Checkbox, Input

from desk.dialogs.book import BookDialog
from desk.i18n import N_, _
from desk.rules.calltime import CallTimeError, parse_call_time
from desk.rules.phone import PhoneError, parse_phone
from desk.rules.text import one_line
from desk.screens.entry import EntryScreen
from desk.store.caller import caller_history
from desk.store.errors import StoreError
from desk.store.visits import VisitCreate, create_visit, number_optional
from desk.widgets.db import run_db
from desk.widgets.number import number_left
from desk.widgets.priority_picker import priority_bindings
from desk.widgets.visit_form import STORE_FIELDS, VisitForm


class VisitScreen(EntryScreen):
    """Write down a visit, letter or e-mail; the person's history on the right."""

    CSS_PATH = ["entry.tcss", "visits.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="visits.save"),
        Binding("ctrl+n", "new", _("New visit"), id="visits.new"),
        Binding("ctrl+b", "book", _("Book appointment"), id="visits.book"),
        Binding(
            "alt+l,alt+shift+l",
            "toggle_lead",
            _("Sales lead"),
            key_display="Alt+L",
            id="visits.lead",
        ),
        *priority_bindings("visits"),
    ]
    DRAFT_FORM = "visit"
    RESTORED = N_("Restored the visit you were typing (draft kept at {time}).")
    GROUP = "visits"
    FORM_CLASS = VisitForm
    FORM_ID = "visit-form"

    def __init__(self) -> None:
        super().__init__()
        self.last_saved: tuple[int, str, str] | None = None
        """The visit saved last (id, name, number): Ctrl+B on an empty form books for it."""

    @property
    def form(self) -> VisitForm:
        """The form widget."""
        return self.query_one(VisitForm)

    def on_mount(self) -> None:
        if not self.composed("#lead"):
            return
        self.desk_app.staff_changed_signal.subscribe(self, self._staff_changed)
        self._reset_form()
        self._load()

    # Fields -----------------------------------------------------------------------------

    @on(Input.Blurred, "#number")
    def _number_left(self, event: Input.Blurred) -> None:
        phone = number_left(self.form.row("number"), event.input, self.desk_app.settings.area_code)
        if phone is None:
            if not event.value.strip():
                self._e164 = None
        elif phone.e164 != self._e164:
            self._e164 = phone.e164
            self._lookup()

    @on(Input.Blurred, "#time")
    @on(Input.Blurred, "#fed-back")
    def _time_left(self, event: Input.Blurred) -> None:
        optional = event.input.id == "fed-back"
        self.form.check_time(event.input, event.value, self.desk_app.now(), may_be_empty=optional)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _lookup(self) -> None:
        """Show the person's earlier calls and visits once the number is whole."""
        number = self._e164
        if not number:
            return
        run_db(
            self,
            lambda session: caller_history(session, number_e164=number),
            self._show_history,
            group="visits.history",
            read_only=True,
        )

    # Keys -------------------------------------------------------------------------------

    def action_toggle_lead(self) -> None:
        """Mark or unmark the visitor as a sales lead."""
        self.query_one("#lead", Checkbox).toggle()

    def action_book(self) -> None:
        """Book an appointment for the visitor in the form, or for the visit just saved."""
        values = self.form.values()
        visit_id: int | None = None
        name, number = values["name"], values["number"]
        if not self.form.has_typing() and self.last_saved is not None:
            visit_id, name, number = self.last_saved

        def booked(appointment_id: int | None) -> None:
            if appointment_id:
                self.notify(
                    _("Appointment No. {id} booked.").format(id=appointment_id), markup=False
                )

        dialog = BookDialog(
            day=self.desk_app.now().date(),
            person_name=name,
            number=number,
            departments=[(c.id, c.name) for c in self.choices.departments],
            visit_id=visit_id,
        )
        self.app.push_screen(dialog, booked)

    # Saving -----------------------------------------------------------------------------

    def _data(self) -> tuple[VisitCreate | None, dict[str, str]]:
        """The form as a VisitCreate, and the errors found without the database."""
        values = self.form.values()
        errors: dict[str, str] = {}
        now = self.desk_app.now()
        received_at: datetime = now
        fed_back_at: datetime | None = None
        try:
            received_at = parse_call_time(values["time"], now=now)
        except CallTimeError as error:
            errors["time"] = error.message
        if values["fed-back"].strip():
            try:
                fed_back_at = parse_call_time(values["fed-back"], now=now)
            except CallTimeError as error:
                errors["fed-back"] = error.message
        if not values["name"].strip():
            errors["name"] = _("Enter the visitor's full name.")
        if not values["matter"].strip():
            errors["matter"] = _("Write down the matter.")
        if values["number"].strip() or not number_optional(values["channel"]):
            try:
                parse_phone(
                    values["number"], default_area_code=self.desk_app.settings.area_code or None
                )
            except PhoneError as error:
                errors["number"] = error.message
        if values["receiver"] is None:
            errors["receiver"] = _("Choose who received the visitor.")
            return None, errors
        return VisitCreate(
            visitor_name=values["name"],
            number=values["number"],
            matter=values["matter"],
            received_at=received_at,
            received_by_id=values["receiver"],
            channel=values["channel"],
            category=values["category"],
            priority=values["priority"],
            department_id=values["department"],
            is_sales_lead=values["lead"],
            outcome=values["outcome"],
            fed_back_at=fed_back_at,
        ), errors

    def action_save(self) -> None:
        """Check the form and save the visit with its follow-ups; errors stay at the fields."""
        if self._saving:
            return
        data, errors = self._data()
        if data is None or errors:
            self.form.show_errors(errors, focus_first=True)
            return
        actor = self.desk_app.staff
        settings = self.desk_app.settings
        now = self.desk_app.now()

        def job(session):  # type: ignore[no-untyped-def]
            visit = create_visit(
                session,
                data=data,
                actor=actor,
                area_code=settings.area_code,
                settings=settings,
                now=now,
            )
            return visit.id, visit.visitor_name, visit.number_raw

        self._save(job, self._saved, self._refused)

    def _refused(self, error: StoreError) -> None:
        field = STORE_FIELDS.get(getattr(error, "field", None) or "", "")
        if field:
            self.form.show_errors({field: str(error)}, focus_first=True)
        else:
            self.desk_app.show_error(str(error))

    def _saved(self, saved: tuple[int, str, str]) -> None:
        self.last_saved = saved
        self._last_draft = None
        self._reset_form()
        self.notify(
            _("Saved visit No. {id}: {name}").format(id=saved[0], name=one_line(saved[1])),
            markup=False,
        )
