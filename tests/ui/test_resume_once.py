"""A screen coming back (an F-key) is restyled once, and not at all the first time it shows."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import Input

from desk.app import DeskApp
from desk.screens.call_entry import CallEntryScreen
from desk.session_info import SignedIn
from desk.widgets.textual_release import textual_release


async def test_each_resume_restyles_the_screen_once_at_most(
    app: DeskApp, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    restyled: list[str] = []
    update = Screen.update_node_styles

    def counted(self, animate: bool = True) -> None:  # type: ignore[no-untyped-def]
        restyled.append(type(self).__name__)
        update(self, animate)

    monkeypatch.setattr(Screen, "update_node_styles", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CallEntryScreen)
        assert "CallEntryScreen" not in restyled  # styled as it was built: shown as is
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        restyled.clear()
        await pilot.press("f2")
        await pilot.pause()
        assert restyled.count("CallEntryScreen") == 1


async def test_a_widget_is_styled_when_it_mounts_not_as_it_is_made(
    app: DeskApp, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual restyles a widget whose constructor sets a class (a compact Input); desk
    styles it once, as it is mounted, and it looks the same."""
    async with app.run_test(size=(120, 40)) as pilot:
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.pause()
        styled: list[object] = []
        apply = app.stylesheet.apply

        def counted(node, *args, **kwargs):  # type: ignore[no-untyped-def]
            styled.append(node)
            return apply(node, *args, **kwargs)

        monkeypatch.setattr(app.stylesheet, "apply", counted)
        made = Input(id="made", compact=True)
        made.add_class("made")
        assert made not in styled
        await app.screen.mount(made)
        await pilot.pause()
        assert styled.count(made) == 1
        assert made.has_class("-textual-compact") and made.styles.height.value == 1


def test_the_textual_release_is_read_without_importlib_metadata() -> None:
    import textual

    assert textual_release() == textual.__version__
