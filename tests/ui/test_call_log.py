"""The call log: scrolling, search, filters, Enter opens a call, other desks' calls appear."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from textual.widgets import Input, Static

from desk.app import DeskApp
from desk.dialogs.case_detail import CaseDetailDialog
from desk.screens.call_log import CallLogScreen
from desk.session_info import SignedIn
from desk.store.demo import fill_demo
from desk.widgets.call_log_view import CallLogView
from tests.calls_helper import add_call, settle, shown


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(app, pilot)


async def _open_log(app: DeskApp, pilot, admin: SignedIn) -> CallLogScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press("f3")
    await _settle(app, pilot)
    assert isinstance(app.screen, CallLogScreen)
    assert app.focused is app.screen.query_one("#search")
    await pilot.press("enter")  # to the list, one key away
    await _settle(app, pilot)
    assert app.focused is app.screen.query_one(CallLogView)
    return app.screen


def _view(app: DeskApp) -> CallLogView:
    return app.screen.query_one(CallLogView)


def _line(view: CallLogView, index: int) -> str:
    found = view.row(index)
    assert found is not None
    return view.line_content(found, 200).plain


async def test_scroll_a_long_log(app: DeskApp, admin: SignedIn, sqlite_engine: Engine) -> None:
    fill_demo(sqlite_engine, calls=1000, orgs=50, now=datetime(2026, 11, 24, tzinfo=UTC))
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        view = _view(app)
        assert view.row_count == 1000
        assert "1,000" in shown(app.screen.query_one("#hint", Static))
        first = view.row(0)
        assert first is not None and first.id == 1000
        await pilot.press("pagedown", "pagedown", "down")
        await _settle(app, pilot)
        assert view.cursor > 30 and view.scroll_offset.y > 0
        await pilot.press("end")
        await _settle(app, pilot)
        assert view.cursor == 999
        last = view.row(999)
        assert last is not None and last.id == 1
        await pilot.press("home")
        await _settle(app, pilot)
        assert view.cursor == 0 and view.scroll_offset.y == 0


async def test_search_and_filters(app: DeskApp, admin: SignedIn, sqlite_engine: Engine) -> None:
    add_call(sqlite_engine, recorder_id=admin.id, org="兰州市第一医院", caller="赵敏")
    add_call(sqlite_engine, recorder_id=admin.id, org="北京协和医院", priority=1, minutes=1)
    add_call(sqlite_engine, recorder_id=admin.id, org="天天便利店", number_raw="0931-8942000")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await _open_log(app, pilot, admin)
        view = _view(app)
        assert view.row_count == 3
        await pilot.press("ctrl+f", *"医院", "enter")
        await _settle(app, pilot)
        assert view.row_count == 2
        await pilot.press("ctrl+f", "ctrl+u", *"lzs", "enter")
        await _settle(app, pilot)
        assert view.row_count == 1 and "兰州市第一医院" in _line(view, 0)
        await pilot.press("ctrl+f", "ctrl+u", *"8942", "enter")
        await _settle(app, pilot)
        assert view.row_count == 1 and "天天便利店" in _line(view, 0)
        await pilot.press("ctrl+f", "ctrl+u", "兰", "enter")
        await _settle(app, pilot)
        assert "2" in shown(screen.query_one("#hint", Static))
        await pilot.press("ctrl+r")
        await _settle(app, pilot)
        assert view.row_count == 3
        screen.query_one("#priority").value = 1  # type: ignore[attr-defined]
        await _settle(app, pilot)
        assert view.row_count == 1 and "北京协和医院" in _line(view, 0)
        await pilot.press("ctrl+r")
        screen.query_one("#from", Input).value = "2026-11-25"
        await pilot.press("ctrl+f", "enter")
        await _settle(app, pilot)
        assert view.row_count == 0
        screen.query_one("#from", Input).value = "11月"
        await pilot.press("ctrl+f", "enter")
        await _settle(app, pilot)
        assert "2026-11-24" in shown(screen.query_one("#hint", Static))
        screen.query_one("#from", Input).value = "2026-02-30"
        await pilot.press("ctrl+f", "enter")
        await _settle(app, pilot)
        assert "没有这一天：2026-02-30" in shown(screen.query_one("#hint", Static))


async def test_enter_opens_the_call(app: DeskApp, admin: SignedIn, sqlite_engine: Engine) -> None:
    call_id = add_call(sqlite_engine, recorder_id=admin.id, content="第一行\n第二行")
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        assert app.screen.detail.id == call_id
        fields = shown(app.screen.query_one("#fields", Static))
        assert "第一行" in fields and "第二行" in fields


async def test_untrusted_text_is_shown_literally(app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
    add_call(
        sqlite_engine,
        recorder_id=admin.id,
        org="[b]x[/b]",
        caller="[@click=app.quit]x[/]",
        content="\x1b[2J清屏",
    )
    async with app.run_test(size=(160, 30)) as pilot:
        await _open_log(app, pilot, admin)
        line = _line(_view(app), 0)
        assert "[b]x[/b]" in line and "[@click…" in line  # cut with an ellipsis
        assert "\x1b" not in line and "␛[2J清屏" in line
        await pilot.click(CallLogView, offset=(40, 0))
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.is_running and isinstance(app.screen, CaseDetailDialog)
        fields = shown(app.screen.query_one("#fields", Static))
        assert "[@click=app.quit]x[/]" in fields and "␛[2J清屏" in fields


async def test_a_bidi_override_in_a_caller_name_is_shown_as_a_marker(  # type: ignore[no-untyped-def]
    app, admin, sqlite_engine
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id, caller="张三\u202e8765", number_raw="138\u202e")
    async with app.run_test(size=(160, 30)) as pilot:
        await _open_log(app, pilot, admin)
        line = _line(_view(app), 0)
        assert "\u202e" not in line
        assert "张三⟨U+…" in line and "138⟨U+202E⟩" in line  # the caller column is narrow
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        fields = shown(app.screen.query_one("#fields", Static))
        assert "\u202e" not in fields and "张三⟨U+202E⟩8765" in fields


async def test_a_call_from_another_process_shows_within_two_seconds(
    app, admin, sqlite_engine, sqlite_url
) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    add_call(sqlite_engine, recorder_id=admin.id, caller="本台")
    script = (
        "import sys; sys.path.insert(0, 'TESTS');"
        "from calls_helper import add_call; from desk.store.engine import make_engine;"
        f"add_call(make_engine({sqlite_url!r}), recorder_id={admin.id}, caller='另一台')"
    )
    from pathlib import Path

    script = script.replace("TESTS", str(Path(__file__).resolve().parents[1]))
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        view = _view(app)
        assert view.row_count == 1
        subprocess.run([sys.executable, "-c", script], check=True)
        for _ in range(40):
            await pilot.pause(0.05)
            if view.row_count == 2 and view.row(0) is not None:
                break
        else:
            raise AssertionError("the other desk's call did not show")
        assert "另一台" in _line(view, 0)


async def test_e_puts_a_call_right_and_corrects_an_archived_one(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from sqlmodel import Session, select
    from textual.widgets import Input

    from desk.dialogs.amend import AmendDialog
    from desk.models import Call

    archived = add_call(sqlite_engine, recorder_id=admin.id, caller="李四", status="archived")
    open_id = add_call(sqlite_engine, recorder_id=admin.id, minutes=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        await pilot.press("e")  # the newest call, still being worked
        await _settle(app, pilot)
        assert isinstance(app.screen, AmendDialog)
        assert "修改第" in shown(app.screen.query_one("#title"))
        caller = app.screen.query_one("#caller", Input)
        caller.value = ""
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert isinstance(app.screen, AmendDialog)  # refused at the field, nothing lost
        caller.focus()
        await pilot.press(*"张珊", "ctrl+s")
        await _settle(app, pilot)
        assert isinstance(app.screen, CallLogScreen)
        assert any(f"已修改第 {open_id} 号来电" in str(n.message) for n in app._notifications)
        await pilot.press("down", "e")  # the archived one
        await _settle(app, pilot)
        assert "更正第" in shown(app.screen.query_one("#title"))
        app.screen.query_one("#org", Input).value = "第二医院"
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        assert isinstance(app.screen, CallLogScreen)
        assert _view(app).row_count == 3
    with Session(sqlite_engine) as session:
        calls = {c.id: c for c in session.exec(select(Call))}
    assert calls[open_id].caller == "张珊"
    assert calls[archived].org == "第一医院"
    correction = next(c for c in calls.values() if c.corrects_id == archived)
    assert (correction.org, correction.caller) == ("第二医院", "李四")


async def test_enter_in_the_search_box_moves_to_the_first_call_found(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from desk.widgets.key_bar import KeyBar

    first = add_call(sqlite_engine, recorder_id=admin.id, org="兰州市第一医院")
    add_call(sqlite_engine, recorder_id=admin.id, org="北京协和医院", minutes=1)
    add_call(sqlite_engine, recorder_id=admin.id, org="天天便利店", minutes=2)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        view = _view(app)
        await pilot.press("down", "ctrl+f", "兰", "enter")  # too short: stay and type on
        await _settle(app, pilot)
        assert app.focused is app.screen.query_one("#search", Input)
        await pilot.press("ctrl+u", *"医院")
        await _settle(app, pilot)
        assert app.focused is app.screen.query_one("#search", Input)
        assert "⏎ 转到结果" in app.screen.query_one(KeyBar).render().plain
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.focused is view and view.cursor == 0 and view.row_count == 2
        await pilot.press("down", "enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog) and app.screen.detail.id == first


async def test_ctrl_q_quits_from_a_dialog(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_search_by_a_whole_number_with_country_code_or_extension(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id, org="兰州市第一医院", number_raw="138 1234 5678")
    add_call(
        sqlite_engine,
        recorder_id=admin.id,
        org="天天便利店",
        number_raw="0931-8942000 转123",
        number_e164="+869318942000",
        number_ext="123",
        minutes=1,
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        view = _view(app)
        found = (("+8613812345678", "兰州市第一医院"), ("0931-8942000转123", "天天便利店"))
        for typed, org in found:
            await pilot.press("ctrl+f", "ctrl+u", *typed, "enter")
            await _settle(app, pilot)
            assert view.row_count == 1 and org in _line(view, 0)
