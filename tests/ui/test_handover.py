"""The handover screen (F7): the day's figures and the open matters, loaded in a worker."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.widgets import DataTable, Static

from desk.app import DeskApp
from desk.models import Role
from desk.screens.handover import HandoverScreen
from desk.session_info import SignedIn
from tests.store.sample_records import fill_sample


async def test_f7_shows_the_handover_sheet(app: DeskApp, sqlite_engine: Engine) -> None:
    ids = fill_sample(sqlite_engine)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        app.signed_in(SignedIn(id=ids["staff"], name="王丽", role=Role.RECEPTIONIST))
        await pilot.pause()
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        table = app.screen.query_one("#items", DataTable)
        assert table.row_count == 5
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "回电"
        call = [str(cell) for cell in table.get_row_at(1)]
        assert call[3:5] == ["急", '=HYPERLINK("x") 张三']
        opened = str(app.screen.query_one("#open", Static).render())
        assert "来电 2" in opened and "到期回访 1" in opened
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 5


async def test_typed_text_is_shown_as_text(app: DeskApp, sqlite_engine: Engine) -> None:
    from desk.models import Call, Staff, utcnow
    from desk.store.engine import session_scope

    with session_scope(sqlite_engine) as session:
        staff = Staff(name="王丽", role="admin")
        session.add(staff)
        session.flush()
        session.add(
            Call(
                received_at=utcnow(),
                org="[b]粗体[/b]",
                caller="[/]",
                content="[@click=app.quit]点我\x1b[31m红",
                recorder_id=staff.id,
            )
        )
        staff_id = staff.id
    async with app.run_test(size=(160, 36)) as pilot:
        await app.workers.wait_for_complete()
        app.signed_in(SignedIn(id=staff_id, name="王丽", role=Role.RECEPTIONIST))
        await pilot.pause()
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = [str(cell) for cell in app.screen.query_one("#items", DataTable).get_row_at(0)]
        assert row[4] == "[b]粗体[/b] [/]"
        assert row[5].startswith("[@click=app.quit]点我")
        assert "\x1b" not in row[5]
        assert app.is_running
