"""The time fields of both entry screens, checked by one piece (EntryForm.check_time)."""

from __future__ import annotations

from textual.widgets import Input

from desk.app import DeskApp
from desk.session_info import SignedIn
from tests.ui.test_call_entry import open_entry, settle
from tests.ui.test_visits import open_visits


async def test_call_time_takes_a_full_time_or_a_clock_time(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        time = form.query_one("#time", Input)
        for typed, shown in (
            ("2026-11-24 08:40", "2026-11-24 08:40"),
            ("09:05", "2026-11-24 09:05"),
        ):
            time.focus()
            time.value = typed
            form.query_one("#org", Input).focus()
            await settle(app, pilot)
            assert (time.value, form.row("time").error) == (shown, "")
        time.focus()
        time.value = "9点钟"
        form.query_one("#org", Input).focus()
        await settle(app, pilot)
        assert time.value == "9点钟" and form.row("time").error.startswith("时间请写成")
        for typed, said in (
            ("25:99", "没有这个时刻：25:99。"),
            ("2026-02-30 10:00", "没有这一天：2026-02-30。"),
        ):
            time.focus()
            time.value = typed
            form.query_one("#org", Input).focus()
            await settle(app, pilot)
            assert (time.value, form.row("time").error) == (typed, said)


async def test_visit_fed_back_time_may_stay_empty(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        fed_back = form.query_one("#fed-back", Input)
        for typed, shown, wrong in (("", "", False), ("9:05", "2026-11-24 09:05", False)):
            fed_back.focus()
            fed_back.value = typed
            form.query_one("#outcome", Input).focus()
            await settle(app, pilot)
            assert (fed_back.value, bool(form.row("fed-back").error)) == (shown, wrong)
        fed_back.focus()
        fed_back.value = "明天"
        form.query_one("#outcome", Input).focus()
        await settle(app, pilot)
        assert fed_back.value == "明天" and form.row("fed-back").error
        form.query_one("#time", Input).value = ""
        form.query_one("#time", Input).focus()
        form.query_one("#name", Input).focus()
        await settle(app, pilot)
        assert form.row("time").error  # the time of the visit itself may not stay empty
