"""Start-up on a desk SQLite file: a read-only look lists the names, checks the PIN and fills
the call entry while the database code is still loading (the Gate holds it back); the store
then records the sign-in, or takes it back."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from unittest.mock import patch

from sqlalchemy import Engine
from sqlmodel import select

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.identity import desk_id
from desk.models import AuditEvent, Staff
from desk.screens.call_entry import CallEntryScreen
from desk.screens.sign_in import SignInScreen
from desk.store.calls import entry_choices
from desk.store.drafts import save_draft
from desk.store.engine import session_scope
from desk.store.peek import Peek, PinRecord
from desk.store.staff_admin import reset_pin
from tests.ui.conftest import WAIT_S, add_staff, wait_until
from tests.ui.test_start import Gate, names_shown


def audited(engine: Engine, action: str) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def pin_error(app: DeskApp) -> str:
    return str(app.screen.query_one("#pin-field .field-error").render())


def departments_made(engine: Engine, settings: Settings) -> None:
    """The configured departments, as the first day's use of the call entry leaves them (the
    look answers for the form only then; else the store adds them first)."""
    with session_scope(engine) as session:
        entry_choices(session, department_names=settings.departments)


@asynccontextmanager
async def on_the_card(
    settings: Settings,
    engine: Engine,
    clock: Callable[[], datetime],
    names: list[str],
    *,
    open_gate: bool = False,
) -> AsyncIterator[tuple[DeskApp, Any, Gate]]:
    """The app started on the desk file, its database code held back by a Gate (loaded at
    once with `open_gate`), once the card lists `names` (read by the look)."""
    gate = Gate(engine)
    if open_gate:
        gate.open.set()
    app = looking_app(settings, gate, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: names_shown(app) == names)
        yield app, pilot, gate


def looking_app(settings: Settings, gate: Gate, clock: Callable[[], datetime]) -> DeskApp:
    """The app on the gated desk file, the database code loaded only when something needs
    the store: a running desk also loads it once the card has been idle a moment, which a
    loaded machine (CI) reaches between two keys, and then the store checks the PIN."""
    app = make_app(settings, gate, clock=clock)
    app.NOTIFICATION_TIMEOUT = 120
    app._load_when_idle = lambda: None  # type: ignore[method-assign]
    return app


async def test_the_look_signs_in_and_fills_the_form_before_the_store_loads(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    add_staff(sqlite_engine, name="李娜", pin="5678")
    with session_scope(sqlite_engine) as session:
        save_draft(
            session, desk=desk_id(), form="call", staff_id=wang.id, payload={"org": "第一医院"}
        )
        entry_choices(session, department_names=settings.departments)  # the first run's
    async with on_the_card(settings, sqlite_engine, clock, ["李娜", "王丽"]) as (app, pilot, gate):
        assert names_shown(app) == ["李娜", "王丽"]
        await pilot.press(*"王丽", "enter", *"1234", "enter")
        await wait_until(
            pilot, lambda: isinstance(app.screen, CallEntryScreen) and app.screen._ready
        )
        screen = app.screen
        assert isinstance(screen, CallEntryScreen) and screen._ready
        assert app.staff == wang
        assert screen.form.values()["org"] == "第一医院"  # the draft, read by the look
        assert screen.form.values()["recorder"] == wang.id
        assert audited(sqlite_engine, "sign_in") == 0  # the store is not loaded yet
        gate.open.set()
        await wait_until(pilot, lambda: audited(sqlite_engine, "sign_in") == 1)
        assert audited(sqlite_engine, "sign_in") == 1
        assert isinstance(app.screen, CallEntryScreen)
    assert gate.calls == 1


async def test_a_wrong_pin_waits_for_the_store_which_counts_it(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"]) as (app, pilot, gate):
        await pilot.press("enter", *"9999", "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SignInScreen) and app.staff is None
        gate.open.set()
        await wait_until(pilot, lambda: "PIN 错误" in pin_error(app))
        error = pin_error(app)
        assert "PIN 错误" in error
        assert app.staff is None
    with session_scope(sqlite_engine) as session:
        assert session.get(Staff, wang.id).failed_pins == 1  # type: ignore[union-attr]


async def test_a_pin_changed_meanwhile_takes_the_sign_in_back(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    departments_made(sqlite_engine, settings)
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"]) as (app, pilot, gate):
        await pilot.press("enter", *"1234", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CallEntryScreen))
        assert app.staff == wang
        with session_scope(sqlite_engine) as session:  # an administrator, elsewhere
            reset_pin(session, actor=None, staff_id=wang.id, pin="4321")
        gate.open.set()
        await wait_until(pilot, lambda: bool(app.screen.query("#message")))
        assert any(isinstance(s, SignInScreen) for s in app.screen_stack)
        assert "PIN" in str(app.screen.query_one("#message").render())
    assert audited(sqlite_engine, "sign_in") == 0


async def test_a_desk_file_with_nobody_yet_goes_to_the_first_run_through_the_store(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    from desk.screens.first_run import FirstRunScreen

    gate = Gate(sqlite_engine)
    app = looking_app(settings, gate, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert not isinstance(app.screen, FirstRunScreen)  # the store decides, once loaded
        assert app.early_peek() is None
        gate.open.set()
        await wait_until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
        assert isinstance(app.screen, FirstRunScreen)
    assert gate.calls == 1


def open_gate_after(gate: Gate, seconds: float) -> None:
    """Let the database code finish loading a moment from now, as it would by itself."""
    import threading

    threading.Timer(seconds, gate.open.set).start()


def failed_pins(engine: Engine, staff_id: int) -> int:
    with session_scope(engine) as session:
        found = session.get(Staff, staff_id)
        assert found is not None
        return found.failed_pins


async def test_quitting_right_after_a_wrong_pin_still_counts_it(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"]) as (app, pilot, gate):
        await pilot.press("enter", *"9999", "enter")
        await pilot.pause(0.2)
        open_gate_after(gate, 0.3)
        await app.action_quit()
    assert failed_pins(sqlite_engine, wang.id) == 1
    assert audited(sqlite_engine, "sign_in_failed") == 1


async def test_quitting_right_after_a_looked_at_sign_in_records_it_and_keeps_the_draft(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    from desk.store.drafts import load_draft

    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    with session_scope(sqlite_engine) as session:
        entry_choices(session, department_names=settings.departments)
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"]) as (app, pilot, gate):
        await pilot.press("enter", *"1234", "enter")
        await wait_until(
            pilot, lambda: isinstance(app.screen, CallEntryScreen) and app.screen._ready
        )
        assert isinstance(app.screen, CallEntryScreen) and app.screen._ready
        await pilot.press(*"第一医院")
        open_gate_after(gate, 0.3)
        await app.action_quit()
    assert audited(sqlite_engine, "sign_in") == 1
    with session_scope(sqlite_engine) as session:
        kept = load_draft(session, desk=desk_id(), form="call", staff_id=wang.id)
    assert kept is not None and kept.payload["org"] == "第一医院"


async def test_enter_twice_signs_in_once(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    add_staff(sqlite_engine, name="王丽", pin="1234")
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"], open_gate=True) as (
        app,
        pilot,
        gate,
    ):
        await pilot.press("enter", *"1234", "enter", "enter", "ctrl+s")
        await wait_until(pilot, lambda: audited(sqlite_engine, "sign_in") >= 1)
        await pilot.pause(0.5)
    assert audited(sqlite_engine, "sign_in") == 1


async def test_a_role_changed_meanwhile_takes_the_sign_in_back(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    from desk.models import Role
    from desk.store.staff_admin import set_role

    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    add_staff(sqlite_engine, name="李娜", pin="5678")  # an administrator stays
    departments_made(sqlite_engine, settings)
    gate = Gate(sqlite_engine)
    app = looking_app(settings, gate, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(names_shown(app)) == 2)
        await pilot.press(*"王丽", "enter", *"1234", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CallEntryScreen))
        assert isinstance(app.screen, CallEntryScreen)
        with session_scope(sqlite_engine) as session:
            set_role(session, actor=None, staff_id=wang.id, role=Role.RECEPTIONIST)
        gate.open.set()
        await wait_until(pilot, lambda: bool(app.screen.query("#message")))
        assert "重新登录" in str(app.screen.query_one("#message").render())
        assert any(isinstance(s, SignInScreen) for s in app.screen_stack)
    assert audited(sqlite_engine, "sign_in") == 0


async def test_a_look_that_fails_leaves_the_start_to_the_store(
    settings: Settings,
    sqlite_engine: Engine,
    clock: Callable[[], datetime],
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    def broken(cls, url):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desk.store.peek.Peek.open", classmethod(broken))
    add_staff(sqlite_engine, name="王丽", pin="1234")
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"], open_gate=True) as (
        app,
        pilot,
        gate,
    ):
        assert names_shown(app) == ["王丽"]


async def test_a_damaged_pin_hash_is_the_stores_to_report(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    with session_scope(sqlite_engine) as session:
        staff = session.get(Staff, wang.id)
        assert staff is not None
        staff.pin_hash = "scrypt$16384$8$1$%%%$%%%"
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"], open_gate=True) as (
        app,
        pilot,
        gate,
    ):
        await pilot.press("enter", *"1234", "enter")
        await wait_until(
            pilot, lambda: bool(app.screen.query("#message")) or "PIN" in pin_error(app)
        )
        assert app.is_running and app.staff is None


async def test_a_form_the_look_cannot_fill_waits_for_the_store_before_anyone_types(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    add_staff(sqlite_engine, name="王丽", pin="1234")  # no departments yet: the store adds them
    async with on_the_card(settings, sqlite_engine, clock, ["王丽"]) as (app, pilot, gate):
        await pilot.press("enter", *"1234", "enter")
        await pilot.pause(0.3)
        assert app.staff is None and isinstance(app.screen, SignInScreen)
        gate.open.set()
        await wait_until(
            pilot, lambda: isinstance(app.screen, CallEntryScreen) and app.screen._ready
        )
        assert isinstance(app.screen, CallEntryScreen) and app.screen._ready


def test_the_look_checks_the_pin_while_it_reads_the_form(
    settings: Settings, sqlite_engine: Engine, sqlite_url: str, clock: Callable[[], datetime]
) -> None:
    """The PIN check (scrypt, no interpreter lock) starts before the reads; the card is let
    go to build the first screen once the reads are over, while the PIN is still checked."""
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    departments_made(sqlite_engine, settings)
    peek = Peek.open(sqlite_url)
    assert peek is not None
    app = make_app(settings, sqlite_engine, clock=clock)
    events: list[threading.Event] = []
    began = threading.Event()
    seen: list[bool] = []
    check = PinRecord.check
    look_ahead = type(app).look_ahead

    def checked(record: PinRecord, pin: str, now: datetime) -> Any:
        read = events[-1]
        seen.append(read.is_set())
        began.set()
        if not read.wait(WAIT_S):  # the reads never wait for the check to end
            raise AssertionError("the card was held until the PIN was checked")
        return check(record, pin, now)

    def reads(self: Any, *args: Any) -> Any:
        began.wait(WAIT_S)  # the check has begun (however slow a loaded machine starts it)
        return look_ahead(self, *args)

    def look(staff_id: int, pin: str) -> Any:
        events.append(threading.Event())
        began.clear()
        return app.look_at_sign_in(peek, staff_id, pin, clock(), events[-1])

    with patch.object(PinRecord, "check", checked), patch.object(type(app), "look_ahead", reads):
        found, ahead = look(wang.id, "1234")
        assert found is not None and found.staff == wang
        assert ahead is not None and ahead[:2] == (wang.id, "call")
        assert look(wang.id, "9999") == (None, None)  # nothing read is handed on
        assert look(9999, "1234") == (None, None)  # no such name: nothing to check
    assert seen == [False, False]  # each check began before the reads were over
    assert all(event.is_set() for event in events)  # and the card was let go each time
