"""The Ctrl+P command palette in Chinese: its own words, the system commands, pinyin."""

from __future__ import annotations

from textual.command import CommandInput, CommandList

from desk.app import DeskApp
from desk.screens.sign_in import SignInScreen
from desk.session_info import SignedIn
from desk.widgets.palette import DeskCommandPalette


def screen_text(app: DeskApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def prompts(app: DeskApp) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _open(app: DeskApp, admin: SignedIn, pilot) -> None:  # noqa: ANN001
    await app.workers.wait_for_complete()
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    assert isinstance(app.screen, DeskCommandPalette)


async def _choose_first(app: DeskApp, pilot, query: str, title: str) -> None:  # noqa: ANN001
    """Type a search into the open palette; its first command must be `title`: run it."""
    await pilot.press(*query)
    await pilot.pause(0.5)
    shown = prompts(app)
    assert shown and title in shown[0]
    await pilot.press("enter")


async def test_palette_speaks_chinese(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(app, admin, pilot)
        assert app.screen.query_one(CommandInput).placeholder.startswith("搜索命令…")
        text = screen_text(app)
        assert "搜索命令" in text
        for english in ("Search for commands", "Keys", "Quit", "Screenshot", "Theme"):
            assert english not in text, english
        shown = prompts(app)
        for title in ("配色主题", "退出", "帮助 (F1)", "来电登记 (F2)"):
            assert any(title in prompt for prompt in shown), title
        assert not any(prompt.startswith(("按键", "Keys")) for prompt in shown)  # Textual's panel
        await pilot.press(*"zzzq")
        await pilot.pause(1.0)
        assert "没有找到匹配项" in screen_text(app)
        assert "No matches" not in screen_text(app)


async def test_palette_finds_pinyin_initials(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(app, admin, pilot)
        await _choose_first(app, pilot, "lddj", "来电登记")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.current_mode == "calls"


async def test_palette_maximize_and_theme_in_chinese(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(app, admin, pilot)
        await pilot.press(*"配色")
        await pilot.pause(0.5)
        assert "配色主题" in prompts(app)[0]
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, DeskCommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索主题…"
        assert "Search for themes" not in screen_text(app)


async def test_palette_offers_no_screenshot(app: DeskApp, admin: SignedIn) -> None:
    """Textual's screenshot would write the screen, patients' details and all, to a file."""
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(app, admin, pilot)
        assert not any("截图" in prompt or "SVG" in prompt for prompt in prompts(app))
        for query in ("截图", "jt", "screenshot", "svg"):
            await pilot.press(*query)
            await pilot.pause(0.5)
            assert not any("截图" in p or "Screenshot" in p for p in prompts(app)), query
            await pilot.press(*["backspace"] * len(query))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles and not any("截图" in t or "Screenshot" in t for t in titles)


async def test_palette_offers_the_shift_change(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await _open(app, admin, pilot)
        await _choose_first(app, pilot, "hb", "换班 (Ctrl+L)")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
