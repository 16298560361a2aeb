"""The work queue: each workflow key, flags, history, callbacks, and other desks' calls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import DataTable, Static

from desk.app import DeskApp
from desk.dialogs.case_detail import CaseDetailDialog
from desk.dialogs.choose_department import ChooseDepartmentDialog
from desk.dialogs.confirm import ConfirmTellDialog
from desk.dialogs.text_entry import TextEntryDialog
from desk.models import Call, Callback, CaseEvent
from desk.screens.queue import QueueScreen
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from tests.calls_helper import add_call, add_department, settle, shown


async def _open_queue(app: DeskApp, pilot, admin: SignedIn) -> QueueScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press("f8")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, QueueScreen)
    return app.screen


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(app, pilot)


def _detail(screen: QueueScreen) -> str:
    return shown(screen.query_one("#detail", Static))


def _row_text(screen: QueueScreen, table: str = "#queue") -> list[str]:
    data = screen.query_one(table, DataTable)
    return [" ".join(str(c) for c in data.get_row_at(i)) for i in range(data.row_count)]


async def test_each_key_moves_the_call_on(app: DeskApp, admin: SignedIn, sqlite_engine: Engine):
    add_department(sqlite_engine, "内科")
    add_department(sqlite_engine, "外科")
    call_id = add_call(sqlite_engine, recorder_id=admin.id, category="involves_leader")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        assert "批" in _row_text(screen)[0] and "待批示" in _detail(screen)
        await pilot.press("d")
        await _settle(app, pilot)
        assert isinstance(app.screen, ChooseDepartmentDialog)
        await pilot.press("down", "enter")
        await _settle(app, pilot)
        assert "等待批示" in _row_text(screen)[0]
        await pilot.press("r")  # no result to type before the leader's instruction
        await pilot.pause()
        assert app.screen is screen
        assert any("须先记录领导批示" in str(n.message) for n in app._notifications)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, TextEntryDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert "输入" in shown(app.screen.query_one("#text-field .field-error", Static))
        await pilot.press(*"同意处理")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert "等待批示" not in _row_text(screen)[0]  # instructed: back with its department
        await pilot.press("r", *"已回复", "enter")
        await _settle(app, pilot)
        assert "已办结" in _row_text(screen)[0]
        await pilot.press("b", *"已告知", "enter")
        await _settle(app, pilot)
        assert screen.query_one("#queue", DataTable).row_count == 0
    with Session(sqlite_engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        assert (call.status, call.instruction, call.resolution) == (
            "fed_back",
            "同意处理",
            "已回复",
        )
        assert call.department_id == 2
        actions = session.exec(select(CaseEvent.action).where(CaseEvent.record_id == call_id))
        assert list(actions) == ["route", "instruction", "resolve", "feed_back"]


async def test_history_beside_and_detail_on_enter(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id, category="directive", priority=1)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        assert "报" in _row_text(screen)[0] and "未报领导" in _detail(screen)
        await pilot.press("l")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConfirmTellDialog)  # kept for good: asked first
        await pilot.press("enter")
        await _settle(app, pilot)
        assert "报" not in _row_text(screen)[0] and "未报领导" not in _detail(screen)
        history = shown(screen.query_one("#history", Static))
        assert "已报告领导" in history and "王丽" in history
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        assert app.screen.detail.id == call_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_store_errors_show_in_a_dialog(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(sqlite_engine, recorder_id=admin.id)
    async with app.run_test(size=(140, 40)) as pilot:
        await _open_queue(app, pilot, admin)
        with session_scope(sqlite_engine) as session:  # another desk, meanwhile
            call = session.get(Call, call_id)
            assert call is not None
            call.category = "involves_leader"
        await pilot.press("r", *"先办了", "enter")
        await _settle(app, pilot)
        assert "批示" in shown(app.screen.query_one("#message", Static))


async def test_callback_done_asks_the_outcome(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    late = add_call(sqlite_engine, recorder_id=admin.id, caller="迟到")
    later = add_call(sqlite_engine, recorder_id=admin.id, caller="未到")
    now = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)
    with session_scope(sqlite_engine) as session:
        session.add(Callback(call_id=late, due_at=now - timedelta(hours=1)))
        session.add(Callback(call_id=later, due_at=now + timedelta(hours=2)))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        rows = _row_text(screen, "#callbacks")
        assert "已逾期" in rows[0] and "迟到" in rows[0] and "已逾期" not in rows[1]
        await pilot.press("tab", "c")
        await _settle(app, pilot)
        assert isinstance(app.screen, TextEntryDialog)
        await pilot.press("enter")  # the outcome may be left out
        await _settle(app, pilot)
        assert len(_row_text(screen, "#callbacks")) == 1
    with Session(sqlite_engine) as session:
        done = session.exec(select(Callback).where(Callback.call_id == late)).one()
        assert done.done_at is not None and done.done_by_id == admin.id


async def test_untrusted_text_is_shown_literally(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    add_call(
        sqlite_engine,
        recorder_id=admin.id,
        org="[b]x[/b]",
        caller="[@click=app.quit]x[/]",
        content="\x1b[2J清屏",
    )
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        row = _row_text(screen)[0]
        assert "[b]x[/b]" in row and "[@click=app.quit]x[/]" in row
        assert "\x1b" not in row and "␛[2J清屏" in row
        await pilot.press("enter")
        await _settle(app, pilot)
        fields = shown(app.screen.query_one("#fields", Static))
        assert "[@click=app.quit]x[/]" in fields and "\x1b" not in fields
        assert app.is_running


async def test_a_call_from_another_desk_shows_within_two_seconds(
    app, admin, sqlite_engine, sqlite_url
) -> None:  # type: ignore[no-untyped-def]
    from desk.store.engine import make_engine

    other_desk = make_engine(sqlite_url)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        assert screen.query_one("#queue", DataTable).row_count == 0
        add_call(other_desk, recorder_id=admin.id, caller="隔壁台")
        for _ in range(40):
            await pilot.pause(0.05)
            if _row_text(screen):
                break
        else:
            raise AssertionError("the other desk's call did not show")
        assert "隔壁台" in _row_text(screen)[0]
    other_desk.dispose()


def _panel_lines(widget: Static) -> list[str]:
    """The lines a widget draws on the screen, as plain text."""
    from textual.geometry import Region

    region = Region(0, 0, widget.size.width, widget.size.height)
    return ["".join(s.text for s in strip).rstrip() for strip in widget.render_lines(region)]


@pytest.mark.parametrize("width", [100, 130, 160])
async def test_history_shows_each_status_change_and_a_readable_note(
    app, admin, sqlite_engine, width
):  # type: ignore[no-untyped-def]
    """At 100–160 columns the pane shows before → after and the note on whole lines."""
    from desk.store import workflow

    department = add_department(sqlite_engine, "医务科")
    call_id = add_call(sqlite_engine, recorder_id=admin.id, category="involves_leader")
    with session_scope(sqlite_engine) as session:
        session.add(
            CaseEvent(kind="call", record_id=call_id, action="registered", to_status="registered")
        )
        workflow.route(
            session, kind="call", record_id=call_id, department_id=department, actor=admin
        )
        workflow.record_instruction(
            session,
            kind="call",
            record_id=call_id,
            instruction="院长批示：请医务科处理",
            actor=admin,
        )
    async with app.run_test(size=(width, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        await _settle(app, pilot)
        lines = _panel_lines(screen.query_one("#history", Static))
        text = "\n".join(lines)
        assert "已登记 → 已登记" not in text and "等待批示 → 等待批示" not in text, text
        assert any("已登记 → 等待批示" in line for line in lines), text
        assert any("院长批示：请医务科处理" in line for line in lines), text
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        detail = shown(app.screen.query_one("#history", Static))
        assert "已登记 → 等待批示" in detail and "已登记 → 已登记" not in detail


async def test_waiting_times_move_with_the_clock(  # type: ignore[no-untyped-def]
    app: DeskApp, admin: SignedIn, sqlite_engine, monkeypatch: pytest.MonkeyPatch
):
    import desk.screens.queue as queue_screen
    from tests.ui.conftest import wait_until

    monkeypatch.setattr(queue_screen, "WAIT_REFRESH_S", 0.2)  # the screen's timer, made quick
    add_call(sqlite_engine, recorder_id=admin.id)  # received 09:00, the clock says 09:05
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        assert "5 分钟" in _row_text(screen)[0]
        now = app.now()
        app.clock = lambda: now + timedelta(minutes=30)
        await wait_until(pilot, lambda: "35 分钟" in _row_text(screen)[0])
        assert "35 分钟" in _row_text(screen)[0]
