"""Snapshots of the sign-in, staff and audit screens (i7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.models import AuditEvent, Role, Staff
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import hash_pin
from tests.conftest import FROZEN_NOW

SIZE = (110, 32)


def _staff(engine: Engine, name: str, role: Role, **extra: object) -> SignedIn:
    """A staff row written directly, so no audit row with this machine's host appears."""
    with session_scope(engine) as session:
        staff = Staff(name=name, role=role.value, pin_hash=hash_pin("1234"), **extra)
        session.add(staff)
        session.flush()
        return SignedIn.of(staff)


@pytest.fixture
def desk_app(settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]) -> DeskApp:
    return make_app(settings, sqlite_engine, clock=clock)


async def _settle(app: DeskApp, pilot: Pilot) -> None:
    """Wait for the workers (a superseded one counts as done) and the screen's refresh."""
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
    # A table sizes its columns to new rows on the next idle moment: let it, then draw.
    await pilot.pause()
    await pilot.pause()


def _then(app: DeskApp, steps: Callable[[Pilot], Awaitable[None]] | None = None):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await _settle(app, pilot)
        if steps is not None:
            await steps(pilot)
            await _settle(app, pilot)

    return run_before


class TestSignInSnapshots:
    """The sign-in screen: names listed, a wrong PIN, a locked name."""

    def test_empty(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        for name in ("王丽", "李娜", "[b]赵强[/b]"):
            _staff(sqlite_engine, name, Role.RECEPTIONIST)
        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app))

    def test_error(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        _staff(sqlite_engine, "王丽", Role.ADMIN)

        async def wrong(pilot: Pilot) -> None:
            await pilot.press(*"wl", "enter", *"9999", "enter")

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, wrong))

    def test_locked(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        _staff(sqlite_engine, "王丽", Role.ADMIN)

        async def five_wrong(pilot: Pilot) -> None:
            await pilot.press(*"wl", "enter")
            for _ in range(5):
                await pilot.press(*"9999", "enter")
                await _settle(desk_app, pilot)

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, five_wrong))

    def test_idle_lock(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        admin = _staff(sqlite_engine, "王丽", Role.ADMIN)
        _staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
        desk_app.idle_clock = lambda: 0.0

        async def locked(pilot: Pilot) -> None:
            desk_app.signed_in(admin)
            await _settle(desk_app, pilot)
            desk_app.idle_clock = lambda: 10_000.0
            desk_app._lock_if_idle()

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, locked))


def _staff_list(engine: Engine) -> SignedIn:
    admin = _staff(engine, "王丽", Role.ADMIN)
    _staff(engine, "李娜", Role.SUPERVISOR, active=False)
    _staff(engine, "张三", Role.RECEPTIONIST, locked_until=FROZEN_NOW + timedelta(minutes=3))
    return admin


class TestStaffSnapshots:
    """The staff screen: the list, and the add dialog with an error."""

    def test_list(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        admin = _staff_list(sqlite_engine)

        async def opened(pilot: Pilot) -> None:
            desk_app.signed_in(admin)
            await _settle(desk_app, pilot)
            await pilot.press("f9")

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, opened))

    def test_add_dialog_error(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine):
        admin = _staff_list(sqlite_engine)

        async def adding(pilot: Pilot) -> None:
            desk_app.signed_in(admin)
            await _settle(desk_app, pilot)
            await pilot.press("f9")
            await _settle(desk_app, pilot)
            await pilot.press("n")
            await _settle(desk_app, pilot)
            await pilot.press(*"王丽", "enter", *"1234", "enter", *"1234", "enter")

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, adding))


class TestAuditSnapshots:
    """The audit screen: newest first, with text shown literally."""

    def test_list(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        boss = _staff(sqlite_engine, "赵强", Role.SUPERVISOR)
        with session_scope(sqlite_engine) as session:
            for minutes, action, actor, detail in (
                (0, "sign_in", "王丽", None),
                (2, "staff_add", "王丽", '{"name": "李娜", "role": "receptionist"}'),
                (5, "call_add", "李娜", "[b]不是粗体[/b] \x1b[2J"),
                (7, "staff_disable", "admin-os-user", '{"name": "张三"}'),
            ):
                session.add(
                    AuditEvent(
                        at=FROZEN_NOW + timedelta(minutes=minutes),
                        actor=actor,
                        os_user="desk",
                        host="front-1",
                        terminal="/dev/pts/3",
                        action=action,
                        target_kind="staff",
                        target_id=2,
                        detail=detail,
                    )
                )

        async def opened(pilot: Pilot) -> None:
            desk_app.signed_in(boss)
            await _settle(desk_app, pilot)
            await pilot.press("f10")

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, opened))

    def test_event_whole(self, snap_compare, desk_app: DeskApp, sqlite_engine: Engine) -> None:
        boss = _staff(sqlite_engine, "赵强", Role.SUPERVISOR)
        with session_scope(sqlite_engine) as session:
            session.add(
                AuditEvent(
                    at=FROZEN_NOW,
                    actor="王丽",
                    os_user="desk",
                    host="front-1",
                    terminal="/dev/pts/3",
                    action="export",
                    target_kind="call",
                    target_id=12,
                    detail="导出来电记录：" + "兰州市第一人民医院骨科专家门诊咨询" * 8 + "——完",
                )
            )

        async def opened(pilot: Pilot) -> None:
            desk_app.signed_in(boss)
            await _settle(desk_app, pilot)
            await pilot.press("f10")
            await _settle(desk_app, pilot)
            await pilot.press("enter", "enter")

        assert snap_compare(desk_app, terminal_size=SIZE, run_before=_then(desk_app, opened))
