"""A shift change at the call entry: the draft stays with its author, the form starts afresh."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Input

from desk.app import DeskApp
from desk.models import Draft, Role
from desk.session_info import SignedIn
from tests.ui.conftest import add_staff
from tests.ui.test_call_entry import open_entry, settle


async def test_shift_change_keeps_the_draft_with_its_author(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    li = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        app.screen.query_one("#caller", Input).focus()
        await pilot.press(*"张三")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press(*"ln", "enter", *"1234", "enter")
        await settle(app, pilot)
        assert app.staff == li
        form = app.screen.query_one(type(form))
        assert form.values()["caller"] == ""  # the next person starts with an empty form
        with Session(sqlite_engine) as session:
            drafts = {d.staff_id: json.loads(d.payload) for d in session.exec(select(Draft))}
        assert drafts[admin.id]["caller"] == "张三"
        assert li.id not in drafts
        said = [str(n.message) for n in app._notifications]
        assert f"{admin.name} 正在填写的内容已存为其草稿，{admin.name} 下次登录时会恢复。" in said
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press(*"wl", "enter", *"1234", "enter")
        await settle(app, pilot)
        assert app.staff == admin
        assert app.screen.query_one(type(form)).values()["caller"] == "张三"
