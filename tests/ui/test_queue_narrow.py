"""The work queue at 80×24, the smallest terminal desk supports: each row says who and what."""

from __future__ import annotations

from rich.text import Text
from sqlalchemy import Engine
from textual.widgets import DataTable, Static

from desk.app import DeskApp
from desk.screens.queue import QueueScreen
from desk.session_info import SignedIn
from desk.widgets.queue_tables import LEAST_WIDTH, _cut, share
from tests.calls_helper import add_call, add_department, settle, shown

LONG = "要求院长亲自接听并答复住院部三楼病房空调长期不制冷的问题，已经反映过三次"


def test_share_gives_what_a_short_column_leaves_to_the_others() -> None:
    assert share(50, [10, 80], [2, 3]) == [10, 40]
    assert share(50, [40, 80], [2, 3]) == [20, 30]
    assert share(50, [10, 20], [2, 3]) == [10, 20]
    assert share(-5, [10, 20], [2, 3]) == [LEAST_WIDTH, LEAST_WIDTH]


def test_cut_ends_in_an_ellipsis_right_after_the_last_character() -> None:
    assert _cut(Text("兰州市第一人民医院"), 8).plain == "兰州市…"
    assert _cut(Text("兰州市第一人民医院"), 9).plain == "兰州市第…"
    assert _cut(Text("赵敏"), 4).plain == "赵敏"


async def _queue(app: DeskApp, pilot, admin: SignedIn) -> QueueScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press("f8")
    await settle(app, pilot)
    assert isinstance(app.screen, QueueScreen)
    return app.screen


def _rows(screen: QueueScreen) -> list[list[str]]:
    table = screen.query_one("#queue", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def _fill(engine: Engine, admin: SignedIn) -> None:
    department = add_department(engine, "后勤保障部")
    add_call(
        engine,
        recorder_id=admin.id,
        org="兰州市第一人民医院",
        caller="赵敏",
        content=LONG,
        category="involves_leader",
        priority=1,
        department_id=department,
    )
    add_call(engine, recorder_id=admin.id, org="第一医院", caller="张三", minutes=-3000)


async def test_at_80_columns_each_row_shows_the_caller_and_the_content(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    _fill(sqlite_engine, admin)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _queue(app, pilot, admin)
        table = screen.query_one("#queue", DataTable)
        assert not screen.query_one("#history-box").display  # the queue takes the width
        row = " ".join(_rows(screen)[0])
        assert "赵敏" in row and "要求院长" in row and "急" in row and "批" in row
        assert "张三" in " ".join(_rows(screen)[1])
        widths = sum(column.get_render_width(table) for column in table.columns.values())
        assert widths <= table.scrollable_content_region.width  # nothing hides to the right
        detail = shown(screen.query_one("#detail", Static))
        assert LONG in detail.replace("\n", "") and "兰州市第一人民医院" in detail
        assert "后勤保障部" in detail and "待批示" in detail
        await pilot.press("down")
        await pilot.pause()
        assert "张三" in shown(screen.query_one("#detail", Static))


async def test_when_wide_the_history_and_the_department_are_shown_too(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    _fill(sqlite_engine, admin)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _queue(app, pilot, admin)
        assert screen.query_one("#history-box").display
        row = " ".join(_rows(screen)[0])
        assert "赵敏 · 兰州市第一人" in row and "要求院长亲自接听" in row and "后勤保障部" in row
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert not screen.query_one("#history-box").display
        assert "后勤保障部" not in " ".join(_rows(screen)[0])
