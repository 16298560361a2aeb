"""Call entry (F2): type a call in Chinese, read-back, errors at fields, caller panel, markup."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from desk.app import DeskApp
from desk.dialogs.readback import ReadbackDialog
from desk.models import Call, Callback
from desk.screens.call_entry import CallEntryScreen
from desk.session_info import SignedIn
from desk.widgets.call_form import CallForm
from desk.widgets.caller_panel import CallerPanel
from desk.widgets.picker import Picker
from desk.widgets.priority_picker import PriorityPicker


async def settle(app: DeskApp, pilot: Pilot) -> None:
    """Let workers finish and the screen catch up (twice: a done handler may start more)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def open_entry(app: DeskApp, pilot: Pilot, staff: SignedIn) -> CallForm:
    await settle(app, pilot)
    app.signed_in(staff)
    await settle(app, pilot)
    assert isinstance(app.screen, CallEntryScreen)
    return app.screen.query_one(CallForm)


async def type_call(
    app: DeskApp,
    pilot: Pilot,
    *,
    org: str = "第一医院",
    caller: str = "张三",
    content: str = "咨询心内科专家门诊时间",
    number: str = "13812345678",
) -> None:
    app.screen.query_one("#org", Input).focus()
    await pilot.press(*org, "tab", *caller, "tab", *content, "tab", *number, "tab")
    await settle(app, pilot)


def calls(engine: Engine) -> list[Call]:
    with Session(engine) as session:
        return list(session.exec(select(Call).order_by(Call.id)))


def toasts(app: DeskApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_opens_on_call_entry_with_now_and_recorder(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        values = form.values()
        assert values["time"] == "2026-11-24 09:05"
        assert values["recorder"] == admin.id
        # The form fills in the time itself: the first keys typed are the caller's unit.
        assert app.focused is app.screen.query_one("#org", Input)
        await pilot.press(*"第一医院")
        assert (form.values()["time"], form.values()["org"]) == ("2026-11-24 09:05", "第一医院")


async def test_type_a_whole_call_in_chinese_and_save(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot)
        assert form.values()["number"] == "138 1234 5678"
        form.query_one("#reply-hours", Input).focus()
        await pilot.press("2", "4")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReadbackDialog)
        saved = calls(sqlite_engine)
        assert len(saved) == 1
        call = saved[0]
        assert (call.org, call.caller, call.content) == (
            "第一医院",
            "张三",
            "咨询心内科专家门诊时间",
        )
        assert call.number_e164 == "+8613812345678" and call.recorder_id == admin.id
        assert call.priority == 3 and call.reply_within_hours == 24
        values = form.values()
        assert values["org"] == values["caller"] == values["content"] == values["number"] == ""
        assert values["time"] == "2026-11-24 09:05"
        assert app.focused is form.query_one("#org", Input)
        await pilot.press(*"第二医院")  # the next call's unit, not its time
        assert (form.values()["time"], form.values()["org"]) == ("2026-11-24 09:05", "第二医院")
        assert any(f"第 {call.id} 号来电" in t and "第一医院 张三" in t for t in toasts(app))
    with Session(sqlite_engine) as session:
        assert len(session.exec(select(Callback)).all()) == 1


async def test_urgent_call_is_read_back_escape_keeps_everything(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, content="病房漏水")
        await pilot.press("alt+1", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadbackDialog)
        record = text_of(app.screen.query_one("#readback-record", Static))
        for part in (
            "第一医院",
            "张三",
            "病房漏水",
            "138 1234 5678",
            "急",
            "王丽",
            "2026-11-24 09:05",
        ):
            assert part in record
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CallEntryScreen)
        assert calls(sqlite_engine) == []
        assert form.values()["content"] == "病房漏水"
        assert form.values()["priority"] == 1
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadbackDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        assert [c.priority for c in calls(sqlite_engine)] == [1]
        assert form.values()["content"] == ""


async def test_directive_is_read_back_and_y_confirms(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, org="卫健委", content="周五前报送安全检查情况")
        form.query_one("#category", Picker).value = "directive"
        form.query_one("#category", Picker).focus()
        await pilot.press("4")  # priority keys work when focus is not in a text field
        await settle(app, pilot)
        assert form.query_one(PriorityPicker).value == 4
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadbackDialog)
        assert "上级指令" in text_of(app.screen.query_one("#readback-record", Static))
        await pilot.press("y")
        await settle(app, pilot)
        saved = calls(sqlite_engine)
        assert [(c.category, c.priority) for c in saved] == [("directive", 4)]


async def test_errors_show_at_their_fields_and_nothing_is_cleared(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        time = form.query_one("#time", Input)
        time.value = "25:99"
        await type_call(app, pilot, caller="", number="12ab")
        assert "号码" in form.row("number").error  # shown when leaving the field
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CallEntryScreen)
        assert form.row("time").error == "没有这个时刻：25:99。"
        assert form.row("caller").error == "请填写来电人。"
        assert form.row("number").error
        assert form.row("content").error == ""
        assert app.focused is time
        values = form.values()
        assert (values["time"], values["org"], values["number"]) == ("25:99", "第一医院", "12ab")
        assert values["content"] == "咨询心内科专家门诊时间"
        assert calls(sqlite_engine) == []
        time.value = "08:30"
        form.query_one("#caller", Input).value = "李四"
        form.query_one("#number", Input).value = "0931-8942000 转 12"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = calls(sqlite_engine)
        assert [(c.caller, c.number_e164, c.number_ext) for c in saved] == [
            ("李四", "+869318942000", "12")
        ]
        assert form.row("caller").error == ""


async def test_caller_panel_lists_earlier_calls(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        await type_call(app, pilot, content="第一次来电")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        panel = app.screen.query_one(CallerPanel)
        app.screen.query_one("#number", Input).focus()
        await pilot.press(*"138-1234-5678", "tab")
        await settle(app, pilot)
        shown = text_of(panel.query_one("#caller-panel-body", Static))
        assert "历史来电与来访（1 次）" in shown and "第一次来电" in shown and "待办" in shown


async def test_org_suggestions_by_pinyin_initials(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, org="第一医院")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form.query_one("#org", Input).focus()
        await pilot.press(*"dyyy")
        await settle(app, pilot)
        assert form.query_one("#org-suggestions").display
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert form.values()["org"] == "第一医院"
        assert app.focused is form.query_one("#caller", Input)
        assert not form.query_one("#org-suggestions").display


async def test_markup_and_escapes_are_shown_literally(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, org="[bold]x[/]", caller="[@click=app.quit]x[/]")
        form.query_one("#content", TextArea).text = "清屏\x1b[2J[b]粗[/b]"
        await pilot.press("alt+2", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadbackDialog)
        record = text_of(app.screen.query_one("#readback-record", Static))
        assert "[bold]x[/]" in record and "[@click=app.quit]x[/]" in record
        assert "\x1b" not in record and "␛[2J[b]粗[/b]" in record
        await pilot.click("#readback-record")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running
        assert any("[bold]x[/] [@click=app.quit]x[/]" in t for t in toasts(app))
        saved = calls(sqlite_engine)
        assert saved[0].content == "清屏\x1b[2J[b]粗[/b]"
        form.query_one("#number", Input).focus()
        await pilot.press(*"13812345678", "tab")
        await settle(app, pilot)
        panel = app.screen.query_one("#caller-panel-body", Static)
        shown = text_of(panel)
        assert "[bold]x[/] [@click=app" in shown and "␛[2J[b]粗[/b]" in shown
        assert "\x1b" not in shown
        await pilot.click("#caller-panel-body")
        await settle(app, pilot)
        assert app.is_running


async def test_a_draft_is_kept_while_typing_and_dropped_on_save(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from desk.models import Draft

    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        await type_call(app, pilot, content="还没说完")
        await pilot.pause(0.8)
        await settle(app, pilot)
        with Session(sqlite_engine) as session:
            draft = session.exec(select(Draft)).one()
            assert "还没说完" in draft.payload and draft.desk == "test-desk"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.pause(0.8)
        await settle(app, pilot)
        with Session(sqlite_engine) as session:
            assert session.exec(select(Draft)).all() == []


async def test_a_kept_draft_refills_the_form_and_says_so(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from desk.store.drafts import save_draft
    from desk.store.engine import session_scope

    payload = {"org": "第一医院", "caller": "张三", "content": "说到一半", "priority": 2}
    with session_scope(sqlite_engine) as session:
        save_draft(session, desk="test-desk", form="call", staff_id=admin.id, payload=payload)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        values = form.values()
        assert (values["org"], values["caller"], values["content"]) == (
            "第一医院",
            "张三",
            "说到一半",
        )
        assert values["priority"] == 2 and values["time"] == "2026-11-24 09:05"
        notice = text_of(app.screen.query_one("#notice", Static))
        assert notice.startswith("已恢复上次未保存的来电记录")
        # The cursor waits in the first field left empty: nothing restored is selected.
        assert app.focused is form.query_one("#number", Input)
        # Said once, in the form: a toast over the caller panel's border lost the 未 of
        # 未保存 (a wide character split where two regions meet), reversing its meaning.
        assert not any(t.startswith("已恢复") for t in toasts(app))


async def test_alt_keys_set_priority_while_typing_without_typing_digits(
    app: DeskApp, admin: SignedIn
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        form.query_one("#content", TextArea).focus()
        await pilot.press(*"漏水", "alt+2", "2")
        assert form.values()["priority"] == 2
        assert form.values()["content"] == "漏水2"  # a plain digit is text in a text field
        form.query_one(PriorityPicker).focus()
        await pilot.press("1")
        assert form.values()["priority"] == 1
        await pilot.press("right", "right")
        assert form.values()["priority"] == 3


async def test_new_call_key_clears_the_form_and_the_draft(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from desk.models import Draft

    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot)
        await pilot.pause(0.8)
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert form.values()["org"] == "第一医院"  # one press only warns: nothing typed is lost
        assert any("再按 Ctrl+N" in t for t in toasts(app)), toasts(app)
        await pilot.press("ctrl+n")
        await pilot.pause(0.8)
        await settle(app, pilot)
        assert form.values()["org"] == "" and app.focused is form.query_one("#org", Input)
        with Session(sqlite_engine) as session:
            assert session.exec(select(Draft)).all() == []
        assert calls(sqlite_engine) == []


async def test_a_mobile_with_an_extension_is_refused_at_the_number(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, number="138 1234 5678 转 12")
        assert form.row("number").error == "手机号码没有分机号，请只填写手机号码。"
        assert form.query_one("#number", Input).value == "138 1234 5678 转 12"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CallEntryScreen) and calls(sqlite_engine) == []


async def test_caller_panel_names_a_follow_up_by_its_rule_label(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    from desk.store.engine import session_scope
    from desk.store.followups import SubjectInput, add_subject

    data = SubjectInput(name="王主任", phone="13812345678", kind="customer",
                        event_dates={"contacted": "2026-11-30"})  # fmt: skip
    with session_scope(sqlite_engine) as session:
        add_subject(
            session, actor=None, settings=app.settings, data=data, rule_name="sales_lead_phone"
        )
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        panel = app.screen.query_one(CallerPanel)
        app.screen.query_one("#number", Input).focus()
        await pilot.press(*"138-1234-5678", "tab")
        await settle(app, pilot)
        shown = text_of(panel.query_one("#caller-panel-body", Static))
        assert "王主任（电话咨询客户跟进）" in shown
        assert "sales_lead_phone" not in shown


async def test_a_reply_within_working_days_is_typed_in_the_same_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot)
        form.query_one("#reply-hours", Input).focus()
        await pilot.press(*"天2")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "2天" in form.row("reply-hours").error  # how to write it, at the field
        assert calls(sqlite_engine) == []
        form.query_one("#reply-hours", Input).value = ""
        await pilot.press(*"2天")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = calls(sqlite_engine)
        assert len(saved) == 1 and saved[0].reply_within_days == 2


async def test_a_promise_unit_it_cannot_read_is_kept_and_said_at_the_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    """2周 (two weeks) is not taken as 2 hours: every character typed stays, and the field
    says how to write a promise as soon as it is left."""
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot)
        promise = form.query_one("#reply-hours", Input)
        promise.focus()
        await pilot.press(*"2周")
        await pilot.press("tab")
        await settle(app, pilot)
        assert promise.value == "2周"
        assert "2天" in form.row("reply-hours").error
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert calls(sqlite_engine) == []
        assert promise.value == "2周"
        promise.focus()
        await pilot.press("backspace")
        await pilot.press("backspace")
        assert form.row("reply-hours").error == ""  # changing the field takes its error away
        await pilot.press(*"4", "tab")
        await settle(app, pilot)
        assert form.row("reply-hours").error == ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = calls(sqlite_engine)
        assert len(saved) == 1 and saved[0].reply_within_hours == 4


async def test_an_error_goes_once_its_field_is_changed(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert form.row("caller").error == "请填写来电人。"
        assert form.row("content").error
        form.query_one("#caller", Input).focus()
        await pilot.press(*"李四")
        await settle(app, pilot)
        assert form.row("caller").error == ""
        assert form.row("content").error  # a field not changed keeps its message
        assert calls(sqlite_engine) == []


async def test_the_save_notice_names_the_caller_alone_when_no_organisation_was_given(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        app.screen.query_one("#caller", Input).focus()
        await pilot.press(*"李女士", "tab", *"咨询", "tab", *"13812345678", "tab")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [c.org for c in calls(sqlite_engine)] == [""]
        assert "已保存第 1 号来电：李女士" in toasts(app)
