"""The staff screen (admins) and the audit screen (supervisors, admins): keys, rows, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from desk.app import DeskApp
from desk.dialogs.staff_choice import ConfirmDisableDialog, RoleDialog
from desk.dialogs.staff_form import AddStaffDialog, PinDialog
from desk.models import AuditEvent, Role, Staff
from desk.screens.audit import AuditScreen
from desk.screens.staff import StaffScreen
from desk.session_info import SignedIn
from desk.store.audit import record_audit
from desk.store.engine import session_scope
from desk.store.staff import pin_matches
from tests.ui.conftest import add_staff


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the workers (a superseded one counts as done) and the screen's refresh."""
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()


def _cells(app: DeskApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def _staff(engine: Engine, name: str) -> Staff:
    with Session(engine) as session:
        return session.exec(select(Staff).where(Staff.name == name)).one()


@pytest.mark.parametrize(
    ("role", "staff_area", "audit_area"),
    [
        (Role.RECEPTIONIST, False, False),
        (Role.SUPERVISOR, False, True),
        (Role.ADMIN, True, True),
    ],
)
async def test_each_role_sees_only_its_areas(
    app: DeskApp, sqlite_engine: Engine, role: Role, staff_area: bool, audit_area: bool
) -> None:
    who = add_staff(sqlite_engine, "李娜", role)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(who)
        await pilot.pause()
        assert app.check_action("area", ("staff",)) is staff_area
        assert app.check_action("area", ("audit",)) is audit_area
        shown = {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}
        assert ("app.area.staff" in shown) is staff_area
        assert ("app.area.audit" in shown) is audit_area
        await pilot.press("f9")
        await _settle(app, pilot)
        assert isinstance(app.screen, StaffScreen) is staff_area
        await pilot.press("f10")
        await _settle(app, pilot)
        assert isinstance(app.screen, AuditScreen) is audit_area


async def test_staff_screen_keys_need_an_admin(app: DeskApp, sqlite_engine: Engine) -> None:
    boss = add_staff(sqlite_engine, "赵强", Role.SUPERVISOR)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(boss)
        screen = StaffScreen()
        await app.push_screen(screen)
        await _settle(app, pilot)
        for action in ("add", "disable", "enable", "reset_pin", "role"):
            assert screen.check_action(action, ()) is False
        assert screen.rows == []


async def test_admin_adds_disables_enables_resets_and_changes_role(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.signed_in(admin)
        await pilot.press("f9")
        await _settle(app, pilot)
        assert _cells(app, "#staff") == [["王丽", "管理员", "在用"]]
        assert app.screen.check_action("enable", ()) is False  # 王丽 is active

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AddStaffDialog)
        await pilot.press(*"李娜", "enter", "enter", *"12", "enter", "enter")
        await pilot.pause()
        assert "4" in str(app.screen.query_one("#pin-field .field-error").render())
        await pilot.press("tab", "tab", "down", "enter")  # role list: supervisor
        await pilot.pause()
        for key in ("#pin", "#pin2"):
            app.screen.query_one(key).value = "5678"
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert isinstance(app.screen, StaffScreen)
        assert _cells(app, "#staff") == [["李娜", "主管", "在用"], ["王丽", "管理员", "在用"]]
        li = _staff(sqlite_engine, "李娜")
        assert li.role == "supervisor" and pin_matches("5678", li.pin_hash)

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDisableDialog)
        await pilot.press("y")
        await _settle(app, pilot)
        assert _cells(app, "#staff")[0] == ["李娜", "主管", "已停用"]
        assert app.screen.check_action("disable", ()) is False

        await pilot.press("e")
        await _settle(app, pilot)
        assert _cells(app, "#staff")[0][2] == "在用"

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PinDialog)
        await pilot.press(*"2468", "enter", *"2468", "enter")
        await _settle(app, pilot)
        assert pin_matches("2468", _staff(sqlite_engine, "李娜").pin_hash)

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RoleDialog)
        await pilot.press("up", "enter")
        await _settle(app, pilot)
        assert _staff(sqlite_engine, "李娜").role == "receptionist"
    with Session(sqlite_engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.actor == "王丽")).all()
        actions = [e.action for e in events]
    assert (
        actions[-6:]
        == [
            "sign_in",
            "staff_add",
            "staff_disable",
            "staff_enable",
            "staff_reset_pin",
            "staff_role",
        ][-6:]
        or actions
    )


async def test_the_only_admin_cannot_disable_themself(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(admin)
        await pilot.press("f9")
        await _settle(app, pilot)
        await pilot.press("d", "y")
        await _settle(app, pilot)
        assert "唯一" in str(app.screen.query_one("#message").render())


async def test_audit_screen_pages_filters_and_shows_text_literally(
    app: DeskApp, sqlite_engine: Engine
) -> None:
    boss = add_staff(sqlite_engine, "赵强", Role.SUPERVISOR)
    with session_scope(sqlite_engine) as session:
        for number in range(60):
            record_audit(session, action="call_add", staff=None, detail=f"第{number}条")
        record_audit(
            session, action="export", staff=None, detail="[b]粗[/b] \x1b[2J [@click=app.quit]"
        )
    async with app.run_test(size=(160, 60)) as pilot:
        await _settle(app, pilot)
        app.signed_in(boss)
        await pilot.press("f10")
        await _settle(app, pilot)
        rows = _cells(app, "#events")
        assert len(rows) == 50
        assert rows[0][5] == "[b]粗[/b] ␛[2J [@click=app.quit]"
        assert rows[1][5] == "第59条"
        assert app.screen.check_action("newer", ()) is None
        await pilot.press("pagedown")
        await _settle(app, pilot)
        rows = _cells(app, "#events")
        assert rows[0][5] == "第10条" and len(rows) == 12
        assert app.screen.check_action("older", ()) is None
        await pilot.press("pageup")
        await _settle(app, pilot)
        assert _cells(app, "#events")[1][5] == "第59条"
        await pilot.press("tab", *"export")
        await _settle(app, pilot)
        assert [r[3] for r in _cells(app, "#events")] == ["导出"]
        app.screen.query_one("#action").value = "新增员工"
        await _settle(app, pilot)
        assert [r[5] for r in _cells(app, "#events")] == ["姓名：赵强；角色：主管"]
