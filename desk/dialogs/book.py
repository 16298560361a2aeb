"""The booking dialog (预约): service or project, expert, department, time, length, notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from rich.text import Text
from sqlmodel import Session
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from desk.dialogs.text_entry import TextEntryDialog
from desk.i18n import _
from desk.rules.dates import DateError, parse_clock, parse_moment
from desk.rules.slots import next_slot
from desk.rules.text import one_line
from desk.store.appointments import (
    AppointmentCreate,
    AppointmentRow,
    book_appointment,
    person_of,
    reschedule_appointment,
)
from desk.store.errors import Conflict, StoreError
from desk.store.followups import calling_windows
from desk.store.queue import departments
from desk.widgets.db import run_db
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar

INPUTS = ("person_name", "number", "service", "expert", "starts_at", "minutes")


def parse_slot(text: str, day: date) -> datetime:
    """`YYYY-MM-DD HH:MM`, or `HH:MM` on the given day (naive); DateError when it is neither."""
    try:
        return parse_moment(text)
    except DateError as error:
        if error.not_existing:
            raise
    return datetime.combine(day, parse_clock(text))


def slot_problem(text: str, day: date) -> str | None:
    """Why a typed booking time cannot be read (a day or time that does not exist says so)."""
    try:
        parse_slot(text, day)
    except DateError as error:
        if error.not_existing:
            return error.message
        return _("Write the time as 2026-11-24 09:30, or 09:30.")
    return None


def default_slot(node: DOMNode, day: date) -> datetime:
    """The next half hour from now within working hours (on a later day: its first hour)."""
    app = node.app
    calendar = calling_windows(app.settings).calendar  # type: ignore[attr-defined]
    windows = app.settings.windows  # type: ignore[attr-defined]
    return next_slot(app.now(), windows=windows, calendar=calendar, day=day)  # type: ignore[attr-defined]


def past_error(node: DOMNode, moment: datetime) -> str | None:
    """A message when the moment has already passed (a booking is for the future)."""
    now = node.app.now()  # type: ignore[attr-defined]
    if moment >= now.replace(second=0, microsecond=0):
        return None
    return _("{time} has already passed; give a time from {now} on.").format(
        time=f"{moment:%Y-%m-%d %H:%M}", now=f"{now:%H:%M}"
    )


class BookDialog(ModalScreen[int | None]):
    """Collect a booking and save it; a bad field or a clash with another booking is shown at
    its field and the dialog stays open with everything typed. Dismisses with the new id."""

    CSS_PATH = "book.tcss"
    BINDINGS = [
        Binding("ctrl+s", "book", _("Book"), id="book.save"),
        Binding("escape", "cancel", _("Cancel"), id="book.cancel"),
    ]

    def __init__(
        self,
        *,
        day: date,
        person_name: str = "",
        number: str = "",
        departments: Sequence[tuple[int, str]] = (),
        visit_id: int | None = None,
        call_id: int | None = None,
    ) -> None:
        super().__init__()
        self.day = day
        self.defaults = {"person_name": person_name, "number": number}
        self.departments = departments
        self.visit_id, self.call_id = visit_id, call_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="book"):
            yield Static(Content(_("Book an appointment")), id="book-title")
            with Horizontal(classes="pair"):
                yield self._field(_("Name"), "person_name", self.defaults["person_name"])
                yield self._field(_("Contact number"), "number", self.defaults["number"])
            with Horizontal(classes="pair"):
                yield self._field(_("Service or project"), "service")
                yield self._field(_("Expert"), "expert")
            with Horizontal(classes="pair"):
                start = default_slot(self, self.day)
                yield self._field(_("Date and time"), "starts_at", f"{start:%Y-%m-%d %H:%M}")
                yield self._field(_("Minutes"), "minutes", "30")
            options = [(Text(one_line(name)), i) for i, name in self.departments]
            yield Static(Content(_("Department")), classes="label")
            yield Select[int](options, id="department", prompt=_("Not routed yet"), compact=True)
            yield Static(
                Content(_("Notes the department must know (allergies, special conditions)")),
                classes="label",
            )
            yield TextArea(id="notes", soft_wrap=True, tab_behavior="focus", compact=True)
        yield KeyBar()

    @staticmethod
    def _field(label: str, name: str, value: str = "") -> Field:
        widget = Input(value, id=name, restrict=r"\d{0,3}" if name == "minutes" else None)
        return Field(label, widget, id=f"{name}-field")

    def on_mount(self) -> None:
        first = "service" if self.defaults["person_name"] else "person_name"
        self.query_one(f"#{first}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def show_error(self, field: str | None, message: str) -> None:
        """Show a message under a field and put the cursor there (a clash: at the expert)."""
        target = field if field in INPUTS else "service"
        self.query_one(f"#{target}-field", Field).show_error(message)
        self.query_one(f"#{target}", Input).focus()

    def action_book(self) -> None:
        """Check the booking and save it; the store refuses a clash, naming with whom."""
        for name in INPUTS:
            self.query_one(f"#{name}-field", Field).show_error(None)
        value = {name: self.query_one(f"#{name}", Input).value for name in INPUTS}
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        problem = slot_problem(value["starts_at"], self.day)
        if problem is not None:
            self.show_error("starts_at", problem)
            return
        starts_at = parse_slot(value["starts_at"], self.day)
        late = past_error(self, starts_at.replace(tzinfo=tz))
        if late:
            self.show_error("starts_at", late)
            return
        department = self.query_one("#department", Select).value
        data = AppointmentCreate(
            person_name=value["person_name"],
            number=value["number"],
            service=value["service"],
            expert=value["expert"],
            starts_at=starts_at.replace(tzinfo=tz),
            minutes=int(value["minutes"] or "0"),
            department_id=department if isinstance(department, int) else None,
            notes=self.query_one("#notes", TextArea).text,
            visit_id=self.visit_id,
            call_id=self.call_id,
        )
        actor = self.app.staff  # type: ignore[attr-defined]

        def job(session: Session) -> int:
            return book_appointment(session, data=data, actor=actor, tz=tz).id or 0

        def failed(error: StoreError) -> None:
            field = "expert" if isinstance(error, Conflict) else getattr(error, "field", None)
            self.show_error(field, str(error))

        run_db(self, job, self.dismiss, group="book.save", failed=failed)

    def action_cancel(self) -> None:
        """Close without booking."""
        self.dismiss(None)


def book_for_case(node: DOMNode, *, kind: str, record_id: int) -> None:
    """Open the booking dialog for the person of a call or visit (linked to it); a toast
    names the booking made."""
    day = node.app.now().date()  # type: ignore[attr-defined]

    def booked(appointment_id: int | None) -> None:
        if appointment_id:
            message = _("Appointment No. {id} booked.").format(id=appointment_id)
            node.app.notify(message, markup=False)

    def show(found: tuple[tuple[str, str], list[tuple[int, str]]]) -> None:
        (name, number), choices = found
        link = {"call_id": record_id} if kind == "call" else {"visit_id": record_id}
        dialog = BookDialog(day=day, person_name=name, number=number, departments=choices, **link)
        node.app.push_screen(dialog, booked)

    run_db(
        node,
        lambda s: (person_of(s, kind=kind, record_id=record_id), departments(s)),
        show,
        group="book.person",
        read_only=True,
    )


class RescheduleDialog(TextEntryDialog):
    """Ask for a booking's new time and move it; a clash is shown at the field, naming with
    whom, and the dialog stays open. Dismisses with the new time's day."""

    def __init__(self, row: AppointmentRow) -> None:
        subject = f"{row.starts_at:%Y-%m-%d %H:%M} {row.expert} {row.service} · {row.person_name}"
        super().__init__(_("Reschedule"), _("New time (09:30 or 2026-11-25 09:30)"), subject)
        self.row = row

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not the plain dialog's handler: this one moves the booking
        field = self.query_one("#text-field", Field)
        problem = slot_problem(event.value, self.row.starts_at.date())
        if problem is not None:
            field.show_error(problem)
            return
        moment = parse_slot(event.value, self.row.starts_at.date())
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        actor = self.app.staff  # type: ignore[attr-defined]
        starts_at = moment.replace(tzinfo=tz)
        late = past_error(self, starts_at)
        if late:
            field.show_error(late)
            return
        appointment_id = self.row.id
        run_db(
            self,
            lambda s: reschedule_appointment(
                s, appointment_id=appointment_id, starts_at=starts_at, actor=actor, tz=tz
            ),
            lambda _moved: self.dismiss(starts_at.date()),  # type: ignore[arg-type]
            group="book.reschedule",
            failed=lambda error: field.show_error(str(error)),
        )
