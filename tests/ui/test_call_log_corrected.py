"""F3 marks an archived call that a correction replaced: 已更正, in the list and its detail."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.widgets import Static

from desk.app import DeskApp
from desk.dialogs.case_detail import CaseDetailDialog
from desk.session_info import SignedIn
from desk.store import workflow
from desk.store.engine import session_scope
from desk.widgets.call_log_view import CallLogView
from tests.calls_helper import add_call, settle, shown


async def test_the_corrected_call_says_so_in_the_list_and_its_detail(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    old = add_call(sqlite_engine, recorder_id=admin.id, status="archived", content="咨询门诊")
    with session_scope(sqlite_engine) as session:
        workflow.correct(
            session, kind="call", record_id=old, changes={"content": "咨询专家门诊"}, actor=admin
        )
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot, 1)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("enter")  # from the search box to the list
        await settle(app, pilot)
        view = app.screen.query_one(CallLogView)
        assert view.row_count == 2
        lines = {}
        for index in range(2):
            row = view.row(index)
            assert row is not None
            lines[row.id] = view.line_content(row, 120).plain
        correction = next(i for i in lines if i != old)
        assert "已更正 咨询门诊" in lines[old]
        assert "已更正" not in lines[correction]
        view.cursor = next(i for i in range(2) if (r := view.row(i)) and r.id == old)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CaseDetailDialog)
        fields = shown(app.screen.query_one("#fields", Static))
        assert "已归档 · 已更正" in fields
        assert f"#{correction}" in fields
