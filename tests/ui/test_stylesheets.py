"""Every screen's stylesheet is read once the sign-in card is drawn, before any other screen
is built: no screen makes Textual re-parse all CSS and restyle every open widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

import desk
from desk.app import DeskApp
from desk.session_info import SignedIn

STYLESHEETS = sorted(
    str(path)
    for folder in ("screens", "dialogs")
    for path in (Path(desk.__file__).parent / folder).glob("*.tcss")
)


def read(app: DeskApp) -> list[str]:
    return sorted(path for path, _var in app.stylesheet.source if path in STYLESHEETS)


async def test_the_stylesheets_are_read_after_the_card_and_never_again(
    app: DeskApp, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(1)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert read(app) == STYLESHEETS  # all of them, the card drawn
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in ("f3", "f4", "f5", "f6", "f2"):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert reparsed == []


def test_the_card_is_styled_from_its_own_stylesheets_only() -> None:
    first = {Path(path).name for path in DeskApp.CSS_PATH}
    assert first == {"desk.tcss", "sign_in.tcss", "first_run.tcss"}
