"""DeskApp: the areas as modes, global keys, sign-in and errors; routing only."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from desk.config import Settings
from desk.i18n import _
from desk.opening import Opening
from desk.rules.pinyin import load as load_pinyin
from desk.screens.base import DeskScreen
from desk.screens.first_run import FirstRunScreen
from desk.screens.registry import OPENING_MODES, Area, area, available_areas
from desk.screens.sign_in import SignInScreen
from desk.session_info import SignedIn, StaffChange
from desk.store.errors import DatabaseError
from desk.styling import FIRST_STYLESHEETS, Styling
from desk.widgets.alt_keys import plain_alt_key
from desk.widgets.output import outlast_the_terminal
from desk.widgets.wide_chars import draw_wide_characters_whole

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from textual.command import Provider

log = logging.getLogger("desk")
WARM_UP_AFTER_S = 1.0
"""The other areas' code and pypinyin load this long after the first sign-in, in the
background, once the first screen is up."""
PREBUILD_SCREENS = True
"""Tests that script keys and time turn this off (tests/ui/conftest.py); one test covers it."""
PREBUILD_MODES = ("log", "queue", "visits", "followups", "appointments", "handover")
"""The desk's everyday areas, built ahead; the supervisors' and administrators' screens are
built when first opened (each built screen holds a couple of MB)."""
PREBUILD_GAP_S = 0.3
"""Between building two area screens (each takes the UI a few tenths of a second)."""
PREBUILD_IDLE_S = 1.0
"""No screen is built within this long after a key press."""
QUIT_WAIT_S = 2.0
"""Quitting waits this long at most for the screens to keep their drafts (a database that
hangs must not keep desk from closing)."""


def _commands() -> type[Provider]:
    """desk's palette commands, imported when the palette first opens (not at start)."""
    from desk.widgets.palette import DeskCommandsProvider

    return DeskCommandsProvider


class DeskApp(Opening, Styling, App[None]):
    """The front-desk register."""

    # The first screens' stylesheets are read at start, every other one once the first screen
    # is drawn (read_stylesheets): a screen that brought a stylesheet Textual has not seen
    # would have it re-parse all CSS and restyle every open widget (hundreds of ms).
    CSS_PATH = ["desk.tcss", *FIRST_STYLESHEETS]
    TITLE = "desk"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {_commands}
    BINDINGS = [
        Binding("f1", "help", _("Help"), id="app.help"),
        # A priority binding: a dialog (modal screen) hides the app's other bindings.
        Binding("ctrl+q", "quit", _("Quit"), id="app.quit", priority=True),
        Binding("ctrl+l", "shift_change", _("Shift change"), id="app.shift_change"),
        *(
            Binding(a.key, f"area('{a.mode}')", _(a.label), id=f"app.area.{a.mode}", show=False)
            for a in available_areas()
        ),
    ]

    def __init__(
        self,
        settings: Settings,
        engine: Engine | Callable[[], Engine],
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        draw_wide_characters_whole()  # Chinese in toasts over widget edges (Textual #6357)
        outlast_the_terminal()  # a closed terminal must not stop desk from quitting
        self.settings = settings
        self._connect = engine if callable(engine) else None
        """Opens the database once the first screen is drawn (else the engine was given)."""
        self._engine = None if callable(engine) else engine
        self._connected = threading.Event()
        self._load_started = threading.Event()
        """The database code is loading, or loaded: the look at the file is set aside."""
        self._load_lock = threading.Lock()
        self._looked = threading.Event()
        """The look at the database file is over (desk.store.peek), whatever it found."""
        if self._engine is not None:
            self._connected.set()
            self._load_started.set()
            self._looked.set()
        self.start_failure: Exception | None = None
        """Why the database could not be opened at start (the app then exits)."""
        self.handle_signals = False
        """Quit cleanly on SIGTERM and SIGHUP (cli.start.run_app; not under tests' loops)."""
        self.clock = clock
        self.staff: SignedIn | None = None
        self.MODES = {a.mode: partial(self._new_screen, a) for a in available_areas()}
        super().__init__()
        self._start_styling()
        self.sub_title = settings.institution_name
        self.staff_changed_signal: Signal[StaffChange] = Signal(self, "staff_changed")
        """Screens that show one person's work subscribe to reload for the next one."""
        self.idle_lock_seconds: float = settings.idle_lock_minutes * 60
        """Show the sign-in screen after this long without a key press (0: never)."""
        self.idle_clock: Callable[[], float] = monotonic
        """Seconds for the idle lock (a test can drive it)."""
        self._last_input = self.idle_clock()
        self._warmed_up = False
        self.prebuild_screens = PREBUILD_SCREENS
        """Build the area screens in the background after sign-in."""
        self._quitting = False

    def now(self) -> datetime:
        """Now in the desk's time zone (a test can freeze it)."""
        moment = self.clock() if self.clock else datetime.now(self.settings.tz)
        return moment.astimezone(self.settings.tz)

    @property
    def engine(self) -> Engine:
        """The database. Opened in a worker after the first screen is drawn: on a worker
        thread this waits for it; raises DatabaseError if it could not be opened."""
        while not self._connected.wait(0.2):
            if not self.is_running:
                break
        if self._engine is None:
            raise DatabaseError(str(self.start_failure or _("The database is not open.")))
        return self._engine

    def on_mount(self) -> None:
        if self._connect is not None:
            # The sign-in card is drawn at once; the database stack (SQLAlchemy, the tables:
            # half a second) loads behind it, and its names come once the database is open.
            self.push_screen(SignInScreen())
        # The look at the file starts now, not after the card's first frame: its reads and
        # its sqlite3 wait on the disk, not on the interpreter, so the names come sooner.
        self._open_database()
        self.call_after_refresh(self.read_stylesheets)  # while the look reads the names
        if self.handle_signals:
            self._quit_on_signals()
        if self.idle_lock_seconds > 0:
            self.set_interval(min(10.0, self.idle_lock_seconds / 4), self._lock_if_idle)

    def _quit_on_signals(self) -> None:
        """A shutdown, `kill` or a closed terminal quits as Ctrl+Q does: the terminal is put
        back (no alternate screen, mouse reporting or hidden cursor left behind)."""
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(number, self.call_next, self.action_quit)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # Windows, or not the main thread

    async def action_quit(self) -> None:
        """Quit (Ctrl+Q, the palette, SIGTERM, SIGHUP) once every open screen has kept what
        it must, the draft being typed above all; at most QUIT_WAIT_S."""
        if self._quitting:
            return
        self._quitting = True
        await self.settle_sign_in()  # a looked-at sign-in recorded, a wrong PIN counted
        screens = [s for stack in self._screen_stacks.values() for s in stack]
        keeping = asyncio.ensure_future(
            asyncio.gather(*(s.before_quit() for s in screens if isinstance(s, DeskScreen)))
        )
        # Not wait_for: it waits for the cancelled keeping to end, however long that takes.
        await asyncio.wait({keeping}, timeout=QUIT_WAIT_S)
        if not keeping.done():
            keeping.cancel()
            log.warning("quit before every draft was kept: the database did not answer")
        elif not keeping.cancelled() and keeping.exception() is not None:
            # Quitting goes on whatever a screen failed to keep.
            log.error("could not keep a draft on the way out", exc_info=keeping.exception())
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            event = plain_alt_key(event)  # Alt+1…4, Alt+L: keys, not text, in a text field
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = self.idle_clock()
        await super().on_event(event)

    def is_locked(self) -> bool:
        """Whether the sign-in (or first-run) screen is up: nothing else may be opened."""
        return any(isinstance(s, (FirstRunScreen, SignInScreen)) for s in self.screen_stack)

    def _new_screen(self, each: Area) -> Screen[None]:
        """A new area screen, its module imported on first use."""
        screen = each.make_screen()
        # Every stylesheet was read at start and the screen's widgets are styled as they
        # mount: without this Textual re-parses all CSS and restyles every open screen twice
        # on each first visit of an area (about 0.4 s), as it does after a theme change.
        screen._css_update_count = self._css_update_count
        return screen

    def _warm_up(self) -> None:
        """Import the other areas and pypinyin in the background, then build the areas'
        screens one by one while the desk is idle, so that no F-key waits for either."""

        def work() -> None:
            for each in available_areas():
                if self._quitting:
                    return  # the drafts being kept go first
                each.load()
            load_pinyin()
            if self.prebuild_screens:
                self.call_from_thread(self._prebuild_next)

        self.run_worker(work, thread=True, group="app.warm_up", exit_on_error=False)

    def _build(self, mode: str) -> None:
        """Build an area's screen without showing it: composed and mounted, not drawn."""
        self.read_stylesheets()
        if self.is_running and mode in self._modes and mode not in self._screen_stacks:
            screen = self._modes[mode]()
            self._get_screen(screen)
            self._screen_stacks[mode] = [screen]

    def _switch(self, mode: str) -> None:
        """Switch to an area. Textual resumes a screen it builds for a mode twice (each a
        full restyle); a screen built first is resumed once."""
        self._build(mode)
        self.switch_mode(mode)

    def _prebuild_next(self) -> None:
        """Build one area screen the staff member may open, off screen (Textual draws only
        the current screen); switching to it later only shows it. Waits while someone types."""
        if not self.is_running or self.staff is None or self.is_locked():
            return  # closing, or the next sign-in starts again
        if self.idle_clock() - self._last_input < PREBUILD_IDLE_S:
            self.set_timer(PREBUILD_IDLE_S, self._prebuild_next)
            return
        waiting = [
            mode
            for mode in PREBUILD_MODES
            if mode in self._modes  # emptied when the app closes
            and mode not in self._screen_stacks
            and mode != self.current_mode
            and self.may_open(mode)
        ]
        if not waiting:
            return
        self._build(waiting[0])
        if len(waiting) > 1:
            self.set_timer(PREBUILD_GAP_S, self._prebuild_next)

    def _lock_if_idle(self) -> None:
        if self.staff is None or self.is_locked():
            return
        if self.idle_clock() - self._last_input >= self.idle_lock_seconds:
            self.push_screen(SignInScreen(current=self.staff))

    def action_shift_change(self) -> None:
        """Let the next person sign in over the open screens."""
        if self.staff is not None and not self.is_locked():
            self.push_screen(SignInScreen(cancellable=True))

    def signed_in(self, staff: SignedIn) -> None:
        """Someone has signed in: back to their screen, or the first area they may use."""
        previous, self.staff = self.staff, staff
        if previous is None and not self._warmed_up:
            self._warmed_up = True
            self.set_timer(WARM_UP_AFTER_S, self._warm_up)
        elif previous is not None and previous.role != staff.role and self.prebuild_screens:
            self.set_timer(WARM_UP_AFTER_S, self._prebuild_next)  # areas this role may open
        self._last_input = self.idle_clock()
        self.sub_title = f"{self.settings.institution_name} · {staff.name}"
        if self.current_mode in self.MODES:  # a shift change or a lock: uncover the screens
            while len(self.screen_stack) > 1 and isinstance(
                self.screen, (FirstRunScreen, SignInScreen)
            ):
                self.pop_screen()
        if not self.may_open(self.current_mode):
            self._switch(next(m for m in OPENING_MODES if m in self.MODES))
        if previous != staff:
            self.staff_changed_signal.publish(StaffChange(previous, staff))

    def may_open(self, mode: str) -> bool:
        """Whether the signed-in staff member may open an area."""
        found = area(mode)
        return (
            self.staff is not None
            and not self.is_locked()
            and found is not None
            and mode in self.MODES
            and self.staff.role in found.roles
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "area":
            return self.may_open(str(parameters[0]))
        if action == "shift_change":
            return self.staff is not None and not self.is_locked()
        return True

    def action_area(self, mode: str) -> None:
        """Switch to an area."""
        if self.may_open(mode):
            self._switch(mode)

    def on_key(self, event: events.Key) -> None:
        """The key of an area this role may not open (its binding is off) says so."""
        found = next((a for a in available_areas() if a.key == event.key), None)
        if found and self.staff and not self.is_locked() and not self.screen.is_modal:
            if self.staff.role not in found.roles:
                self.notify(found.refusal(), severity="warning", markup=False)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from desk.screens.help import HelpScreen, key_rows

        if isinstance(self.screen, HelpScreen):
            return
        intro = _(
            "desk works from the keyboard. Ctrl+P lists every command and screen; "
            "the footer shows the keys of this screen."
        )
        self.push_screen(HelpScreen(key_rows(self.screen), intro))

    def area_keys_text(self) -> str:
        """One line naming the keys of the areas this staff member may open."""
        return "   ".join(
            f"{a.key.upper()} {_(a.label)}" for a in available_areas() if self.may_open(a.mode)
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from desk.widgets.palette import translated_system_commands

        yield from translated_system_commands(self, super().get_system_commands(screen))
        for a in available_areas():
            if self.may_open(a.mode):
                yield SystemCommand(
                    f"{_(a.label)} ({a.key.upper()})",
                    _("Open this screen"),
                    lambda mode=a.mode: self.action_area(mode),
                )
        if self.staff is not None and not self.is_locked():
            yield SystemCommand(
                _("Shift change (Ctrl+L)"),
                _("Let the next person sign in; what you were typing is kept"),
                self.action_shift_change,
            )
        yield SystemCommand(_("Help (F1)"), _("Every key of this screen"), self.action_help)

    def action_command_palette(self) -> None:
        """Textual's palette, in desk's language."""
        from desk.widgets.palette import DeskCommandPalette

        if self.use_command_palette and not DeskCommandPalette.is_open(self):
            self.push_screen(DeskCommandPalette(id="--command-palette"))

    def show_error(self, message: str) -> None:
        """Show an error in a dialog (messages come translated from the store)."""
        from desk.dialogs.error import ErrorDialog

        self.push_screen(ErrorDialog(message))


def make_app(
    settings: Settings,
    engine: Engine | Callable[[], Engine],
    clock: Callable[[], datetime] | None = None,
) -> DeskApp:
    """Build the app around an engine, or a function that opens one once the first screen
    is drawn."""
    return DeskApp(settings, engine, clock=clock)
