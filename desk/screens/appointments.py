"""Appointments (F11): one day's bookings per department and per expert; book, cancel, move.

Keys: [ and ] step a day back or forward, T goes to today, G to a typed date; Tab moves to the
department and expert filters (← → change them); N books, X cancels, M reschedules the
selected booking (the store keeps the history and refuses a clash, naming with whom, shown at
the time field of the dialog, which stays open).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from sqlmodel import Session
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Static

from desk.dialogs.book import BookDialog, RescheduleDialog
from desk.dialogs.go_to_date import GoToDateDialog
from desk.dialogs.text_entry import TextEntryDialog
from desk.i18n import N_, _
from desk.rules.text import one_line
from desk.screens.base import DeskScreen
from desk.store.appointments import (
    AppointmentRow,
    cancel_appointment,
    day_view,
)
from desk.store.queue import departments
from desk.widgets.cycler import Cycler
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar
from desk.widgets.row_table import RowTable

WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


@dataclass(frozen=True)
class DayLoaded:
    """What one load brings: the rows shown, the day's experts and the departments."""

    day: date
    rows: list[AppointmentRow]
    experts: list[str]
    departments: list[tuple[int, str]]


class AppointmentsScreen(DeskScreen):
    """The day view of appointments, filtered by department or expert."""

    CSS_PATH = "appointments.tcss"
    BINDINGS = [
        Binding(
            "left_square_bracket", "day(-1)", _("Previous day"), key_display="[", id="appt.prev"
        ),
        Binding("right_square_bracket", "day(1)", _("Next day"), key_display="]", id="appt.next"),
        Binding("t", "today", _("Today"), id="appt.today"),
        Binding("g", "go_to", _("Go to date"), id="appt.go"),
        Binding("n", "book", _("Book"), id="appt.book"),
        Binding("x", "cancel_booking", _("Cancel booking"), id="appt.cancel"),
        Binding("m", "reschedule", _("Reschedule"), id="appt.move"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.rows: list[AppointmentRow] = []
        self.department_choices: list[tuple[int, str]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="day-title")
        with Horizontal(id="filters"):
            yield Cycler(_("Department"), _("All departments"), [], id="department-filter")
            yield Cycler(_("Expert"), _("All experts"), [], id="expert-filter")
        yield RowTable(id="day", cursor_type="row", zebra_stripes=True)
        yield Static(Content(_("No appointments on this day. Press N to book one.")), id="empty")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#day", DataTable)
        for key, title in (
            ("time", _("Time")),
            ("expert", _("Expert")),
            ("service", _("Service")),
            ("name", _("Name")),
            ("number", _("Contact number")),
            ("dept", _("Department")),
            ("notes", _("Notes")),
        ):
            table.add_column(title, key=key)
        table.focus()
        self.action_today()

    def on_screen_resume(self) -> None:
        # A booking made elsewhere (F4, F2, another desk) shows when the desk comes back here.
        if self.day is not None:
            self.show_day(self.day)

    @property
    def tz(self) -> Any:
        """The desk's time zone."""
        return self.app.settings.tz  # type: ignore[attr-defined]

    # loading

    def show_day(self, day: date) -> None:
        """Load one day's bookings (filtered) in a worker."""
        self.day = day
        department_id = self.query_one("#department-filter", Cycler).value
        expert = self.query_one("#expert-filter", Cycler).value
        tz = self.tz

        def job(session: Session) -> DayLoaded:
            everyone = day_view(session, day=day, tz=tz)
            rows = day_view(session, day=day, tz=tz, department_id=department_id, expert=expert)
            experts = sorted({r.expert for r in everyone if r.expert})
            return DayLoaded(day, rows, experts, departments(session))

        run_db(self, job, self._show, group="appt.load", read_only=True)

    def _show(self, loaded: DayLoaded) -> None:
        weekday = _(WEEKDAYS[loaded.day.weekday()])
        title = _("Appointments on {day} ({weekday})").format(
            day=loaded.day.isoformat(), weekday=weekday
        )
        self.query_one("#day-title", Static).update(Content(title))
        self._refresh_filters(loaded)
        keep = self.selected()
        self.rows = loaded.rows
        table = self.query_one("#day", DataTable)
        table.clear()
        for row in loaded.rows:
            table.add_row(
                Text(f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}"),
                Text(one_line(row.expert)),
                Text(one_line(row.service)),
                Text(one_line(row.person_name)),
                Text(one_line(row.number)),
                Text(one_line(row.department)),
                Text(one_line(row.notes)[:40], style="bold" if row.notes else ""),
                key=str(row.id),
            )
        ids = [row.id for row in loaded.rows]
        if keep is not None and keep.id in ids:
            table.move_cursor(row=ids.index(keep.id))  # the booking just moved stays selected
        self.query_one("#empty").display = not loaded.rows
        self.refresh_bindings()

    def _refresh_filters(self, loaded: DayLoaded) -> None:
        """Offer the departments and the day's experts, keeping the chosen ones."""
        department = self.query_one("#department-filter", Cycler)
        if loaded.departments != self.department_choices:
            chosen = department.value
            self.department_choices = loaded.departments
            department.set_options([(name, i) for i, name in loaded.departments])
            department.value = chosen
        expert = self.query_one("#expert-filter", Cycler)
        names = [(name, name) for name in loaded.experts]
        if names != expert.choices[1:]:
            chosen = expert.value
            expert.set_options(names)
            expert.value = chosen

    def on_cycler_changed(self, _event: Cycler.Changed) -> None:
        if self.day is not None:
            self.show_day(self.day)

    def selected(self) -> AppointmentRow | None:
        """The booking under the cursor."""
        table = self.query_one("#day", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cancel_booking", "reschedule") and self.selected() is None:
            return None
        return True

    # keys

    def action_today(self) -> None:
        """Show today."""
        self.show_day(self.app.now().date())  # type: ignore[attr-defined]

    def action_day(self, step: int) -> None:
        """Step a day back or forward."""
        self.show_day((self.day or self.app.now().date()) + timedelta(days=step))  # type: ignore[attr-defined]

    def action_go_to(self) -> None:
        """Go to a typed date."""

        def answered(day: date | None) -> None:
            if day is not None:
                self.show_day(day)

        self.app.push_screen(GoToDateDialog(), answered)  # type: ignore[arg-type]

    def action_book(self) -> None:
        """Book an appointment on the day shown."""

        def booked(appointment_id: int | None) -> None:
            if appointment_id:
                self.notify(
                    _("Appointment No. {id} booked.").format(id=appointment_id), markup=False
                )
                self.show_day(self.day or self.app.now().date())  # type: ignore[attr-defined]

        day = self.day or self.app.now().date()  # type: ignore[attr-defined]
        self.app.push_screen(BookDialog(day=day, departments=self.department_choices), booked)

    def _subject(self, row: AppointmentRow) -> str:
        return f"{row.starts_at:%Y-%m-%d %H:%M} {row.expert} {row.service} · {row.person_name}"

    def action_cancel_booking(self) -> None:
        """Cancel the selected booking, with an optional reason (kept in its history)."""
        row = self.selected()
        if row is None:
            return
        actor = self.app.staff  # type: ignore[attr-defined]

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            run_db(
                self,
                lambda s: cancel_appointment(s, appointment_id=row.id, actor=actor, reason=reason),
                lambda _r: self._changed(_("Appointment cancelled.")),
                group="appt.cancel",
            )

        dialog = TextEntryDialog(
            _("Cancel this appointment"), _("Reason"), self._subject(row), required=False
        )
        self.app.push_screen(dialog, answered)

    def action_reschedule(self) -> None:
        """Move the selected booking to another time; a clash is refused, naming with whom."""
        row = self.selected()
        if row is None:
            return

        def moved(day: date | None) -> None:
            if day is not None:
                self._changed(_("Appointment moved."), day)

        self.app.push_screen(RescheduleDialog(row), moved)  # type: ignore[arg-type]

    def _changed(self, message: str, day: date | None = None) -> None:
        self.notify(message, markup=False)
        self.show_day(day or self.day or self.app.now().date())  # type: ignore[attr-defined]
