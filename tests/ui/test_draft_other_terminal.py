"""A draft comes back when desk starts again in another terminal of the same computer."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Static

from desk.app import DeskApp
from desk.models import Draft
from desk.session_info import SignedIn
from desk.store.drafts import save_draft
from desk.store.engine import session_scope
from tests.ui.test_call_entry import open_entry, settle, text_of


@pytest.fixture
def new_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """desk runs on computer pc1 in /dev/pts/9, without DESK_ID."""
    monkeypatch.delenv("DESK_ID", raising=False)
    monkeypatch.setattr("desk.identity.socket.gethostname", lambda: "pc1")
    monkeypatch.setattr("desk.identity.terminal", lambda: "/dev/pts/9")


@pytest.mark.usefixtures("new_terminal")
async def test_a_draft_typed_in_another_terminal_comes_back(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    with session_scope(sqlite_engine) as session:
        for desk, content in (("pc1:/dev/pts/5", "更早的"), ("pc1:/dev/pts/3", "说到一半")):
            payload = {
                "org": "第一医院",
                "caller": "张三",
                "content": content,
                "number": "13812345678",
            }
            save_draft(session, desk=desk, form="call", staff_id=admin.id, payload=payload)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        assert (form.values()["org"], form.values()["content"]) == ("第一医院", "说到一半")
        notice = text_of(app.screen.query_one("#notice", Static))
        assert notice.startswith("已恢复上次未保存的来电记录")
        assert "其他终端" in notice  # the older one is not lost silently
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert form.values()["content"] == ""  # saved
    with Session(sqlite_engine) as session:
        left = {d.desk: d.payload for d in session.exec(select(Draft))}
    assert list(left) == ["pc1:/dev/pts/5"]  # the saved one is gone from every terminal
    assert "更早的" in left["pc1:/dev/pts/5"]
