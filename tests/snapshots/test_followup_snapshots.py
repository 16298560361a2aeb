"""Snapshots of the follow-up queue, the reached form and the rates screen."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from desk.app import DeskApp
from desk.config import Settings
from desk.models import AttemptResult
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.followup_work import ReachedAnswers, record_outcome
from desk.store.followups import SubjectInput, add_subject
from desk.store.staff import sync_departments

SIZE = (130, 36)
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
PEOPLE = (
    ("张三", "13812345678", "内科", "2026-11-17", "高血压"),
    ("李四", "0931-8942000", "外科", "2026-11-17", "胆囊结石"),
    ("[b]王五[/]", "13712345678", "内科", "2026-11-10", "肺炎"),
    ("赵六", "13612345678", "外科", "2026-11-20", "骨折术后"),
)


def seed(engine: Engine, settings: Settings) -> list[int]:
    """Four subjects under the discharge rule; returns their task ids."""
    with session_scope(engine) as session:
        sync_departments(session, names=("内科", "外科"))
    ids = []
    for name, phone, dept, discharged, diagnosis in PEOPLE:
        data = SubjectInput(
            name=name, phone=phone, department=dept, discharged=discharged, diagnosis=diagnosis,
            sex="男", age="60", bed="12床", doctor="刘医生",
        )  # fmt: skip
        with session_scope(engine) as session:
            subject = add_subject(
                session, actor=None, settings=settings, data=data, rule_name="discharge"
            )
            ids.append(subject.id)
    return ids


async def _open(app: DeskApp, admin: SignedIn, pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press(key)
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


class TestFollowupSnapshots:
    """The F5 screen."""

    def test_queue(self, snap_compare, app, admin, sqlite_engine, settings) -> None:  # type: ignore[no-untyped-def]
        seed(sqlite_engine, settings)

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await _open(app, admin, pilot, "f5")

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_reached_form(self, snap_compare, app, admin, sqlite_engine, settings) -> None:  # type: ignore[no-untyped-def]
        seed(sqlite_engine, settings)

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await _open(app, admin, pilot, "f5")
            await pilot.press("1")  # F5 opens on the overdue task; the form is for 张三
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("5", "tab", *"恢复良好")
            await pilot.pause()

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


class TestRatesSnapshots:
    """The F6 screen."""

    def test_rates(self, snap_compare, app, admin, sqlite_engine, settings) -> None:  # type: ignore[no-untyped-def]
        seed(sqlite_engine, settings)
        with session_scope(sqlite_engine) as session:
            for task_id, result, grade in (
                (1, AttemptResult.REACHED, 5),
                (3, AttemptResult.REACHED, 3),
            ):
                record_outcome(
                    session,
                    actor=None,
                    settings=settings,
                    task_id=task_id,
                    desk="A",
                    result=result,
                    answers=ReachedAnswers(satisfaction=grade, opinions="希望缩短候诊时间"),
                    now=NOW,
                )

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await _open(app, admin, pilot, "f6")

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
