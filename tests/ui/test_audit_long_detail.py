"""F10: a long detail is cut to the width there is, whole on Enter; a resize refits it."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.widgets import DataTable, Static
from textual.worker import WorkerCancelled

from desk.app import DeskApp
from desk.dialogs.audit_event import AuditEventDialog
from desk.models import Role
from desk.screens.audit import AuditScreen
from desk.store.audit import record_audit
from desk.store.engine import session_scope
from tests.calls_helper import shown
from tests.ui.conftest import add_staff

LONG = "导出来电记录：" + "兰州市第一人民医院骨科专家门诊咨询" * 12 + "——完"


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
    await pilot.pause()


def _fits(table: DataTable) -> None:  # type: ignore[type-arg]
    assert table.max_scroll_x == 0
    assert table.virtual_size.width <= table.scrollable_content_region.width


def _detail(table: DataTable) -> str:  # type: ignore[type-arg]
    return table.get_row_at(0)[5].plain


async def test_a_long_detail_fits_the_width_and_shows_whole_on_enter(
    app: DeskApp, sqlite_engine: Engine
) -> None:
    boss = add_staff(sqlite_engine, "赵强", Role.SUPERVISOR)
    with session_scope(sqlite_engine) as session:
        record_audit(session, action="call_add", staff=None, detail="短")
        record_audit(session, action="export", staff=None, detail=LONG)
    async with app.run_test(size=(110, 30)) as pilot:
        await _settle(app, pilot)
        app.signed_in(boss)
        await pilot.press("f10")
        await _settle(app, pilot)
        assert isinstance(app.screen, AuditScreen)
        table = app.screen.query_one("#events", DataTable)
        _fits(table)
        wide = _detail(table)
        assert wide.startswith("导出来电记录：") and wide.endswith("…")
        assert table.get_row_at(1)[5].plain == "短"
        await pilot.resize_terminal(70, 30)
        await _settle(app, pilot)
        _fits(table)
        narrow = _detail(table)
        assert narrow.endswith("…") and len(narrow) < len(wide)
        await pilot.resize_terminal(160, 30)
        await _settle(app, pilot)
        _fits(table)
        assert len(_detail(table)) > len(wide)
        await pilot.press("enter")  # from the Who box to the list
        await _settle(app, pilot)
        assert app.focused is table
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, AuditEventDialog)
        fields = shown(app.screen.query_one("#fields", Static))
        assert "".join(fields.split()).count("兰州市第一人民医院骨科专家门诊咨询") == 12
        assert "——完" in fields and "导出" in fields
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, AuditScreen)
