"""A call fed back to its caller has left the work queue: the call log archives it."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from desk.app import DeskApp
from desk.dialogs.confirm import ConfirmArchiveDialog
from desk.models import Call, Role, Status
from desk.session_info import SignedIn
from desk.store import workflow
from desk.store.engine import session_scope
from tests.calls_helper import add_call, settle
from tests.ui.conftest import add_staff
from tests.ui.test_call_log import _open_log


def _fed_back(engine: Engine, admin: SignedIn) -> int:
    call_id = add_call(engine, recorder_id=admin.id)
    with session_scope(engine) as session:
        workflow.resolve(session, kind="call", record_id=call_id, result="已安排", actor=admin)
        workflow.feed_back(session, kind="call", record_id=call_id, feedback="已告知", actor=admin)
    return call_id


def _status(engine: Engine, call_id: int) -> str:
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        return call.status


async def test_a_fed_back_call_is_archived_from_the_log_after_asking(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    call_id = _fed_back(sqlite_engine, admin)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_log(app, pilot, admin)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmArchiveDialog)
        await pilot.press("escape")  # not now: nothing changes
        await settle(app, pilot)
        assert _status(sqlite_engine, call_id) == Status.FED_BACK
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert _status(sqlite_engine, call_id) == Status.ARCHIVED


async def test_archive_in_the_log_says_why_it_cannot(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    call_id = add_call(sqlite_engine, recorder_id=admin.id)  # still open
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await _open_log(app, pilot, admin)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmArchiveDialog)
        said = [n.message for n in app._notifications]
        assert any(str(call_id) in message for message in said), said
    assert _status(sqlite_engine, call_id) == Status.REGISTERED


async def test_a_receptionist_is_told_who_may_archive(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    _fed_back(sqlite_engine, admin)
    clerk = add_staff(sqlite_engine, name="小周", role=Role.RECEPTIONIST, pin="2468")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await _open_log(app, pilot, clerk)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmArchiveDialog)
        assert any("主管" in n.message for n in app._notifications)
