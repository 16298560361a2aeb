"""Sign in: pick your name (type to filter, Chinese or pinyin initials), enter your PIN.

Shown at start, over the open screens for a shift change (Escape goes back), and by the idle
lock with the person who was working already chosen.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from concurrent.futures import CancelledError
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from desk.i18n import _
from desk.rules.pinyin import initials, loaded
from desk.rules.text import one_line
from desk.screens.base import DeskScreen
from desk.session_info import SignedIn
from desk.widgets.db import run_db
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from desk.store.peek import Peek, PeekedSignIn

log = logging.getLogger(__name__)
INITIALS_AFTER_S = 1.0
READS_WAIT_S = 0.1
"""At most this long the card waits for the look's reads before it builds the first screen."""


@dataclass(frozen=True)
class StaffChoice:
    """A name on the sign-in list."""

    id: int
    name: str
    initials: str = ""


class SignInScreen(DeskScreen):
    """Who is at the desk: name, then PIN."""

    CSS_PATH = "sign_in.tcss"
    BINDINGS = [
        Binding("ctrl+s", "sign_in", _("Sign in"), id="sign_in.submit"),
        Binding("escape", "cancel", _("Back"), id="sign_in.cancel"),
        # Enter moves on at once, before the next key is read, so a name, Enter, a PIN and
        # Enter typed in one go (or ahead, while desk starts) land where they were meant;
        # Ctrl+J is Enter as the terminal's line mode sends it before the app starts.
        Binding("enter,ctrl+j", "next", show=False, priority=True, id="sign_in.next"),
    ]

    def __init__(self, current: SignedIn | None = None, *, cancellable: bool = False) -> None:
        super().__init__()
        self.choices: list[StaffChoice] = []
        self.current = current
        """Who was working when the desk locked: chosen already, only the PIN is asked."""
        self.cancellable = cancellable
        """A shift change can be called off with Escape; a lock cannot."""
        self._initials_pending = False
        self._names_loaded = False
        self._looking = False
        """A PIN is being checked by the look at the database (desk.store.peek)."""
        self.checking: Worker[None] | None = None
        """The store checking a PIN (quitting waits for a wrong one to be counted)."""
        self._submit_when_ready = False
        """Enter was pressed before the names came or the typed initials could be matched:
        sign in then."""

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            yield Static(Content(_("Sign in")), id="title")
            if self.current is not None:
                notice = _("The desk is locked. {name}, enter your PIN, or choose another name.")
                yield Static(Content(notice.format(name=one_line(self.current.name))), id="notice")
            elif self.cancellable:
                notice = _("Shift change: the next person signs in. Escape goes back.")
                yield Static(Content(notice), id="notice")
            busy = _(
                "The database is busy: another program is using it. desk keeps trying "
                "every second; Ctrl+Q quits."
            )
            yield Static(Content(busy), id="busy")
            yield Field(_("Your name (type to filter)"), Input(id="filter"), id="filter-field")
            yield OptionList(Option(_("Opening the database…"), disabled=True), id="names")
            yield Field(_("PIN"), Input(id="pin", password=True, max_length=12), id="pin-field")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.cancellable
        return True

    def action_cancel(self) -> None:
        """Call off a shift change: the person who was working carries on."""
        if self.cancellable:
            self.dismiss(None)

    def on_mount(self) -> None:
        if not self.composed("#filter"):
            return
        self.query_one("#filter", Input).focus()

        cheap = loaded()

        def look() -> None:
            # While the database code loads, a read-only look at the file lists the names.
            worker = get_current_worker()
            try:
                peek = self.app.peek_when_looked()  # type: ignore[attr-defined]
                names = peek.staff_names() if peek is not None else None
            except Exception:  # noqa: BLE001 - the store lists them, or says what is wrong
                log.exception("could not look at the names")
                names = None
            if worker.is_cancelled:
                return
            if names is None:
                self.app.call_from_thread(self._load_from_store, cheap)
                return
            choices = [StaffChoice(i, n, initials(n) if cheap else "") for i, n in names]
            self.app.call_from_thread(self._loaded, choices)

        self.run_worker(look, thread=True, group="sign_in.look", exclusive=True)

    def _load_from_store(self, cheap: bool) -> None:
        """List the names through the store (loading the database code if need be)."""

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.staff import list_staff

            return [
                StaffChoice(s.id, s.name, initials(s.name) if cheap else "")
                for s in list_staff(session, include_disabled=False)
                if s.id is not None
            ]

        run_db(self, job, self._loaded, group="sign_in.load", read_only=True)

    def show_busy(self, busy: bool) -> None:
        """Say, or stop saying, that another program keeps the database locked."""
        for notice in self.query("#busy"):
            notice.display = busy and not self._names_loaded

    def _add_initials(self) -> None:
        """Work out the names' pinyin initials off the UI thread (the first use loads pypinyin's
        dictionaries, about half a second), after the names are already on screen."""
        if self._initials_pending or not self.is_current or not self.choices:
            return  # already on it, signed in meanwhile, or the names are not loaded yet
        self._initials_pending = True
        choices = list(self.choices)

        def work() -> None:
            ready = [replace(choice, initials=initials(choice.name)) for choice in choices]
            self.app.call_from_thread(self._initials_ready, ready)

        self.run_worker(work, thread=True, group="sign_in.initials", exclusive=True)

    def _initials_ready(self, choices: list[StaffChoice]) -> None:
        self._initials_pending = False
        self.choices = choices
        if self.query_one("#filter", Input).value.strip():
            self._show(self.query_one("#filter", Input).value)
        if self._submit_when_ready:
            self._submit_when_ready = False
            self.action_sign_in()

    def _loaded(self, choices: list[StaffChoice]) -> None:
        self.choices = choices
        self._names_loaded = True
        self.show_busy(False)
        if not all(choice.initials for choice in choices):  # else pypinyin was loaded
            if self.query_one("#filter", Input).value.strip():
                self._add_initials()  # someone typed before the names came
            else:
                # Nobody signs in within a second: the initials can wait until it is idle.
                self.set_timer(INITIALS_AFTER_S, self._add_initials)
        self._show(self.query_one("#filter", Input).value)
        if self.current is not None:
            names = self.query_one("#names", OptionList)
            try:
                names.highlighted = names.get_option_index(str(self.current.id))
            except KeyError:  # disabled meanwhile: anyone else may sign in
                return
            self.query_one("#pin", Input).focus()
        if self._submit_when_ready and not self._initials_pending:
            self._submit_when_ready = False
            self.action_sign_in()

    def _show(self, text: str) -> None:
        text = text.strip().lower()
        names = self.query_one("#names", OptionList)
        names.clear_options()
        names.add_options(
            Option(Content(one_line(choice.name)), id=str(choice.id))
            for choice in self.choices
            if not text
            or text in choice.name.lower()
            or (choice.initials and choice.initials.startswith(text))
        )
        if names.option_count:
            names.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self._show(event.value)
            if any(not choice.initials for choice in self.choices):
                self._add_initials()  # typing already: no need to wait for the idle moment

    def action_next(self) -> None:
        """From the name to the PIN; from the PIN, sign in."""
        pin = self.query_one("#pin", Input)
        if self.focused is pin:
            # After the digits typed before this Enter, still on their way to the field.
            pin.call_later(self.action_sign_in)
        else:
            self.set_focus(pin)

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#pin", Input).focus()

    def action_sign_in(self) -> None:
        names = self.query_one("#names", OptionList)
        if names.highlighted is None:
            if self._initials_pending or not self._names_loaded:
                # Typed faster than the names came or their initials were worked out.
                self._submit_when_ready = True
                return
            self.query_one("#filter-field", Field).show_error(_("Choose your name."))
            return
        if self._looking:
            return  # Enter again while the look checks the PIN
        staff_id = int(names.get_option_at_index(names.highlighted).id or 0)
        pin = self.query_one("#pin", Input).value
        now = self.app.now()  # type: ignore[attr-defined]
        peek = self.app.early_peek()  # type: ignore[attr-defined]
        if peek is not None:  # the database code is not loaded yet: check with a look
            self._looking = True
            self._look_at_sign_in(peek, staff_id, pin, now)
        else:
            self._check(staff_id, pin, now)
        # The PIN check (scrypt) runs without the interpreter lock: build the first screen
        # meanwhile, if it is not built yet.
        self.app.call_later(self.app.build_opening, at_once=True)  # type: ignore[attr-defined]

    def _look_at_sign_in(self, peek: Peek, staff_id: int, pin: str, now: datetime) -> None:
        """Check the PIN with the look on a thread of its own, started now rather than by the
        event loop, and wait (briefly) for its reads: they need the interpreter lock, which
        the first screen's build would hold (each read would wait its turn, slowing the
        sign-in by a tenth of a second)."""
        app: Any = self.app
        read = threading.Event()

        def look() -> None:
            try:
                found, ahead = app.look_at_sign_in(peek, staff_id, pin, now, read)
            except Exception:  # noqa: BLE001 - the store checks it, and says what is wrong
                log.exception("could not look at a PIN")
                found = ahead = None
            finally:
                read.set()
            with suppress(RuntimeError, CancelledError):  # quit meanwhile: nobody to sign in
                app.call_from_thread(self._looked, found, ahead, staff_id, pin, now)

        context = contextvars.copy_context()  # the thread knows its app, as workers do
        threading.Thread(target=context.run, args=(look,), name="desk-look-at-pin").start()
        read.wait(READS_WAIT_S)

    def _looked(
        self, found: PeekedSignIn | None, ahead: Any, staff_id: int, pin: str, now: datetime
    ) -> None:
        """The look found the PIN right and read the first screen's form: sign in now.
        Otherwise the store checks the PIN (and counts a wrong one), and the form loads from
        it before anyone can type into it."""
        self._looking = False
        if not self.app.is_running:
            return
        if found is not None and ahead is not None and ahead[2] is not None:
            self.app.sign_in_looked_at(found, ahead)  # type: ignore[attr-defined]
        else:
            self._check(staff_id, pin, now)

    def _check(self, staff_id: int, pin: str, now: datetime) -> None:
        """Sign in through the store: the PIN checked, a wrong one counted, the sign-in kept."""

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.staff import authenticate

            return SignedIn.of(authenticate(session, staff_id=staff_id, pin=pin, now=now))

        def failed(error: Exception) -> None:
            self.query_one("#pin-field", Field).show_error(str(error))
            self.query_one("#pin", Input).value = ""

        self.checking = run_db(
            self,
            job,
            self.app.signed_in,  # type: ignore[attr-defined]
            group="sign_in",
            failed=failed,
        )
