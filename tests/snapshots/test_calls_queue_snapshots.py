"""Snapshots of the work queue and the call log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.models import Callback, Role
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import create_staff
from tests.calls_helper import add_call, add_department, settle

SIZE = (120, 34)


@pytest.fixture
def app(settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]) -> DeskApp:
    """The app on the test's SQLite file, with the frozen clock."""
    return make_app(settings, sqlite_engine, clock=clock)


@pytest.fixture
def admin(sqlite_engine: Engine) -> SignedIn:
    """An administrator 王丽."""
    with session_scope(sqlite_engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))


def _fill(engine: Engine, admin: SignedIn) -> None:
    add_department(engine, "内科")
    add_department(engine, "外科")
    first = add_call(engine, recorder_id=admin.id, category="directive", priority=1)
    add_call(
        engine,
        recorder_id=admin.id,
        org="兰州市第一人民医院",
        caller="赵敏",
        content="要求院长接听",
        category="involves_leader",
        priority=2,
        minutes=-90,
    )
    add_call(engine, recorder_id=admin.id, org="[b]x[/b]", caller="\x1b[2J", minutes=-3000)
    with session_scope(engine) as session:
        now = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)
        session.add(Callback(call_id=first, due_at=now - timedelta(hours=1)))


def _area(admin: SignedIn, key: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app: DeskApp = pilot.app
        await settle(app, pilot, 1)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press(key)
        await settle(app, pilot)
        for pressed in keys:
            await pilot.press(pressed)
            await settle(app, pilot, 2)

    return run_before


class TestQueueSnapshots:
    """The work queue: empty, filled, the department dialog, a text dialog with an error, the
    callback outcome dialog."""

    def test_empty(self, snap_compare, app, admin) -> None:  # type: ignore[no-untyped-def]
        assert snap_compare(app, run_before=_area(admin, "f8"), terminal_size=SIZE)

    def test_filled(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        assert snap_compare(app, run_before=_area(admin, "f8"), terminal_size=SIZE)

    def test_filled_at_80x24(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        """The smallest terminal: each row keeps the caller and the content, the highlighted
        call whole below."""
        _fill(sqlite_engine, admin)
        assert snap_compare(app, run_before=_area(admin, "f8"), terminal_size=(80, 24))

    def test_department_dialog(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        assert snap_compare(app, run_before=_area(admin, "f8", "d"), terminal_size=SIZE)

    def test_text_dialog_error(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        # The plain call (last row): the directive first must be reported to leadership.
        keys = ("down", "down", "r", "enter")
        assert snap_compare(app, run_before=_area(admin, "f8", *keys), terminal_size=SIZE)

    def test_callback_dialog(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        assert snap_compare(app, run_before=_area(admin, "f8", "tab", "c"), terminal_size=SIZE)

    def test_leadership_told_asks_first(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        assert snap_compare(app, run_before=_area(admin, "f8", "l"), terminal_size=SIZE)


class TestCallLogSnapshots:
    """The call log: filled, a search too short, dates the wrong way round, the detail of a
    call, a corrected call, the correction dialog."""

    def test_filled(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        assert snap_compare(app, run_before=_area(admin, "f3"), terminal_size=SIZE)

    def test_search_too_short(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        keys = ("ctrl+f", "兰", "enter")
        assert snap_compare(app, run_before=_area(admin, "f3", *keys), terminal_size=SIZE)

    def test_search_found(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        keys = ("ctrl+f", "z", "m", "enter")
        assert snap_compare(app, run_before=_area(admin, "f3", *keys), terminal_size=SIZE)

    def test_dates_reversed(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        keys = ("tab", *"2026-11-24", "tab", *"2026-11-20", "enter")
        assert snap_compare(app, run_before=_area(admin, "f3", *keys), terminal_size=SIZE)

    def test_detail(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        keys = ("enter", "down", "enter")  # from the search box to the list, then a call
        assert snap_compare(app, run_before=_area(admin, "f3", *keys), terminal_size=SIZE)

    def test_corrected(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        from desk.store import workflow

        _fill(sqlite_engine, admin)
        old = add_call(sqlite_engine, recorder_id=admin.id, status="archived", minutes=-60)
        with session_scope(sqlite_engine) as session:
            changes = {"content": "咨询专家门诊时间与挂号"}
            workflow.correct(session, kind="call", record_id=old, changes=changes, actor=admin)
        assert snap_compare(app, run_before=_area(admin, "f3"), terminal_size=SIZE)

    def test_amend(self, snap_compare, app, admin, sqlite_engine) -> None:  # type: ignore[no-untyped-def]
        _fill(sqlite_engine, admin)
        keys = ("enter", "e")  # from the search box to the list, then correct its first call
        assert snap_compare(app, run_before=_area(admin, "f3", *keys), terminal_size=SIZE)
