"""A call half typed into the real app survives SIGKILL and comes back on the next start."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session
from sqlmodel import select as sql_select

from desk.models import Draft
from desk.store.engine import open_database
from tests.ui.terminal import Terminal, desk_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def _sign_in(terminal: Terminal) -> None:
    terminal.wait_for("PIN")
    terminal.type("wl", 0.5)
    terminal.type("\r", 0.5)
    terminal.type("1234\r")
    terminal.wait_for("回电号码")
    time.sleep(0.5)


def _draft(url: str) -> dict[str, object] | None:
    kept = _kept(url)
    return kept[1] if kept else None


def _kept(url: str) -> tuple[str, dict[str, object]] | None:
    """The desk and the payload of the draft in the database."""
    engine = open_database(url)
    try:
        with Session(engine) as session:
            draft = session.exec(sql_select(Draft)).first()
            return (draft.desk, json.loads(draft.payload)) if draft else None
    finally:
        engine.dispose()


def test_draft_comes_back_after_kill(tmp_path: Path) -> None:
    db = desk_file(tmp_path)
    url = f"sqlite:///{db}"
    with Terminal(db) as first:
        _sign_in(first)
        first.type("第一医院")  # the cursor starts in the unit: the time is filled in
        first.type("\t")
        first.type("张三")
        first.type("\t")
        first.type("反映病房空调不制冷", 0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            draft = _draft(url)
            if draft and draft.get("content") == "反映病房空调不制冷":
                break
            time.sleep(0.2)
    draft = _draft(url)
    assert draft is not None
    assert (draft["org"], draft["caller"]) == ("第一医院", "张三")

    with Terminal(db) as second:
        _sign_in(second)
        screen = second.wait_for("草稿保存于")
        assert "已恢复上次" in screen
        second.wait_for("反映病房空调不制冷")
        assert "第一医院" in second.seen


def test_a_draft_comes_back_in_a_new_terminal_window(tmp_path: Path) -> None:
    """Without DESK_ID the desk is this computer: a new terminal window (another pts)
    brings back the draft typed in the one that was killed."""
    db = desk_file(tmp_path)
    url = f"sqlite:///{db}"
    first = Terminal(db, desk_id=None)
    try:
        _sign_in(first)
        first.type("第二医院")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _draft(url) is None:
            time.sleep(0.2)
        os.kill(first.pid, signal.SIGKILL)
        os.waitpid(first.pid, 0)
        kept = _kept(url)
        assert kept is not None and kept[1]["org"] == "第二医院"
        first_desk = kept[0]
        # The first terminal stays open (its number taken): the next window gets another.
        with Terminal(db, desk_id=None) as second:
            _sign_in(second)
            second.wait_for("草稿保存于")
            second.wait_for("第二医院")
            time.sleep(0.5)
    finally:
        first.kill()
    kept = _kept(url)
    assert kept is not None and kept[0] != first_desk  # moved to the new terminal
    assert kept[0].split(":")[0] == first_desk.split(":")[0]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_right_after_typing_keeps_the_last_keys(tmp_path: Path, number: int) -> None:
    """A shutdown or a closed terminal within the typing pause: the draft has the last keys."""
    db = desk_file(tmp_path)
    url = f"sqlite:///{db}"
    with Terminal(db) as terminal:
        _sign_in(terminal)
        terminal.type("第三医院", 0.05)
        os.kill(terminal.pid, number)
        terminal.wait_for_exit()
    draft = _draft(url)
    assert draft is not None and draft["org"] == "第三医院"
