"""The start before the database code loads: a read-only look at a desk SQLite file.

On a desk SQLite file at this code's revision that no other program holds locked, a look with
Python's own sqlite3 (desk.store.peek) lists the names, checks the PIN and fills the first form
while SQLAlchemy and the tables (half a second) load later: once the desk is idle, when a
screen needs the store, or soon after sign-in. Whatever the look cannot answer (a wrong PIN
to count, a draft to move...) goes to the store, which loads for it.

A sign-in the look let through is recorded by the store as it opens, before any other store
work runs (desk.opening), and taken back if the name, its PIN, role or lock changed meanwhile;
quitting first waits for that, and for a wrong PIN to be counted.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import suppress
from datetime import datetime
from time import monotonic
from typing import TYPE_CHECKING, Any

from desk.screens.registry import OPENING_MODES, area
from desk.screens.sign_in import SignInScreen

if TYPE_CHECKING:
    from sqlmodel import Session

    from desk.app import DeskApp
    from desk.session_info import SignedIn
    from desk.store.peek import Peek, PeekedSignIn

log = logging.getLogger(__name__)

OPENING_IDLE_S = 0.4
"""The first screen after sign-in is built behind the sign-in card once nobody has typed for
this long (people read the names before they type); so is the database code loaded."""
SETTLE_S = 8.0
"""Quitting waits at most this long for the store to record a sign-in or count a wrong PIN."""
LOAD_IDLE_S = 0.5
LOAD_AFTER_SIGN_IN_S = 1.5
"""After a sign-in checked by the look, the database code loads once nobody has typed for
LOAD_IDLE_S, or this long after at the latest (or at once when a screen needs the store)."""


class Looking:
    """DeskApp's look at the database while its code is not loaded."""

    peek: Peek | None = None
    """The read-only look at the database while its code is not loaded (else None)."""

    _ahead: tuple[int, str, Any] | None = None
    _confirm: tuple[PeekedSignIn, datetime] | None = None
    """A sign-in the look let through, for the store to record as it opens."""
    _confirm_taken = False
    """The store has opened (or is opening) past the point where it records one."""

    def _look(self: DeskApp) -> None:
        """(Off the UI thread) look at the database; on anything but a desk file with staff,
        or any failure, the store opens it instead."""
        staff = 0
        try:
            from desk.store.peek import Peek

            peek = Peek.open(self.settings.db_url)
            staff = (peek.staff_count() or 0) if peek is not None else 0
            if peek is not None and staff:
                self.peek = peek
        except Exception:  # noqa: BLE001 - the store opens it, and says what is wrong
            log.exception("could not look at the database")
        finally:
            if self.peek is None:
                self._load_database()
            self._looked.set()
        if self.peek is not None:
            self._from_thread(self._staff_known, staff)
            self._from_thread(self.set_timer, OPENING_IDLE_S, self._load_when_idle)
            self._import_opening()

    def _start_looking(self: DeskApp) -> None:
        threading.Thread(target=self._look, name="desk-look-at-database", daemon=True).start()

    def early_peek(self: DeskApp) -> Peek | None:
        """The look at the database, while its code is not loaded yet (else None)."""
        return self.peek if not self._load_started.is_set() else None

    def peek_when_looked(self: DeskApp) -> Peek | None:
        """(On a worker thread) early_peek once the look at the database is over."""
        while not self._looked.wait(0.2):
            if not self.is_running:
                return None
        return self.early_peek()

    def _load_when_idle(self: DeskApp) -> None:
        """Load the database code once nobody has typed for a moment (on the card, or in the
        first screen after signing in); whatever needs the store loads it at once."""
        if self._load_started.is_set() or not self.is_running:
            return
        if self.idle_clock() - self._last_input < OPENING_IDLE_S:
            self.set_timer(OPENING_IDLE_S, self._load_when_idle)
            return
        self.load_database()

    def look_at_sign_in(
        self: DeskApp, peek: Peek, staff_id: int, pin: str, now: datetime, read: threading.Event
    ) -> tuple[PeekedSignIn | None, Any]:
        """(Off the UI thread) check a PIN with the look, and read what the first screen
        shows that person. The PIN's check starts first, on a thread of its own (scrypt holds
        no interpreter lock); the reads follow, then `read` is set and the UI thread builds
        the first screen while scrypt runs (reads made while it builds would wait for the
        lock)."""
        checked: list[PeekedSignIn | None] = []
        checking: threading.Thread | None = None
        try:
            record = peek.pin_record(staff_id)
            if record is not None:

                def check() -> None:
                    try:
                        checked.append(record.check(pin, now))
                    except Exception:  # noqa: BLE001 - the store checks it, and says why
                        log.exception("could not check a PIN with the look")

                checking = threading.Thread(target=check, name="desk-pin-check", daemon=True)
                checking.start()
            ahead = self.look_ahead(peek, staff_id) if record is not None else None
        finally:
            read.set()
        if checking is None:
            return None, None
        checking.join()
        found = checked[0] if checked else None
        return found, (ahead if found is not None else None)

    def look_ahead(self: DeskApp, peek: Peek, staff_id: int) -> Any:
        """(Off the UI thread, with the sign-in) what the first screen after sign-in shows,
        read by the look, so that it is drawn once, filled; None if it has no such reading."""
        opening = area(OPENING_MODES[0])
        screen = opening.load() if opening is not None else None
        look = getattr(screen, "look_ahead", None)
        form = getattr(screen, "DRAFT_FORM", "")
        return (staff_id, form, look(peek, self.settings, staff_id)) if look else None

    def form_ahead(self: DeskApp, form: str, staff_id: int | None) -> Any:
        """What look_ahead read for this form and person, once (None: nothing read)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[:2] == (staff_id, form):
            return ahead[2]
        return None

    def sign_in_looked_at(self: DeskApp, found: PeekedSignIn, ahead: Any = None) -> None:
        """A PIN the look found right: sign in now. The store records the sign-in as it opens,
        before any other store work, or now if it has opened meanwhile."""
        now = self.now()
        with self._load_lock:
            queued = not self._confirm_taken
            if queued:
                self._confirm = (found, now)
        self._ahead = ahead
        self.signed_in(found.staff)
        self.set_timer(LOAD_IDLE_S, self._load_when_idle)
        self.set_timer(LOAD_AFTER_SIGN_IN_S, self.load_database)
        if not queued:
            from desk.widgets.db import run_db

            def job(session: Session) -> str | None:
                return self._confirmed(session, found, now)

            def done(refusal: str | None) -> None:
                self._taken_back(found.staff, refusal)

            def broken(message: str) -> None:
                self._taken_back(found.staff, message)

            run_db(self, job, done, group="app.confirm_sign_in", broken=broken)

    def _confirm_as_it_opens(self: DeskApp) -> None:
        """(In the opening thread, before the store serves anyone) record a sign-in the look
        let through, or take it back."""
        with self._load_lock:
            self._confirm_taken = True
            pending, self._confirm = self._confirm, None
        if pending is None:
            return
        from desk.store.engine import session_scope

        found, now = pending
        try:
            assert self._engine is not None  # opened: the store serves nobody else yet
            with session_scope(self._engine) as session:
                refusal = self._confirmed(session, found, now)
        except Exception as error:  # noqa: BLE001 - not recorded: not signed in
            from desk.store.errors import database_failure

            log.exception("could not record a sign-in")
            refusal = database_failure(error)
        if refusal is not None:
            self._from_thread(self._taken_back, found.staff, refusal)

    @staticmethod
    def _confirmed(session: Session, found: PeekedSignIn, now: datetime) -> str | None:
        """Record the sign-in; why it is refused, if it is (nothing is written then)."""
        from desk.store.errors import StoreError
        from desk.store.staff import confirm_sign_in

        staff = found.staff
        try:
            confirm_sign_in(
                session, staff_id=staff.id, pin_hash=found.pin_hash, role=staff.role, now=now
            )
        except StoreError as error:
            return str(error)
        return None

    async def settle_sign_in(self: DeskApp) -> None:
        """Before quitting: the store records a sign-in the look let through and counts a
        wrong PIN being checked, and opens for the drafts of whoever is signed in (at most
        SETTLE_S); quitting from the card with nothing pending does not wait."""
        checking = next(
            (
                s.checking
                for s in self.screen_stack
                if isinstance(s, SignInScreen) and s.checking and s.checking.is_running
            ),
            None,
        )
        if checking is None and (self.staff is None or self._connected.is_set()):
            return
        self.load_database()
        started = monotonic()
        await asyncio.to_thread(self._connected.wait, SETTLE_S)
        if checking is not None:
            left = max(0.1, SETTLE_S - (monotonic() - started))
            with suppress(Exception):  # counted or not, quitting goes on
                await asyncio.wait_for(checking.wait(), left)

    def _taken_back(self: DeskApp, staff: SignedIn, refusal: str | None) -> None:
        """The store refused a sign-in the look let through: back to the card, saying why."""
        if refusal is None:
            return
        if self.staff == staff and not self.is_locked():
            self.push_screen(SignInScreen())
        self.show_error(refusal)
