"""The work queue works on visits through the same workflow; desk work enrols follow-ups."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import DataTable, Input

from desk.app import DeskApp
from desk.dialogs.book import BookDialog
from desk.dialogs.case_detail import CaseDetailDialog
from desk.dialogs.choose_department import ChooseDepartmentDialog
from desk.models import Appointment, Call, CaseEvent, FollowupEnrollment, Visit
from desk.screens.call_entry import CallEntryScreen
from desk.screens.queue import QueueScreen
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.visits import VisitCreate, create_visit
from tests.calls_helper import add_call, add_department, settle, shown
from tests.conftest import FROZEN_NOW


def add_visit(engine: Engine, staff: SignedIn, **changes: object) -> int:
    values: dict[str, object] = {
        "visitor_name": "周女士",
        "number": "13812345678",
        "matter": "来访投诉候诊时间太长",
        "received_at": FROZEN_NOW,
        "received_by_id": staff.id,
        "category": "complaint",
        "priority": 1,
    }
    values.update(changes)
    with session_scope(engine) as session:
        visit = create_visit(session, data=VisitCreate(**values), actor=staff)  # type: ignore[arg-type]
        assert visit.id is not None
        return visit.id


async def open_queue(app: DeskApp, pilot, staff: SignedIn) -> QueueScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(staff)
    await pilot.pause()
    await pilot.press("f8")
    await settle(app, pilot)
    assert isinstance(app.screen, QueueScreen)
    return app.screen


def rows(screen: QueueScreen) -> list[str]:
    table = screen.query_one("#queue", DataTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_the_queue_moves_a_visit_on_and_enrols_the_complaint_followup(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_department(sqlite_engine, "门诊部")
    add_call(sqlite_engine, recorder_id=admin.id, priority=4)
    visit_id = add_visit(sqlite_engine, admin)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_queue(app, pilot, admin)
        shown_rows = rows(screen)
        assert shown_rows[0].startswith("来访") and "周女士" in shown_rows[0]
        assert shown_rows[1].startswith("来电")
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, ChooseDepartmentDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("r", *"已协调加号", "enter")
        await settle(app, pilot)
        assert "已办结" in rows(screen)[0]
        await pilot.press("b", *"电话告知周女士", "enter")
        await settle(app, pilot)
        assert all("周女士" not in row for row in rows(screen))
    with Session(sqlite_engine) as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        assert (visit.status, visit.resolution, visit.outcome, visit.feedback) == (
            "fed_back",
            "已协调加号",
            "已协调加号",
            "电话告知周女士",
        )
        actions = session.exec(
            select(CaseEvent.action).where(
                CaseEvent.kind == "visit", CaseEvent.record_id == visit_id
            )
        )
        assert list(actions) == ["registered", "route", "resolve", "feed_back"]
        enrollment = session.exec(select(FollowupEnrollment)).one()
        assert enrollment.rule_name == "complaint_resolved" and enrollment.visit_id == visit_id


async def test_open_a_visit_shows_its_history(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_visit(sqlite_engine, admin)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_queue(app, pilot, admin)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        text = " ".join(shown(s) for s in app.screen.query("Static"))
        assert "周女士" in text and "候诊时间太长" in text


async def test_book_from_the_queue_links_the_call(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    call_id = add_call(sqlite_engine, recorder_id=admin.id, caller="赵敏")
    async with app.run_test(size=(140, 40)) as pilot:
        await open_queue(app, pilot, admin)
        await pilot.press("p")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, BookDialog)
        assert dialog.query_one("#person_name", Input).value == "赵敏"
        await pilot.press(*"体检", "tab", *"王主任", "tab")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    with Session(sqlite_engine) as session:
        booked = session.exec(select(Appointment)).one()
        assert booked.call_id == call_id and booked.expert == "王主任"


async def test_a_lead_call_enrols_the_phone_lead_rule(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(app, pilot)
        app.signed_in(admin)
        await settle(app, pilot)
        assert isinstance(app.screen, CallEntryScreen)
        app.screen.query_one("#org", Input).focus()
        await pilot.press(*"万科", "tab", *"钱先生", "tab", *"咨询二期开盘", "tab")
        await pilot.press(*"13912345678", "tab")
        await pilot.press("alt+l", "ctrl+s")
        await settle(app, pilot)
    with Session(sqlite_engine) as session:
        call = session.exec(select(Call)).one()
        assert call.is_sales_lead
        enrollment = session.exec(select(FollowupEnrollment)).one()
        assert enrollment.rule_name == "sales_lead_phone" and enrollment.call_id == call.id
