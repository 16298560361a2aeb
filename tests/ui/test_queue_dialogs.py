"""The queue's dialogs: the callback outcome, refused steps said, and a key bar in each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import DataTable, Static

from desk.app import DeskApp
from desk.dialogs.callback_done import CallbackDoneDialog
from desk.dialogs.case_detail import CaseDetailDialog
from desk.dialogs.choose_department import ChooseDepartmentDialog
from desk.dialogs.confirm import ConfirmArchiveDialog
from desk.dialogs.text_entry import TextEntryDialog
from desk.models import Call, Callback, CaseEvent, Role
from desk.screens.queue import QueueScreen
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from tests.calls_helper import add_call, add_department, settle, shown
from tests.ui.conftest import add_staff

NOW = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)


def bottom_line(app: DeskApp) -> str:
    """The last line of the terminal: the key bar."""
    return app.screen._compositor.render_strips()[-1].text.strip()


def toasts(app: DeskApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def _open_queue(app: DeskApp, pilot, staff: SignedIn) -> QueueScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(staff)
    await pilot.pause()
    await pilot.press("f8")
    await settle(app, pilot)
    assert isinstance(app.screen, QueueScreen)
    return app.screen


def _callback(engine: Engine, call_id: int) -> int:
    with session_scope(engine) as session:
        callback = Callback(call_id=call_id, due_at=NOW - timedelta(hours=1))
        session.add(callback)
        session.flush()
        assert callback.id is not None
        return callback.id


def _events(engine: Engine, call_id: int) -> list[tuple[str, str | None]]:
    with Session(engine) as session:
        query = select(CaseEvent).where(CaseEvent.record_id == call_id).order_by(CaseEvent.id)
        return [(e.action, e.note) for e in session.exec(query)]


async def test_callback_outcome_is_asked_kept_and_shown(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id, caller="李明")
    callback_id = _callback(sqlite_engine, call_id)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        await pilot.press("tab", "c")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, CallbackDoneDialog)
        assert "李明" in shown(dialog.query_one("#subject", Static))
        keys = bottom_line(app)
        assert "保存" in keys and "^s" in keys and "⏎" in keys and "取消" in keys, keys
        await pilot.press(*"无人接", "escape")  # Escape changes nothing
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.query_one("#callbacks", DataTable).row_count == 1
        assert _events(sqlite_engine, call_id) == []
        await pilot.press("c", *"已回电对方满意", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.query_one("#callbacks", DataTable).row_count == 0
        assert "已记录回电" in toasts(app)
        history = shown(screen.query_one("#history", Static))
        assert "已回电" in history and "已回电对方满意" in history, history
        await pilot.press("tab", "enter")  # the call's whole record shows it too
        await settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        assert "已回电对方满意" in shown(app.screen.query_one("#history", Static))
        assert "关闭" in bottom_line(app)
    with Session(sqlite_engine) as session:
        callback = session.get(Callback, callback_id)
        assert callback is not None and callback.done_at is not None
        assert callback.done_by_id == admin.id
    assert _events(sqlite_engine, call_id) == [("callback_done", "已回电对方满意")]


async def test_archive_too_early_says_why(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        await pilot.press("a")
        await settle(app, pilot)
        assert app.screen is screen
        assert f"第 {call_id} 号记录尚未办结，不能归档" in toasts(app)
        await pilot.press("b")
        await settle(app, pilot)
        assert app.screen is screen
        assert f"第 {call_id} 号记录尚未办结：请先办结" in toasts(app)
    with Session(sqlite_engine) as session:
        call = session.get(Call, call_id)
        assert call is not None and call.status == "registered" and call.archived_at is None


async def test_archive_needs_a_supervisor_and_says_so(app, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    clerk = add_staff(sqlite_engine, "刘芳", Role.RECEPTIONIST, "2222")
    call_id = add_call(sqlite_engine, recorder_id=clerk.id, status="resolved", resolution="已办")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, clerk)
        await pilot.press("a")
        await settle(app, pilot)
        assert app.screen is screen
        assert "只有主管或管理员才能归档" in toasts(app)
    with Session(sqlite_engine) as session:
        call = session.get(Call, call_id)
        assert call is not None and call.status == "resolved"


async def test_archive_of_a_resolved_call_still_works(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id, status="resolved", resolution="已办")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmArchiveDialog)
        await pilot.press("y")
        await settle(app, pilot)
        assert screen.query_one("#queue", DataTable).row_count == 0
    with Session(sqlite_engine) as session:
        call = session.get(Call, call_id)
        assert call is not None and call.status == "archived"


async def test_route_and_text_dialogs_show_their_keys(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    add_department(sqlite_engine, "内科")
    add_department(sqlite_engine, "外科")
    call_id = add_call(sqlite_engine, recorder_id=admin.id)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, ChooseDepartmentDialog)
        keys = bottom_line(app)
        assert "⏎ 选定" in keys and "esc 取消" in keys, keys
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.screen is screen
        for key, title in (("i", "领导批示"), ("r", "办结"), ("b", "反馈")):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, TextEntryDialog), key
            assert title in shown(app.screen.query_one("#title", Static))
            keys = bottom_line(app)
            assert "⏎/^s 保存" in keys and "esc 取消" in keys, keys
            await pilot.press(*"已处理", "ctrl+s")  # Ctrl+S saves as Enter does
            await settle(app, pilot)
            assert app.screen is screen, key
    with Session(sqlite_engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        assert (call.status, call.department_id, call.instruction) == ("fed_back", 2, "已处理")


async def test_ctrl_s_on_an_empty_required_text_shows_the_error(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    add_call(sqlite_engine, recorder_id=admin.id)
    async with app.run_test(size=(140, 40)) as pilot:
        await _open_queue(app, pilot, admin)
        await pilot.press("r", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TextEntryDialog)
        assert "输入" in shown(app.screen.query_one("#text-field .field-error", Static))
