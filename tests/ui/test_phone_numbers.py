"""Phone numbers as a user meets them: the form and `desk call add` store the same thing,
full-width digits work in the number field and in the call log's search box."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.pilot import Pilot
from textual.widgets import Input, Static

from desk.app import DeskApp
from desk.models import Call, Visit
from desk.screens.call_entry import CallEntryScreen
from desk.screens.call_log import CallLogScreen
from desk.screens.visits import VisitScreen
from desk.session_info import SignedIn
from desk.widgets.call_form import CallForm
from desk.widgets.call_log_view import CallLogView
from desk.widgets.caller_panel import CallerPanel
from tests.calls_helper import add_call, settle

FULL_WIDTH_MOBILE = "１３８１２３４５６７８"


def numbers(engine: Engine) -> list[tuple[str, str | None, str | None]]:
    """(number_raw, number_e164, number_ext) of every call, oldest first."""
    with Session(engine) as session:
        rows = session.exec(select(Call).order_by(Call.id))
        return [(c.number_raw, c.number_e164, c.number_ext) for c in rows]


async def open_entry(app: DeskApp, pilot: Pilot, staff: SignedIn) -> CallForm:
    await settle(app, pilot)
    app.signed_in(staff)
    await settle(app, pilot)
    assert isinstance(app.screen, CallEntryScreen)
    return app.screen.query_one(CallForm)


async def type_call(app: DeskApp, pilot: Pilot, number: str, *, leave: bool = True) -> None:
    """Type a whole call; the number last, leaving its field with Tab unless `leave` is off."""
    app.screen.query_one("#org", Input).focus()
    await pilot.press(*"第一医院", "tab", *"张三", "tab", *"咨询门诊时间", "tab", *number)
    if leave:
        await pilot.press("tab")
    await settle(app, pilot)


def cli_add(engine: Engine, number: str) -> None:
    """`desk call add` the same call on the same database."""
    from typer.testing import CliRunner

    from desk.cli.root import build_app

    url = engine.url.render_as_string(hide_password=False)
    args = ["--db", url, "call", "add", "--org", "第一医院", "--caller", "张三"]
    args += ["--content", "咨询门诊时间", "--number", number]
    result = CliRunner().invoke(build_app(), args)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", ("138 1234 5678", "+8613812345678", None)),
        ("138-1234-5678", ("138 1234 5678", "+8613812345678", None)),
        ("0931-8942000转123", ("0931-8942000 转123", "+869318942000", "123")),
        (FULL_WIDTH_MOBILE, ("138 1234 5678", "+8613812345678", None)),
        ("12345", ("12345", None, None)),
    ],
)
async def test_the_form_and_the_command_line_store_the_same_number(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, typed: str, stored: tuple[str, ...]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, typed)
        assert form.values()["number"] == stored[0]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # Saved straight from the number field, before it is left and shown normalised.
        await type_call(app, pilot, typed, leave=False)
        assert form.values()["number"] == typed
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    cli_add(sqlite_engine, typed)
    assert numbers(sqlite_engine) == [stored, stored, stored]


async def test_full_width_digits_in_the_number_field_recognise_the_caller(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id, org="兰州市第一医院", caller="赵敏")
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        form.query_one("#number", Input).focus()
        await pilot.press(*FULL_WIDTH_MOBILE, "tab")
        await settle(app, pilot)
        assert form.row("number").error == ""
        assert form.values()["number"] == "138 1234 5678"
        panel = app.screen.query_one(CallerPanel).query_one("#caller-panel-body", Static)
        assert "历史来电与来访（1 次）" in str(panel.render())


@pytest.mark.parametrize("number", ["123", "1234", "１２３"])
async def test_made_up_short_numbers_are_refused_at_the_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, number: str
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, number)
        assert "120、12345、95555" in form.row("number").error
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert numbers(sqlite_engine) == []


async def test_a_visit_stores_the_number_as_shown(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        await settle(app, pilot)
        app.signed_in(admin)
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen)
        app.screen.query_one("#name", Input).focus()
        await pilot.press(*"周女士", "tab", *"１３８-１２３４-５６７８", "tab")
        assert app.screen.query_one("#number", Input).value == "138 1234 5678"
        app.screen.query_one("#matter").focus()
        await pilot.press(*"来访咨询", "ctrl+s")
        await settle(app, pilot)
    with Session(sqlite_engine) as session:
        visit = session.exec(select(Visit)).one()
        assert (visit.number_raw, visit.number_e164) == ("138 1234 5678", "+8613812345678")


async def open_log(app: DeskApp, pilot: Pilot, admin: SignedIn) -> CallLogView:
    await settle(app, pilot, 1)
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press("f3")
    await settle(app, pilot)
    assert isinstance(app.screen, CallLogScreen)
    return app.screen.query_one(CallLogView)


@pytest.mark.parametrize("query", ["１２３４５", "１３８　１２３４", "８９４２０００"])
async def test_full_width_digits_search_the_call_log(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, query: str
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id, org="天天便利店", number_raw="12345")
    add_call(
        sqlite_engine,
        recorder_id=admin.id,
        org="兰州市第一医院",
        number_raw="138 1234 5678",
        minutes=1,
    )
    add_call(
        sqlite_engine,
        recorder_id=admin.id,
        org="北京协和医院",
        number_raw="0931-8942000 转123",
        number_e164="+869318942000",
        minutes=2,
    )
    expected = {"１２３４５": 2, "１３８　１２３４": 1, "８９４２０００": 1}[query]
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_log(app, pilot, admin)
        assert view.row_count == 3
        await pilot.press("ctrl+f", *query, "enter")
        await settle(app, pilot)
        assert view.row_count == expected
