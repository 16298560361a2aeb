"""Snapshots of the visit entry (F4), the booking dialog and the appointments day view (F11)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from desk.app import DeskApp
from desk.session_info import SignedIn
from desk.store.appointments import AppointmentCreate, book_appointment
from desk.store.engine import session_scope
from tests.calls_helper import add_call, add_department, settle
from tests.conftest import TZ

SIZE = (120, 40)


def _area(admin: SignedIn, key: str, then: Callable | None = None) -> Callable:
    async def run_before(pilot: Pilot) -> None:
        app: DeskApp = pilot.app  # type: ignore[assignment]
        await settle(app, pilot, 1)
        app.signed_in(admin)
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        if then is not None:
            await then(pilot)
            await settle(app, pilot)

    return run_before


async def _fill(pilot: Pilot) -> None:
    screen = pilot.app.screen
    screen.query_one("#name", Input).focus()
    await pilot.press(*"周女士", "tab", *"13812345678", "tab")
    screen.query_one("#matter", TextArea).text = "来访投诉候诊时间太长\n[b]不是粗体[/b]"
    screen.query_one("#outcome", Input).value = "已协调加号"


def _book(engine: Engine, admin: SignedIn, at: str, expert: str, name: str, **more) -> None:  # type: ignore[no-untyped-def]
    data = AppointmentCreate(
        person_name=name,
        number="13812345678",
        service=more.pop("service", "洗牙"),
        expert=expert,
        starts_at=datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=TZ),
        **more,
    )
    with session_scope(engine) as session:
        book_appointment(session, data=data, actor=admin, tz=TZ)


class TestVisitSnapshots:
    """The visit entry: empty, filled with the caller panel, errors, booking with a clash."""

    def test_empty(self, snap_compare, app, admin) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f4"))

    def test_filled(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        add_call(sqlite_engine, recorder_id=admin.id, caller="周女士", content="咨询停车")
        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f4", _fill))

    def test_errors(self, snap_compare, app, admin) -> None:  # type: ignore[no-untyped-def]
        async def errors(pilot: Pilot) -> None:
            pilot.app.screen.query_one("#number", Input).value = "12ab"
            pilot.app.screen.query_one("#fed-back", Input).value = "昨天"
            await pilot.press("ctrl+s")

        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f4", errors))

    def test_booking_clash(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _book(sqlite_engine, admin, "2026-11-24 10:00", "李医生", "钱先生")

        async def clash(pilot: Pilot) -> None:
            await _fill(pilot)
            await pilot.press("ctrl+b")
            await settle(pilot.app, pilot)
            await pilot.press(*"补牙", "tab", *"李医生", "tab")
            pilot.app.screen.query_one("#starts_at", Input).value = "2026-11-24 10:15"
            await pilot.press("ctrl+s")

        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f4", clash))


class TestQueueWithVisitsSnapshots:
    """The work queue holds calls and visits, each marked by kind."""

    def test_calls_and_visits(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        from desk.store.visits import VisitCreate, create_visit
        from tests.conftest import FROZEN_NOW

        add_call(
            sqlite_engine, recorder_id=admin.id, caller="赵敏", content="咨询停车", minutes=-30
        )
        with session_scope(sqlite_engine) as session:
            data = VisitCreate(
                visitor_name="周女士",
                number="13812345678",
                matter="来访投诉候诊时间太长",
                received_at=FROZEN_NOW,
                received_by_id=admin.id,
                category="complaint",
                priority=2,
            )
            create_visit(session, data=data, actor=admin, now=FROZEN_NOW)
        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f8"))


class TestDayViewSnapshots:
    """The appointments day view: a filled day and an empty one."""

    def test_filled(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        dental = add_department(sqlite_engine, "口腔科")
        _book(
            sqlite_engine,
            admin,
            "2026-11-24 10:00",
            "李医生",
            "周女士",
            department_id=dental,
            notes="青霉素过敏",
        )
        _book(sqlite_engine, admin, "2026-11-24 11:00", "王主任", "[b]钱[/b]", service="体检")
        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f11"))

    def test_empty_next_day(self, snap_compare, app, admin) -> None:  # type: ignore[no-untyped-def]
        async def next_day(pilot: Pilot) -> None:
            await pilot.press("right_square_bracket")

        assert snap_compare(app, terminal_size=SIZE, run_before=_area(admin, "f11", next_day))
