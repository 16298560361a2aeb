"""F1 lists desk's keys in the chosen language: no Textual descriptions, no duplicate rows."""

from __future__ import annotations

import re

from textual.pilot import Pilot

from desk.app import DeskApp
from desk.i18n import set_language
from desk.screens.help import HelpScreen, key_label
from desk.session_info import SignedIn

TEXTUAL_WORDS = (
    "Scroll Up",
    "Focus Next",
    "Focus Previous",
    "Move cursor",
    "Delete right",
    "Copy selected",
    "super+",
    "palette",
    "alt+",
    "^",
)


def screen_text(app: DeskApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def _open_help(app: DeskApp, admin: SignedIn, pilot: Pilot, mode: str) -> str:
    await app.workers.wait_for_complete()
    app.signed_in(admin)
    await pilot.pause()
    app.switch_mode(mode)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return screen_text(app)


def test_key_labels() -> None:
    assert key_label("ctrl+s") == "Ctrl+S"
    assert key_label("f2") == "F2"
    assert key_label("escape") == "Esc"
    assert key_label("shift+tab") == "Shift+Tab"
    assert key_label("pagedown") == "PgDn"
    assert key_label("n") == "n"
    assert key_label("left_square_bracket") == "["


async def test_call_entry_help_is_chinese(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(100, 60)) as pilot:
        text = await _open_help(app, admin, pilot, "calls")
        for english in TEXTUAL_WORDS:
            assert english not in text, english
        rows = app.screen.rows
        keys = [key for key, _description in rows]
        assert ("Alt+1…4", "优先级") in rows
        assert ("Ctrl+S", "保存") in rows
        assert ("F2", "来电登记") in rows
        assert ("Ctrl+P", "命令面板：所有界面和命令") in rows
        assert ("Tab / Shift+Tab", "下一个 / 上一个输入项") in rows
        assert ("Ctrl+X / Ctrl+C / Ctrl+V", "剪切 / 复制 / 粘贴") in rows
        assert not any(re.fullmatch(r"Alt\+[234]", key) for key in keys)
        for group in app.screen.groups:  # each key once per group
            group_keys = [row.key for row in group.rows]
            assert len(group_keys) == len(set(group_keys)), group.title
        assert "Alt+1…4" in text and "优先级" in text
        assert "本界面" in text and "所有界面" in text and "在输入框中" in text
        descriptions = [description for _key, description in rows]
        assert not any(re.search(r"[A-Za-z]{3}", d) for d in descriptions if d != "PIN")


async def test_priority_digits_make_one_row(app: DeskApp, admin: SignedIn) -> None:
    """Off the text fields, 1…4 choose the priority too: one row with Alt+1…4."""
    async with app.run_test(size=(100, 60)) as pilot:
        await app.workers.wait_for_complete()
        app.signed_in(admin)
        await pilot.pause()
        app.switch_mode("calls")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("PriorityPicker").focus()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        rows = app.screen.rows
        assert ("Alt+1…4 / 1…4", "优先级") in rows
        assert not any(key in ("1", "2", "3", "4") for key, _d in rows)


async def test_list_screen_help(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(100, 60)) as pilot:
        text = await _open_help(app, admin, pilot, "queue")
        for english in TEXTUAL_WORDS:
            assert english not in text, english
        rows = app.screen.rows
        assert ("Tab", "切换待办/回电") in rows
        assert ("↑ / ↓", "上一行 / 下一行") in rows
        assert "灰色的按键当前不可用" in text  # nothing chosen yet: route, resolve… dimmed
        assert ("d", "转办") in rows


async def test_help_in_english(app: DeskApp, admin: SignedIn) -> None:
    set_language("en")
    try:
        async with app.run_test(size=(100, 60)) as pilot:
            text = await _open_help(app, admin, pilot, "calls")
            assert "This screen" in text and "Typing in a field" in text
            # (bindings take their words when desk starts, in its language; not checked here)
            assert "Focus Next" not in text and "Scroll Up" not in text
    finally:
        set_language("zh_CN")
