"""Appointments (F11): the day view, its filters, booking, cancel and reschedule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import DataTable, Input, Static

from desk.app import DeskApp
from desk.dialogs.book import BookDialog
from desk.dialogs.text_entry import TextEntryDialog
from desk.models import Appointment, CaseEvent
from desk.screens.appointments import AppointmentsScreen
from desk.session_info import SignedIn
from desk.store.appointments import AppointmentCreate, book_appointment
from desk.store.engine import session_scope
from desk.widgets.cycler import Cycler
from tests.calls_helper import add_department, settle, shown
from tests.conftest import TZ


def book(engine: Engine, staff: SignedIn, *, at: str, expert: str, name: str, **more) -> int:  # type: ignore[no-untyped-def]
    data = AppointmentCreate(
        person_name=name,
        number="13812345678",
        service=more.pop("service", "洗牙"),
        expert=expert,
        starts_at=datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=TZ),
        **more,
    )
    with session_scope(engine) as session:
        return book_appointment(session, data=data, actor=staff, tz=TZ).id or 0


async def open_day(app: DeskApp, pilot, staff: SignedIn) -> AppointmentsScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(staff)
    await pilot.pause()
    await pilot.press("f11")
    await settle(app, pilot)
    assert isinstance(app.screen, AppointmentsScreen)
    return app.screen


def rows(screen: AppointmentsScreen) -> list[str]:
    table = screen.query_one("#day", DataTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_day_view_steps_through_days_and_filters(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    dental = add_department(sqlite_engine, "口腔科")
    add_department(sqlite_engine, "体检中心")
    book(
        sqlite_engine,
        admin,
        at="2026-11-24 10:00",
        expert="李医生",
        name="周女士",
        department_id=dental,
        notes="青霉素过敏",
    )
    book(
        sqlite_engine, admin, at="2026-11-24 11:00", expert="王主任", name="钱先生", service="体检"
    )
    book(sqlite_engine, admin, at="2026-11-25 09:00", expert="李医生", name="孙女士")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_day(app, pilot, admin)
        title = shown(screen.query_one("#day-title", Static))
        assert "2026-11-24" in title
        shown_rows = rows(screen)
        assert len(shown_rows) == 2
        assert "10:00–10:30" in shown_rows[0] and "青霉素过敏" in shown_rows[0]
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert [("孙女士" in r) for r in rows(screen)] == [True]
        await pilot.press("t")
        await settle(app, pilot)
        assert len(rows(screen)) == 2
        expert = screen.query_one("#expert-filter", Cycler)
        expert.focus()
        await pilot.press("right")
        await settle(app, pilot)
        assert expert.value == "李医生" or expert.value == "王主任"
        assert len(rows(screen)) == 1 and expert.value in rows(screen)[0]
        await pilot.press("left")
        department = screen.query_one("#department-filter", Cycler)
        department.value = dental
        await settle(app, pilot)
        assert len(rows(screen)) == 1 and "周女士" in rows(screen)[0]
        department.value = None
        await settle(app, pilot)
        screen.query_one("#day", DataTable).focus()
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert rows(screen) == [] and screen.query_one("#empty").display


async def test_book_from_the_day_view_and_clash_stays_open(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    book(sqlite_engine, admin, at="2026-11-24 10:00", expert="李医生", name="周女士")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_day(app, pilot, admin)
        await pilot.press("n")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, BookDialog)
        await pilot.press(*"赵敏", "tab", *"13912345678", "tab", *"补牙", "tab", *"李医生", "tab")
        starts_at = dialog.query_one("#starts_at", Input)
        for typed, said in (("10点", "时间请写成"), ("2026-11-31 10:15", "没有这一天：2026-11-31")):
            starts_at.value = typed
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is dialog
            shown_error = str(dialog.query_one("#starts_at-field .field-error", Static).render())
            assert said in shown_error
        starts_at.value = "10:15"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#expert-field .field-error", Static).render())
        assert "周女士" in error and "10:00" in error
        dialog.query_one("#starts_at", Input).value = "10:30"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert len(rows(screen)) == 2 and "赵敏" in rows(screen)[1]


async def test_cancel_and_reschedule_keep_the_history(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    first = book(sqlite_engine, admin, at="2026-11-24 10:00", expert="李医生", name="周女士")
    book(sqlite_engine, admin, at="2026-11-24 11:00", expert="李医生", name="钱先生")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_day(app, pilot, admin)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, TextEntryDialog)
        await pilot.press(*"11:15", "enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, TextEntryDialog)  # the clash with 钱先生 shows at the field
        error = str(dialog.query_one("#text-field .field-error", Static).render())
        assert "钱先生" in error and "11:00" in error
        dialog.query_one("#text", Input).value = ""
        await pilot.press(*"2026-11-24 14:00", "enter")
        await settle(app, pilot)
        assert app.screen is screen
        assert "14:00" in rows(screen)[1]
        await pilot.press("x", *"患者改期", "enter")
        await settle(app, pilot)
        assert len(rows(screen)) == 1
    with Session(sqlite_engine) as session:
        cancelled = session.get(Appointment, first)
        assert cancelled is not None and cancelled.status == "cancelled"
        actions = session.exec(
            select(CaseEvent.action).where(
                CaseEvent.kind == "appointment", CaseEvent.record_id == first
            )
        )
        assert list(actions) == ["booked", "rescheduled", "cancelled"]


async def test_a_booking_made_in_f4_shows_when_f11_comes_back(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_day(app, pilot, admin)
        assert rows(screen) == []
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, BookDialog)
        for name, value in (("person_name", "赵敏"), ("service", "补牙"), ("expert", "李医生")):
            dialog.query_one(f"#{name}", Input).value = value
        dialog.query_one("#number", Input).value = "13912345678"
        dialog.query_one("#starts_at", Input).value = "2026-11-24 15:00"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is not dialog
        await pilot.press("f11")
        await settle(app, pilot)
        assert app.screen is screen
        assert len(rows(screen)) == 1 and "15:00" in rows(screen)[0] and "赵敏" in rows(screen)[0]


async def test_booking_starts_at_the_next_half_hour_and_refuses_the_past(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    book(sqlite_engine, admin, at="2026-11-24 10:00", expert="李医生", name="周女士")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_day(app, pilot, admin)  # the clock says 2026-11-24 09:05
        await pilot.press("n")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, BookDialog)
        assert dialog.query_one("#starts_at", Input).value == "2026-11-24 09:30"
        await pilot.press(*"赵敏", "tab", *"13912345678", "tab", *"补牙", "tab", *"王医生")
        dialog.query_one("#starts_at", Input).value = "08:30"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#starts_at-field .field-error", Static).render())
        assert "已经过去" in error and "09:05" in error
        assert dialog.query_one("#starts_at", Input).value == "08:30"
        assert dialog.query_one("#person_name", Input).value == "赵敏"
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("m")  # moving a booking into the past is refused the same way
        await settle(app, pilot)
        await pilot.press(*"09:00", "enter")
        await settle(app, pilot)
        moving = app.screen
        assert isinstance(moving, TextEntryDialog)
        assert "已经过去" in str(moving.query_one("#text-field .field-error", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "n")  # a later day: its first hour
        await settle(app, pilot)
        assert app.screen.query_one("#starts_at", Input).value == "2026-11-25 08:00"
        assert screen.day is not None and screen.day.isoformat() == "2026-11-25"


async def test_go_to_an_impossible_date_says_so_at_the_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from desk.dialogs.go_to_date import GoToDateDialog

    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_day(app, pilot, admin)
        await pilot.press("g")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, GoToDateDialog)
        await pilot.press(*"2026-02-30", "enter")
        await settle(app, pilot)
        assert app.screen is dialog  # no separate error box; the input is kept
        error = str(dialog.query_one("#text-field .field-error", Static).render())
        assert "2026-02-30" in error and "没有这一天" in error  # the shared date words
        assert dialog.query_one("#text", Input).value == "2026-02-30"
        dialog.query_one("#text", Input).value = "2026/12/01"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.day is not None
        assert screen.day.isoformat() == "2026-12-01"
