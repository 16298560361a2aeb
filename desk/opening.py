"""The start of the app: the database opened behind the sign-in card, and what follows
(before it opens, a read-only look may answer: desk.looking)."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desk.looking import OPENING_IDLE_S, Looking
from desk.screens.first_run import FirstRunScreen
from desk.screens.registry import OPENING_MODES, area
from desk.screens.sign_in import SignInScreen

if TYPE_CHECKING:
    from desk.app import DeskApp

log = logging.getLogger(__name__)


class Opening(Looking):
    """DeskApp's start: open the database off the UI thread (waiting while another program
    holds it), then ask for the first administrator or a name and PIN, and build the first
    screen behind the card meanwhile."""

    def _open_database(self: DeskApp) -> None:
        """Look at the database read-only, or else open it (loading its code), off the UI
        thread; then see who may sign in."""
        if self._connect is None:
            self._load_database()  # the engine was given (tests): nothing to look at
        else:
            self._start_looking()

    def load_database(self: DeskApp) -> None:
        """Load the database code and open the database, once (the look is then set aside)."""
        if not self._load_started.is_set() and self.is_running:
            self._load_database()

    def _load_database(self: DeskApp) -> None:
        """Open the database (and load its code) off the UI thread, then see who may sign in;
        once, whichever way is first (the look failing, the card idle, the form ready...)."""
        with self._load_lock:
            if self._load_started.is_set() and self._connect is not None:
                return
            self._load_started.set()

        def work() -> None:
            try:
                if self._engine is None and self._connect is not None:
                    from desk.store.engine import open_when_free  # waits while locked

                    self._engine = open_when_free(
                        self.settings.db_url,
                        connect=self._connect,
                        still_wanted=lambda: self.is_running,
                        told=self._database_busy,
                    )
                from desk.store.engine import read_engine, session_scope
                from desk.store.staff import count_staff

                with session_scope(read_engine(self._engine)) as session:
                    staff_count = count_staff(session)
            except Exception as error:  # noqa: BLE001 - any failure to open ends the start
                if self.is_running:  # else the user quit meanwhile: nothing to report
                    self.start_failure = error
                self._connected.set()
                self._from_thread(self.exit, None, 2)
                return
            finally:
                gc.enable()  # off while desk started (desk.cli.main)
            self._confirm_as_it_opens()  # a sign-in the look let through, before anything
            self._connected.set()
            self._from_thread(self._staff_known, staff_count)
            self._import_opening()

        if self._connect is None:
            self.run_worker(work, thread=True, group="app.start", exit_on_error=False)
        else:
            # Not a worker: quitting must not wait for a database that hangs (a lock held by
            # another program, an unreachable server); a half-done open is rolled back.
            threading.Thread(target=work, name="desk-open-database", daemon=True).start()

    def _import_opening(self: DeskApp) -> None:
        """Import the first screen after sign-in (off the UI thread), while PINs are typed."""
        opening = area(OPENING_MODES[0])
        if opening is not None:
            try:
                opening.load()
            except Exception:  # noqa: BLE001 - it is imported again, and reported, on use
                log.exception("could not import the first screen ahead")

    def _database_busy(self: DeskApp, busy: bool) -> None:
        """(From the opening thread) the card says whether another program holds the lock."""
        gc.enable()  # off while desk started; the wait may be long
        card = self._card()
        if card is not None:
            self._from_thread(card.show_busy, busy)

    def _from_thread(self: DeskApp, callback: Callable[..., Any], *args: object) -> None:
        """Call back on the UI thread unless the app has stopped meanwhile."""
        if not self.is_running:
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # stopped between the check and the call

    def build_opening(self: DeskApp, *, at_once: bool = False) -> None:
        """Build the first area's screen behind the sign-in card while the name and PIN are
        typed (a few tenths of a second), or `at_once` while the PIN is being checked:
        signing in then only shows it."""
        if not self.prebuild_screens or not self.is_running or self.staff is not None:
            return
        if self._card() is None:
            return  # a first run, or closing
        covered = not isinstance(self.screen, SignInScreen)  # help or the palette over it
        if covered or (not at_once and self.idle_clock() - self._last_input < OPENING_IDLE_S):
            self.set_timer(OPENING_IDLE_S, self.build_opening)
            return
        self._build(OPENING_MODES[0])

    def _card(self: DeskApp) -> SignInScreen | None:
        """The sign-in card shown at start, wherever it is in the stack."""
        return next((s for s in self.screen_stack if isinstance(s, SignInScreen)), None)

    def _staff_known(self: DeskApp, staff_count: int) -> None:
        """The database is open: ask for the first administrator, or for a name and PIN."""
        if self.staff is not None or not self.is_running:
            return  # signed in already (the card's names came first), or closing
        card = self._card()
        if staff_count == 0:
            if card is None:
                self.push_screen(FirstRunScreen())
                return
            while self.screen is not card:  # help or the palette opened over the card
                self.pop_screen()
            self.switch_screen(FirstRunScreen())
            return
        if card is None:
            self.push_screen(SignInScreen())
        self.build_opening()
