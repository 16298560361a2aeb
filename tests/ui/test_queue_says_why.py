"""No queue key is silent: each says why it cannot act; archive and 'leadership told' ask first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlmodel import Session, select

from desk.app import DeskApp
from desk.dialogs.confirm import ConfirmArchiveDialog, ConfirmTellDialog
from desk.models import Call, CaseEvent
from desk.screens.queue import QueueScreen
from desk.session_info import SignedIn
from desk.store.steps import STEP_STATUSES, refusal
from tests.calls_helper import add_call, add_department, settle
from tests.ui.test_queue_dialogs import bottom_line


async def _open_queue(app: DeskApp, pilot, staff: SignedIn) -> QueueScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(staff)
    await pilot.pause()
    await pilot.press("f8")
    await settle(app, pilot)
    assert isinstance(app.screen, QueueScreen)
    return app.screen


async def _said(app: DeskApp, pilot, key: str) -> str:  # type: ignore[no-untyped-def]
    """Press a key on the queue; what its toast said (the screen must stay the queue)."""
    app.clear_notifications()
    screen = app.screen
    await pilot.press(key)
    await settle(app, pilot)
    assert app.screen is screen, f"{key} opened {app.screen!r}"
    said = " ".join(str(n.message) for n in app._notifications)
    assert said, f"{key} said nothing"
    return said


def _status(engine, call_id: int) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        return call.status, call.leadership_told_at


async def test_keys_on_a_resolved_call_say_why(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    add_department(sqlite_engine, "内科")
    call_id = add_call(
        sqlite_engine,
        recorder_id=admin.id,
        status="resolved",
        resolution="已答复",
        leadership_told_at=datetime(2026, 11, 24, 1, 1, tzinfo=UTC),
    )
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        assert f"第 {call_id} 号记录已办结，不能再转办" in await _said(app, pilot, "d")
        assert f"第 {call_id} 号记录已报告过领导" in await _said(app, pilot, "l")
        assert f"第 {call_id} 号记录已办结，不能再记录领导批示" in await _said(app, pilot, "i")
        assert f"第 {call_id} 号记录已办结" in await _said(app, pilot, "r")
        assert "没有待回电的记录" in await _said(app, pilot, "c")
        dim = {a: screen.key_dimmed(a) for a in ("route", "tell", "feedback", "archive")}
        assert dim == {"route": True, "tell": True, "feedback": False, "archive": False}
    assert _status(sqlite_engine, call_id)[0] == "resolved"


async def test_keys_on_an_empty_queue_say_so(app, admin) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(140, 40)) as pilot:
        await _open_queue(app, pilot, admin)
        for key in ("d", "l", "i", "r", "b", "a", "p"):
            assert "待办事项为空" in await _said(app, pilot, key)
        assert "没有待回电的记录" in await _said(app, pilot, "c")


async def test_archive_asks_first_and_escape_or_n_leaves_it(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id, status="resolved", resolution="已办")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        for no in ("escape", "n"):
            await pilot.press("a")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmArchiveDialog)
            assert f"归档记录 {call_id}？归档后不能再修改" in str(
                app.screen.query_one("#title").render()
            )
            assert "归档" in bottom_line(app) and "取消" in bottom_line(app)
            await pilot.press(no)
            await settle(app, pilot)
            assert app.screen is screen
            assert _status(sqlite_engine, call_id)[0] == "resolved"
        await pilot.press("a", "enter")
        await settle(app, pilot)
    assert _status(sqlite_engine, call_id)[0] == "archived"


async def test_leadership_told_asks_first(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id, category="directive")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmTellDialog)
        assert "不能撤回" in str(app.screen.query_one("#title").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and _status(sqlite_engine, call_id)[1] is None
        await pilot.press("l", "y")
        await settle(app, pilot)
        assert _status(sqlite_engine, call_id)[1] is not None
        assert f"第 {call_id} 号记录已报告过领导" in await _said(app, pilot, "l")
    with Session(sqlite_engine) as session:
        actions = session.exec(select(CaseEvent.action).where(CaseEvent.record_id == call_id))
        assert list(actions) == ["tell_leadership"]


def test_every_step_in_every_status_is_either_ready_or_explained() -> None:
    for step, statuses in STEP_STATUSES.items():
        for status in ("registered", "routed", "awaiting_instruction", "resolved", "fed_back"):
            reason = refusal(step, record_id=7, status=status)
            assert (reason is None) == (status in {s.value for s in statuses}), (step, status)
            assert reason is None or "第 7 号记录" in reason
        assert "已归档" in (refusal(step, record_id=7, status="archived") or "")


async def test_enter_on_an_empty_queue_says_so(app, admin) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(140, 40)) as pilot:
        await _open_queue(app, pilot, admin)
        assert "待办事项为空" in await _said(app, pilot, "enter")
        await pilot.press("tab")
        assert "没有待回电的记录" in await _said(app, pilot, "enter")


async def test_route_without_departments_says_so(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    add_call(sqlite_engine, recorder_id=admin.id)
    app.settings = replace(app.settings, departments=())  # none configured, none in the database
    async with app.run_test(size=(140, 40)) as pilot:
        await _open_queue(app, pilot, admin)
        assert "尚未设置可转办的科室" in await _said(app, pilot, "d")
