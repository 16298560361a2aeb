"""F6 rates: ← and → move the period even while the scrolling table has the focus."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from desk.screens.rates import RatesScreen
from tests.calls_helper import settle, shown
from tests.snapshots.test_followup_snapshots import seed


@pytest.mark.parametrize("width", [60, 130])
async def test_arrows_move_the_period(app, admin, sqlite_engine, settings, width) -> None:  # type: ignore[no-untyped-def]
    seed(sqlite_engine, settings)
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(app, pilot, 1)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RatesScreen)
        assert screen.focused is screen.query_one("#body")  # the scroll area takes the focus
        period = screen.query_one("#period", Static)
        assert "2026-11" in shown(period)
        await pilot.press("left")
        await settle(app, pilot)
        assert "2026-10" in shown(period)
        await pilot.press("right", "right")
        await settle(app, pilot)
        assert "2026-12" in shown(period)
        await pilot.press("q", "left")
        await settle(app, pilot)
        assert "2026-Q3" in shown(period)
