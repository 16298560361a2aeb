"""Quitting at once after typing keeps the last keys in the draft (no typing pause needed)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Input

from desk.app import DeskApp
from desk.models import Draft
from desk.session_info import SignedIn
from tests.ui.conftest import wait_until
from tests.ui.test_call_entry import open_entry
from tests.ui.test_visits import open_visits


def drafts(engine: Engine) -> dict[str, dict[str, object]]:
    with Session(engine) as session:
        return {d.form: json.loads(d.payload) for d in session.exec(select(Draft))}


async def test_ctrl_q_right_after_typing_keeps_the_last_keys(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        await pilot.press(*"第一医院", "tab", *"张三")
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
    assert not app.is_running
    kept = drafts(sqlite_engine)["call"]
    assert (kept["org"], kept["caller"]) == ("第一医院", "张三")


async def test_quit_keeps_the_drafts_of_every_open_entry_screen(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    """A call half typed under F2 and a visit being typed under F4: both kept when the
    palette's 退出 quits (Ctrl+Q and the signals run the same quit)."""
    async with app.run_test(size=(120, 44)) as pilot:
        await open_entry(app, pilot, admin)
        await pilot.press(*"第一医院")
        form = await open_visits(app, pilot, admin)
        form.query_one("#name", Input).focus()
        await pilot.press(*"周女士")
        quit_command = next(c for c in app.get_system_commands(app.screen) if c.title == "退出")
        await quit_command.callback()  # the palette's 退出
    kept = drafts(sqlite_engine)
    assert kept["call"]["org"] == "第一医院"
    assert kept["visit"]["name"] == "周女士"


async def test_quit_does_not_wait_for_a_database_that_hangs(
    app: DeskApp, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from desk.store import drafts

    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        monkeypatch.setattr("desk.app.QUIT_WAIT_S", 0.3)

        def hang(session, **_kwargs):  # type: ignore[no-untyped-def]
            time.sleep(2)

        monkeypatch.setattr(drafts, "save_draft", hang)  # imported by the draft job
        await pilot.press(*"第一医院")
        started = time.monotonic()
        await app.action_quit()
        assert time.monotonic() - started < 1.0


async def test_quit_does_not_wait_for_a_draft_write_that_hangs(
    app: DeskApp, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft write after a typing pause hangs (the file locked by another program); quitting
    gives up on it after QUIT_WAIT_S instead of waiting for it and then for one more write."""
    import threading
    import time

    from desk.store import drafts

    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        monkeypatch.setattr("desk.app.QUIT_WAIT_S", 0.3)
        writing = threading.Event()

        def hang(session, **_kwargs):  # type: ignore[no-untyped-def]
            writing.set()
            time.sleep(3)

        monkeypatch.setattr(drafts, "save_draft", hang)
        await pilot.press(*"第一医院")
        await wait_until(pilot, writing.is_set)  # the typing pause's write, hanging
        assert writing.is_set()
        started = time.monotonic()
        await app.action_quit()
        assert time.monotonic() - started < 2.0


async def test_a_draft_write_that_failed_is_written_again_on_quit(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writes after the typing pauses failed (the file locked a while); quitting with
    the same text typed writes it, rather than taking it for written."""
    from sqlalchemy.exc import OperationalError

    from desk.store import drafts as store_drafts

    save = store_drafts.save_draft
    locked = [True]
    tried: list[str] = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        if locked[0]:
            tried.append(kwargs["payload"]["org"])
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return save(*args, **kwargs)

    monkeypatch.setattr(store_drafts, "save_draft", flaky)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(app, pilot, admin)
        await pilot.press(*"第一医院")
        # The typing pause: that write fails (as may one in a pause while typing).
        await wait_until(pilot, lambda: tried[-1:] == ["第一医院"], workers=True)
        assert tried[-1:] == ["第一医院"] and "call" not in drafts(sqlite_engine)
        locked[0] = False  # free again, and nothing typed since
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
    assert drafts(sqlite_engine)["call"]["org"] == "第一医院"
