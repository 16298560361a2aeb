"""A database another program keeps locked at start: the card says so and desk keeps trying."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from textual.widgets import Static

from desk.app import DeskApp, make_app
from desk.cli.context import CliState
from desk.config import Settings
from desk.screens.sign_in import SignInScreen
from desk.store.engine import sqlite_path
from desk.store.errors import is_busy
from tests.ui.conftest import add_staff, wait_until
from tests.ui.test_start import names_shown


def _lock(settings: Settings) -> sqlite3.Connection:
    """Another program takes the database's exclusive lock and keeps it."""
    path = sqlite_path(settings.db_url)
    assert path is not None and path.is_file()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def _busy_notice(app: DeskApp) -> str | None:
    """The card's busy line, if shown."""
    card = next(s for s in app.screen_stack if isinstance(s, SignInScreen))
    notice = card.query_one("#busy", Static)
    return str(notice.render()) if notice.display else None


def _locked_start(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> tuple[sqlite3.Connection, DeskApp]:
    """A desk database held by another program, and desk about to start on it."""
    add_staff(sqlite_engine, name="王丽", pin="1234")
    sqlite_engine.dispose()
    holder = _lock(settings)
    app = make_app(settings, CliState(db=str(sqlite_path(settings.db_url))).engine, clock=clock)
    return holder, app


async def _until_busy(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the card to say the database is busy."""
    await wait_until(pilot, lambda: bool(_busy_notice(app)))


async def test_the_card_says_the_database_is_busy_until_it_is_free(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    holder, app = _locked_start(settings, sqlite_engine, clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _until_busy(app, pilot)
            notice = _busy_notice(app)
            assert notice is not None and "数据库正被其他程序占用" in notice
            assert "每秒重试" in notice and "Ctrl+Q" in notice
            await pilot.pause(2.5)  # still waiting, still saying so: no 15 s end
            assert app.is_running and app.start_failure is None and _busy_notice(app)
            assert names_shown(app) == ["正在打开数据库…"]
            holder.execute("ROLLBACK")
            holder.close()
            for _ in range(200):
                await pilot.pause(0.05)
                if names_shown(app) == ["王丽"]:
                    break
            assert names_shown(app) == ["王丽"]
            assert _busy_notice(app) is None
    finally:
        holder.close()


async def test_ctrl_q_quits_at_once_while_the_database_is_locked(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    holder, app = _locked_start(settings, sqlite_engine, clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _until_busy(app, pilot)
            assert _busy_notice(app)
            started = time.monotonic()
            await pilot.press("ctrl+q")
        assert time.monotonic() - started < 1.5
        assert app.start_failure is None and app.return_code == 0
    finally:
        holder.close()


def test_locked_is_known_however_it_is_wrapped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    path = tmp_path / "x.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.1})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT * FROM t"))
    except OperationalError as error:
        assert is_busy(error)
        wrapped = RuntimeError("Cannot open")
        wrapped.__cause__ = error
        assert is_busy(wrapped)
    else:
        raise AssertionError("the lock was not seen")
    finally:
        holder.close()
        engine.dispose()
    assert not is_busy(sqlite3.OperationalError("no such table: t"))


def test_in_a_terminal_desk_waits_for_a_locked_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The real start: another program keeps the lock; the card says so at once (not after
    15 s), and once the lock is let go the names come; Ctrl+Q then quits."""
    import os
    import signal

    from desk.store.engine import open_database
    from tests.ui.test_draft_survives_kill import Terminal

    db = tmp_path / "desk.db"
    engine = open_database(f"sqlite:///{db}")
    add_staff(engine, name="王丽", pin="1234")
    engine.dispose()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    terminal = Terminal(db)
    try:
        started = time.monotonic()
        terminal.wait_for("数据库正被其他程序占用", timeout=30)
        assert time.monotonic() - started < 14
        holder.execute("ROLLBACK")
        terminal.wait_for("王丽", timeout=30)
        terminal.type("\x11")  # Ctrl+Q
        status = terminal.wait_for_exit()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        holder.close()
        try:
            os.kill(terminal.pid, signal.SIGKILL)
            os.waitpid(terminal.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(terminal.fd)
