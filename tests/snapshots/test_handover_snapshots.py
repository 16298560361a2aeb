"""Snapshots of the handover screen: empty and filled."""

from __future__ import annotations

from sqlalchemy import Engine

from desk.app import make_app
from desk.config import Settings
from desk.models import Role
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import create_staff
from tests.calls_helper import settle
from tests.store.sample_records import fill_sample


class TestHandoverSnapshots:
    """The handover screen, signed in, at a frozen time."""

    def _app(self, settings: Settings, engine: Engine, clock, staff: SignedIn):  # type: ignore[no-untyped-def]
        app = make_app(settings, engine, clock=clock)

        async def before(pilot) -> None:  # type: ignore[no-untyped-def]
            await app.workers.wait_for_complete()
            app.signed_in(staff)
            await pilot.pause()
            await pilot.press("f7")
            await settle(app, pilot)

        return app, before

    def test_empty(self, snap_compare, settings, sqlite_engine, clock) -> None:  # type: ignore[no-untyped-def]
        with session_scope(sqlite_engine) as session:
            staff = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
        app, before = self._app(settings, sqlite_engine, clock, staff)
        assert snap_compare(app, run_before=before, terminal_size=(120, 30))

    def test_filled(self, snap_compare, settings, sqlite_engine, clock) -> None:  # type: ignore[no-untyped-def]
        ids = fill_sample(sqlite_engine)
        staff = SignedIn(id=ids["staff"], name="王丽", role=Role.ADMIN)
        app, before = self._app(settings, sqlite_engine, clock, staff)
        assert snap_compare(app, run_before=before, terminal_size=(120, 30))
