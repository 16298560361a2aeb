"""The follow-up screen: one key per result, the reached form, add a subject."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Input, OptionList, Static

from desk.app import DeskApp
from desk.config import Settings
from desk.dialogs.add_subject import AddSubjectDialog
from desk.dialogs.reached import ReachedDialog
from desk.models import FollowupAttempt, FollowupSubject, FollowupTask
from desk.screens.followups import FollowupScreen
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.followups import SubjectInput, add_subject
from desk.store.staff import sync_departments


def seed(engine: Engine, settings: Settings) -> None:
    """Two subjects due today, one overdue; departments 内科 and 外科."""
    with session_scope(engine) as session:
        sync_departments(session, names=("内科", "外科"))
    for name, phone, discharged in (
        ("张三", "13812345678", "2026-11-17"),
        ("李四", "13912345678", "2026-11-17"),
        ("王五", "13712345678", "2026-11-10"),
    ):
        with session_scope(engine) as session:
            add_subject(
                session,
                actor=None,
                settings=settings,
                data=SubjectInput(name=name, phone=phone, department="内科", discharged=discharged),
                rule_name="discharge",
            )


async def open_followups(  # type: ignore[no-untyped-def]
    app: DeskApp, admin: SignedIn, pilot, view: str | None = "1"
) -> FollowupScreen:
    """F5, then the view key (the screen opens on the overdue tasks when there are any)."""
    await app.workers.wait_for_complete()
    app.signed_in(admin)
    await pilot.pause()
    for key in ("f5", view) if view else ("f5",):
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(app.screen, FollowupScreen)
    return app.screen


def screen_text(app: DeskApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_opens_on_the_overdue_tasks_and_shows_the_view_keys(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_followups(app, admin, pilot, view=None)
        assert screen.tab.value == "overdue"
        assert screen.query_one("#views").active == "overdue"
        assert [r.subject_name for r in screen.rows] == ["王五"]
        text = screen_text(app)
        assert "1-4 切换" in text and "此处没有任务" not in text
        await pilot.press("1")  # the views stay the desk's to choose
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert [r.subject_name for r in screen.rows] == ["张三", "李四"]


async def test_opens_on_the_first_view_with_tasks(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    with session_scope(sqlite_engine) as session:
        sync_departments(session, names=("内科",))
    with session_scope(sqlite_engine) as session:
        data = SubjectInput(name="赵六", phone="13612345678", department="内科",
                            discharged="2026-11-20")  # fmt: skip
        add_subject(session, actor=None, settings=settings, data=data, rule_name="discharge")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_followups(app, admin, pilot, view=None)
        assert screen.tab.value == "upcoming"
        assert [r.subject_name for r in screen.rows] == ["赵六"]


def _tasks(engine: Engine) -> dict[str, FollowupTask]:
    with Session(engine) as session:
        rows = session.exec(
            select(FollowupSubject.name, FollowupTask).join(
                FollowupTask, FollowupTask.subject_id == FollowupSubject.id
            )
        ).all()
        return {name: task for name, task in rows}


async def test_queue_lists_due_tasks_and_no_answer_moves_on(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_followups(app, admin, pilot)
        assert [r.subject_name for r in screen.rows] == ["张三", "李四"]
        assert "张三" in str(screen.query_one("#detail", Static).render())
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [r.subject_name for r in screen.rows] == ["李四"]
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert [r.subject_name for r in screen.rows] == ["王五"]
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
    tasks = _tasks(sqlite_engine)
    assert (tasks["张三"].status, tasks["张三"].attempts_used) == ("pending", 1)
    assert tasks["李四"].status == "unreachable"
    assert tasks["王五"].status == "done"


async def test_reached_form_saves_the_answers(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReachedDialog)
        assert _tasks(sqlite_engine)["张三"].held_by == "test-desk"
        await pilot.press("4", "tab", *"恢复良好", "tab", "space", "tab", *"[b]很好[/]")
        await pilot.press("tab", *"电话提醒复诊", "tab", "space", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupScreen)
    task = _tasks(sqlite_engine)["张三"]
    assert (task.status, task.held_by) == ("done", None)
    with Session(sqlite_engine) as session:
        attempt = session.exec(select(FollowupAttempt)).one()
    assert (attempt.result, attempt.satisfaction, attempt.health_status) == (
        "reached",
        4,
        "恢复良好",
    )
    assert (attempt.medication_ok, attempt.opinions, attempt.improvements) == (
        True,
        "[b]很好[/]",
        "电话提醒复诊",
    )
    assert attempt.doctor_callback is True


async def test_an_empty_reached_sheet_is_refused_at_the_satisfaction_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab", *"恢复良好", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReachedDialog)
        error = str(app.screen.query_one("#sat-field .field-error", Static).render())
        assert "满意" in error
        assert app.screen.query_one("#health", Input).value == "恢复良好"
        assert _tasks(sqlite_engine)["张三"].attempts_used == 0
        await pilot.press("5")
        assert not str(app.screen.query_one("#sat-field .field-error", Static).render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupScreen)
    with Session(sqlite_engine) as session:
        attempt = session.exec(select(FollowupAttempt)).one()
    assert (attempt.satisfaction, attempt.health_status) == (5, "恢复良好")
    assert attempt.medication_ok is None  # nobody asked: not "no"


async def test_medication_is_not_asked_yes_or_no(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        medication = app.screen.query_one("#medication")
        assert "未问" in str(medication.render())
        await pilot.press("3", "tab", "tab", "space", "space")
        assert "否" in str(medication.render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with Session(sqlite_engine) as session:
        attempt = session.exec(select(FollowupAttempt)).one()
    assert (attempt.satisfaction, attempt.medication_ok) == (3, False)


async def test_cancelling_the_form_releases_the_task(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
    task = _tasks(sqlite_engine)["张三"]
    assert (task.status, task.held_by, task.attempts_used) == ("pending", None, 0)


async def test_add_subject_shows_errors_at_the_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddSubjectDialog)
        await pilot.press(*"赵六", "tab", *"12", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = str(app.screen.query_one("#phone-field .field-error", Static).render())
        assert error
        app.screen.query_one("#phone", Input).value = "13612345678"
        app.screen.query_one("#discharged", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupScreen)
        await app.workers.wait_for_complete()
        await pilot.press("3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert "赵六" in [r.subject_name for r in app.screen.rows]
        assert app.screen.query_one("#tasks", OptionList).option_count >= 1


async def test_call_back_key_asks_for_a_time(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    from desk.dialogs.call_back import CallBackDialog

    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CallBackDialog)
        await pilot.press(*"08:00", "enter")
        await pilot.pause()
        assert "15:30" in str(app.screen.query_one("#when-field .field-error", Static).render())
        app.screen.query_one("#when", Input).value = "15:30"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    task = _tasks(sqlite_engine)["张三"]
    assert task.status == "pending" and task.held_by is None
    assert task.next_try_at.strftime("%H:%M") == "07:30"  # 15:30 in Shanghai, stored in UTC


async def test_receptionist_cannot_open_another_desks_sheet(
    app: DeskApp, sqlite_engine: Engine, settings: Settings
) -> None:
    from desk.dialogs.error import ErrorDialog
    from desk.models import AttemptResult, Role
    from desk.store.followup_work import ReachedAnswers, record_outcome
    from tests.ui.conftest import add_staff

    seed(sqlite_engine, settings)
    worker = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    other = add_staff(sqlite_engine, "张敏", Role.RECEPTIONIST)
    with session_scope(sqlite_engine) as session:
        record_outcome(
            session,
            actor=worker,
            settings=settings,
            task_id=_tasks(sqlite_engine)["张三"].id,  # type: ignore[arg-type]
            desk="A",
            result=AttemptResult.REACHED,
            answers=ReachedAnswers(satisfaction=5, opinions="很好"),
        )
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_followups(app, other, pilot)
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert [r.subject_name for r in screen.rows] == ["张三"]
        panel = str(screen.query_one("#detail", Static).render())
        assert "按 V 查看" not in panel  # not invited to what would be refused
        assert "只有" in panel and "主管" in panel
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)


async def test_add_a_construction_client_with_start_and_completion(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    from textual.widgets import Select

    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#rule", Select).value = "construction"
        dialog.query_one("#name", Input).value = "刘先生"
        dialog.query_one("#phone", Input).value = "13512345678"
        dialog.query_one("#event", Input).value = "2026-11-02"
        dialog.query_one("#completed", Input).value = "2026-12-31"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupScreen)
    with Session(sqlite_engine) as session:
        subject = session.exec(
            select(FollowupSubject).where(FollowupSubject.name == "刘先生")
        ).one()
        due = sorted(
            str(t.due_on)
            for t in session.exec(select(FollowupTask).where(FollowupTask.subject_id == subject.id))
        )
    assert due == ["2026-11-12", "2026-12-01", "2026-12-31"]


async def test_call_back_outside_the_windows_is_refused_at_the_field(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    from desk.dialogs.call_back import CallBackDialog

    seed(sqlite_engine, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_followups(app, admin, pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CallBackDialog)
        await pilot.press(*"明天 20:00", "enter")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one("#when-field .field-error", Static).render())
        assert "不在回访时段" in error and "2026-11-26 08:00" in error
        assert dialog.query_one("#when", Input).value == "明天 20:00"
        dialog.query_one("#when", Input).value = "明天 9:00"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FollowupScreen)
    task = _tasks(sqlite_engine)["张三"]
    assert (task.attempts_used, task.next_try_at.strftime("%m-%d %H:%M")) == (1, "11-25 01:00")


async def test_outside_calling_hours_no_call_is_recorded(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, settings: Settings
) -> None:
    from datetime import datetime

    from desk.dialogs.reached import ReachedDialog as Sheet
    from tests.conftest import TZ

    seed(sqlite_engine, settings)
    app.clock = lambda: datetime(2026, 11, 24, 12, 0, tzinfo=TZ)  # the lunch break
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_followups(app, admin, pilot)
        assert "现在不是回访时段；下一个回访时段从 14:00 开始" in screen_text(app)
        assert [r.subject_name for r in screen.rows] == ["张三", "李四"]
        for key in ("r", "n", "w", "x", "c"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is screen and not isinstance(app.screen, Sheet)
    assert all(task.attempts_used == 0 for task in _tasks(sqlite_engine).values())
