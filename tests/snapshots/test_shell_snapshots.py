"""How the shell's screens look: first start, sign-in, overview, help."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.snapshots.conftest import SIZE


async def _settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class TestFirstRunSnapshots:
    """The first administrator form."""

    def test_empty(self, snap_compare, app) -> None:
        assert snap_compare(app, terminal_size=SIZE, run_before=_settle)

    def test_error(self, snap_compare, app) -> None:
        async def run_before(pilot: Pilot) -> None:
            await _settle(pilot)
            await pilot.press(*"张三", "enter", *"12", "enter", "enter")
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestSignInSnapshots:
    """Picking a name and entering a PIN."""

    def test_names(self, snap_compare, app, admin) -> None:
        assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


class TestHomeSnapshots:
    """The overview with today's figures, and F1 over it."""

    def test_overview(self, snap_compare, app, admin) -> None:
        async def run_before(pilot: Pilot) -> None:
            await _settle(pilot)
            pilot.app.signed_in(admin)
            await _settle(pilot)
            pilot.app.switch_mode("home")
            await _settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_help_open(self, snap_compare, app, admin) -> None:
        async def run_before(pilot: Pilot) -> None:
            await _settle(pilot)
            pilot.app.signed_in(admin)
            await _settle(pilot)
            pilot.app.switch_mode("home")
            await _settle(pilot)
            await pilot.press("f1")
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
