"""Visit entry (F4): type a visit in Chinese, errors at fields, caller panel, lead, booking."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, TextArea

from desk.app import DeskApp
from desk.dialogs.book import BookDialog
from desk.i18n import set_language
from desk.models import Appointment, FollowupEnrollment, Visit
from desk.screens.visits import VisitScreen
from desk.session_info import SignedIn
from desk.widgets.form_row import FormRow
from desk.widgets.picker import Picker
from desk.widgets.visit_form import VisitForm
from tests.calls_helper import add_call, add_department, settle, shown


async def open_visits(app: DeskApp, pilot: Pilot, staff: SignedIn) -> VisitForm:
    await settle(app, pilot)
    app.signed_in(staff)
    await settle(app, pilot)
    await pilot.press("f4")
    await settle(app, pilot)
    assert isinstance(app.screen, VisitScreen)
    return app.screen.query_one(VisitForm)


async def type_visit(
    app: DeskApp,
    pilot: Pilot,
    *,
    name: str = "周女士",
    number: str = "13812345678",
    matter: str = "来访投诉候诊时间太长",
) -> None:
    app.screen.query_one("#name", Input).focus()
    await pilot.press(*name, "tab", *number, "tab")
    app.screen.query_one("#matter", TextArea).focus()
    await pilot.press(*matter)
    await settle(app, pilot)


def visits(engine: Engine) -> list[Visit]:
    with Session(engine) as session:
        return list(session.exec(select(Visit).order_by(Visit.id)))


def toasts(app: DeskApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_type_a_visit_in_chinese_and_save(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        assert form.values()["time"] == "2026-11-24 09:05"
        assert form.values()["receiver"] == admin.id
        await type_visit(app, pilot)
        assert form.values()["number"] == "138 1234 5678"  # normalised on leaving the field
        form.query_one("#category", Picker).value = "complaint"
        form.query_one("#channel", Picker).value = "letter"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = visits(sqlite_engine)
        assert len(saved) == 1
        visit = saved[0]
        assert (visit.visitor_name, visit.matter) == ("周女士", "来访投诉候诊时间太长")
        assert visit.number_e164 == "+8613812345678" and visit.received_by_id == admin.id
        assert (visit.category, visit.channel) == ("complaint", "letter")
        values = form.values()
        assert values["name"] == values["matter"] == values["number"] == ""
        assert any(f"第 {visit.id} 号来访" in t and "周女士" in t for t in toasts(app)), toasts(app)


async def test_errors_show_at_fields_and_nothing_is_lost(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        app.screen.query_one("#matter", TextArea).focus()
        await pilot.press(*"咨询体检套餐")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "全名" in form.row("name").error
        assert app.focused is form.query_one("#name", Input)
        await pilot.press(*"李明", "tab", "1", "2", "tab")
        assert "号码" in form.row("number").error
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert form.row("number").error
        assert visits(sqlite_engine) == []
        assert form.values()["matter"] == "咨询体检套餐" and form.values()["name"] == "李明"


async def test_caller_panel_shows_earlier_calls_and_visits(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id, caller="周女士", content="咨询停车")
    async with app.run_test(size=(120, 44)) as pilot:
        await open_visits(app, pilot, admin)
        await type_visit(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await type_visit(app, pilot, matter="再次来访")
        panel = shown(app.screen.query_one("#caller-panel-body"))
        assert "咨询停车" in panel and "来访投诉候诊时间太长" in panel and "来访" in panel


async def test_a_sales_lead_visit_enrols_the_visit_lead_rule(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        await type_visit(app, pilot, matter="看样板间")
        await pilot.press("alt+l")
        assert form.query_one("#lead", Checkbox).value is True
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    with Session(sqlite_engine) as session:
        enrollment = session.exec(select(FollowupEnrollment)).one()
        assert enrollment.rule_name == "sales_lead_visit"


async def test_book_from_the_visit_just_saved_and_a_clash_is_refused(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_department(sqlite_engine, "口腔科")
    async with app.run_test(size=(120, 44)) as pilot:
        await open_visits(app, pilot, admin)
        await type_visit(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        visit_id = visits(sqlite_engine)[0].id
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, BookDialog)
        assert dialog.query_one("#person_name", Input).value == "周女士"
        assert app.focused is dialog.query_one("#service", Input)
        await pilot.press(*"洗牙", "tab", *"李医生", "tab")
        dialog.query_one("#starts_at", Input).value = "2026-11-25 10:00"
        dialog.query_one("#notes", TextArea).focus()
        await pilot.press(*"青霉素过敏")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, VisitScreen)
        assert any("预约" in t for t in toasts(app))
        # A second booking of the same expert at an overlapping time is refused.
        await type_visit(app, pilot, name="钱先生", number="13912345678")
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        dialog = app.screen
        assert dialog.query_one("#person_name", Input).value == "钱先生"
        await pilot.press(*"补牙", "tab", *"李医生", "tab")
        dialog.query_one("#starts_at", Input).value = "2026-11-25 10:15"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#expert-field").query_one(".field-error").render())
        assert "周女士" in error and "李医生" in error
        assert dialog.query_one("#service", Input).value == "补牙"
    with Session(sqlite_engine) as session:
        booked = session.exec(select(Appointment)).one()
        assert booked.visit_id == visit_id and booked.notes == "青霉素过敏"
        assert booked.expert == "李医生" and booked.service == "洗牙"


async def test_typing_is_kept_as_a_draft_and_restored(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings, clock
) -> None:  # type: ignore[no-untyped-def]
    from desk.app import make_app

    async with app.run_test(size=(120, 44)) as pilot:
        await open_visits(app, pilot, admin)
        await type_visit(app, pilot, matter="来信反映停车难")
        await pilot.pause(0.8)
        await settle(app, pilot)
    again = make_app(settings, sqlite_engine, clock=clock)
    async with again.run_test(size=(120, 44)) as pilot:
        form = await open_visits(again, pilot, admin)
        values = form.values()
        assert values["name"] == "周女士" and values["matter"] == "来信反映停车难"
        assert "草稿" in str(again.screen.query_one("#notice").render())
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        assert len(visits(sqlite_engine)) == 1
    with Session(sqlite_engine) as session:
        from desk.models import Draft

        assert session.exec(select(Draft)).all() == []


async def test_a_letter_without_a_number_is_saved(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        await type_visit(app, pilot, number="", matter="来信建议增加周末门诊")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert visits(sqlite_engine) == []  # a walk-in visitor gives a number
        assert form.row("number").error
        form.query_one("#channel", Picker).value = "letter"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = visits(sqlite_engine)
        assert [(v.channel, v.number_raw, v.matter) for v in saved] == [
            ("letter", "", "来信建议增加周末门诊")
        ]


async def test_a_long_english_label_wraps_rather_than_being_cut(
    app: DeskApp, admin: SignedIn
) -> None:
    set_language("en")  # the autouse fixture puts Chinese back after the test
    async with app.run_test(size=(120, 40)) as pilot:
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.press("f4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = app.screen.query_one("#name-row", FormRow)
        assert str(row.render()) == "Visitor's full\nname"
        assert row.region.height == 2


async def test_a_visit_time_in_the_future_is_not_called_a_call_time(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        time = form.query_one("#time", Input)
        time.value = "2026-12-09 10:00"  # the clock says 2026-11-24 09:05
        time.focus()
        await pilot.press("tab")
        await settle(app, pilot)
        assert form.row("time").error == "时间不能晚于现在。"
        time.value = ""
        time.focus()
        await pilot.press("tab")
        await settle(app, pilot)
        assert form.row("time").error == "请填写时间。"
        assert "来电" not in form.row("time").error
