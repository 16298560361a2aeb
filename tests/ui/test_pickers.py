"""The form's pick lists (desk.widgets.picker), driven by keys in the call entry: open, move,
type to jump (Chinese or pinyin initials), pick, close; the choice is saved with the call."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import select

from desk.app import DeskApp
from desk.models import Call, Department
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.widgets.key_bar import KeyBar
from desk.widgets.picker import Picker, PickList


async def open_entry(app: DeskApp, admin: SignedIn, pilot) -> None:  # type: ignore[no-untyped-def]
    app.signed_in(admin)
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(app: DeskApp, picker_id: str) -> str:
    """The line a pick list shows."""
    return str(app.screen.query_one(f"#{picker_id}", Picker).render())


async def test_a_department_is_picked_by_keys_and_saved_with_the_call(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, admin, pilot)
        department = app.screen.query_one("#department", Picker)
        assert department.value is None and "暂未归口" in shown(app, "department")
        assert not department.query(PickList)  # the list is built when it first opens
        department.focus()
        await pilot.press("enter")
        await pilot.pause()
        pick_list = department.query_one(PickList)
        assert app.focused is pick_list and pick_list.display
        await pilot.press("down", "down", "enter")  # from 暂未归口 to 内科, then 外科
        await pilot.pause()
        assert app.focused is department and not pick_list.display
        assert "外科" in shown(app, "department")
        await pilot.press("space", *"内科", "enter")  # typing jumps to a choice
        await pilot.pause()
        assert "内科" in shown(app, "department")
        await pilot.press("up", *"wk", "enter")  # and so do its pinyin initials
        await pilot.pause()
        assert "外科" in shown(app, "department")
        form = app.screen.query_one("#call-form")
        for name, text in (("org", "第一医院"), ("caller", "张三"), ("number", "13812345678")):
            form.query_one(f"#{name}").value = text  # type: ignore[attr-defined]
        form.query_one("#content").text = "咨询"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with session_scope(sqlite_engine) as session:
        call = session.exec(select(Call)).one()
        routed = session.get(Department, call.department_id)
        assert routed is not None and routed.name == "外科"


async def test_escape_closes_the_list_and_keeps_the_choice(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, admin, pilot)
        category = app.screen.query_one("#category", Picker)
        before = category.value
        category.focus()
        await pilot.press("enter")
        await pilot.pause()
        words = str(app.screen.query_one(KeyBar).render())
        assert "收起列表" in words  # the key bar says how to close it, in Chinese
        await pilot.press("down", "down", "escape")
        await pilot.pause()
        assert category.value == before and app.focused is category
        assert not category.query_one(PickList).display


async def test_leaving_an_open_list_closes_it(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, admin, pilot)
        recorder = app.screen.query_one("#recorder", Picker)
        assert recorder.value == admin.id and admin.name in shown(app, "recorder")
        recorder.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not recorder and not recorder.query_one(PickList).display
        assert recorder.value == admin.id


async def test_a_click_opens_the_list_and_a_click_on_a_choice_picks_it(
    app: DeskApp, admin: SignedIn
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, admin, pilot)
        department = app.screen.query_one("#department", Picker)
        await pilot.click(department)
        await pilot.pause()
        pick_list = department.query_one(PickList)
        assert pick_list.display
        await pilot.click(pick_list, offset=(2, 3))  # under its frame, 暂未归口 and 内科: 外科
        await pilot.pause()
        assert "外科" in shown(app, "department") and not pick_list.display
        await pilot.pause(0.4)  # not taken for a second click on the line
        await pilot.click(department)
        await pilot.pause()
        await pilot.press("home")  # the list shows 外科 at its top: back to its first line
        await pilot.pause()
        await pilot.click(pick_list, offset=(2, 1))  # nothing again
        await pilot.pause()
        assert department.value is None and "暂未归口" in shown(app, "department")


async def test_a_list_reloaded_while_open_still_picks_with_enter(
    app: DeskApp, admin: SignedIn
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, admin, pilot)
        recorder = app.screen.query_one("#recorder", Picker)
        recorder.focus()
        await pilot.press("enter")
        await pilot.pause()
        recorder.set_options(recorder.options, value=recorder.value)  # the staff list reloads
        await pilot.pause()
        pick_list = recorder.query_one(PickList)
        assert pick_list.highlighted is not None
        await pilot.press("enter")
        await pilot.pause()
        assert not pick_list.display and recorder.value == admin.id


async def test_a_click_on_the_line_closes_an_open_list(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, admin, pilot)
        department = app.screen.query_one("#department", Picker)
        await pilot.click(department)
        await pilot.pause()
        assert department.query_one(PickList).display
        await pilot.click(department)
        await pilot.pause()
        assert not department.query_one(PickList).display and app.focused is department


async def test_at_80x24_the_open_list_leaves_its_line_and_the_key_bar_in_sight(
    app: DeskApp, admin: SignedIn
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(app, admin, pilot)
        for name in ("recorder", "category", "department"):
            picker = app.screen.query_one(f"#{name}", Picker)
            picker.focus()
            await pilot.press("enter")
            await pilot.pause()
            shown_list = picker.query_one(PickList).region
            assert not shown_list.overlaps(picker.region), name
            assert not shown_list.overlaps(app.screen.query_one(KeyBar).region), name
            await pilot.press("escape")
            await pilot.pause()
