"""What the call and visit entry screens share: the draft kept as you type, the history beside.

The form sits on the left, the person's earlier calls and visits on the right once their
number is whole. The draft is written half a second after typing stops, one write at a time,
and restored (with a notice) when the screen starts; a save holds the drafts back and drops
the draft with the record; a shift change keeps the last person's typing as their own draft.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Static, TextArea
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from desk.i18n import _, ngettext
from desk.identity import desk_id
from desk.rules.calltime import format_call_time
from desk.screens.base import DeskScreen
from desk.screens.entry_load import EntryLoading
from desk.session_info import StaffChange
from desk.store.errors import StoreError
from desk.store.shapes import CallerHistory, EntryChoices, SavedDraft
from desk.widgets.caller_panel import CallerPanel
from desk.widgets.db import run_db
from desk.widgets.entry_form import EntryForm
from desk.widgets.form_row import FormRow
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar
from desk.widgets.number import e164_of
from desk.widgets.picker import Picker
from desk.widgets.priority_picker import PriorityPicker

if TYPE_CHECKING:
    from sqlmodel import Session

    from desk.app import DeskApp

# The store's database code (desk.store.drafts, desk.store.calls…) is imported in the jobs,
# off the UI thread: the screen is drawn before the tables load.

T = TypeVar("T")
DRAFT_DELAY_S = 0.5
DISCARD_WINDOW_S = 3.0
"""How long a first Ctrl+N waits for the second that discards what is typed."""


class EntryScreen(EntryLoading, DeskScreen):
    """A screen with one entry form, kept as a draft while typed; subclasses say what it holds."""

    DRAFT_FORM: ClassVar[str] = ""
    """The form's name in the draft table ("call", "visit")."""

    RESTORED: ClassVar[str] = ""
    """The notice (msgid, with `{time}`) shown when a kept draft refills the form."""

    GROUP: ClassVar[str] = ""
    """The prefix of this screen's worker groups."""

    FORM_CLASS: ClassVar[type[EntryForm]] = EntryForm
    """The form this screen shows."""

    FORM_ID: ClassVar[str] = ""
    """The id of the form widget."""

    def __init__(self) -> None:
        super().__init__()
        self.choices = EntryChoices()
        self._ready = False
        self._saving = False
        self._draft_timer: Timer | None = None
        self._draft_worker: Worker[None] | None = None
        self._last_draft: dict[str, Any] | None = None
        self._draft_warned = False
        self._discard_armed = False
        self._auto_time: str | None = None
        """The time the form filled in itself, while the user has not set one."""
        self._e164: str | None = None

    @property
    def desk_app(self) -> DeskApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def form(self) -> EntryForm:
        """The form widget."""
        return self.query_one(EntryForm)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="entry"):
            with Vertical(id="form-side"):
                yield Static("", id="notice", markup=False)
                yield self.FORM_CLASS(id=self.FORM_ID)
            yield CallerPanel(id="caller-panel")
        yield KeyBar()

    def _staff_id(self) -> int | None:
        """The id of the person signed in (None before anyone is)."""
        staff = self.desk_app.staff
        return staff.id if staff else None

    def _draft_key(self, staff_id: int | None) -> dict[str, Any]:
        """Which draft is this form's at this desk for one person."""
        return {"desk": desk_id(), "form": self.DRAFT_FORM, "staff_id": staff_id}

    def _reset_form(self) -> None:
        """Empty the form for the next record, the cursor in the first field one types into
        (not the time the form fills in itself: typing there would replace it)."""
        self._auto_time = format_call_time(self.desk_app.now())
        self.form.clear(time_text=self._auto_time, staff_id=self._staff_id())
        self._e164 = None
        self.query_one("#notice", Static).remove_class("-shown")
        self.query_one(CallerPanel).show(None, self.desk_app.settings.tz)
        self.form.field(self.form.TYPED[0]).focus()

    def _focus_first_empty(self) -> None:
        """Put the cursor in the first field left empty (a filled one would be selected on
        focus, and the next key typed would replace it)."""
        values = self.form.values()
        empty = [name for name in self.form.TYPED if not str(values[name]).strip()]
        self.form.field(empty[0] if empty else self.form.TYPED[0]).focus()

    # Loading (the lists and the draft come from EntryLoading) ---------------------------

    def _loaded(self, result: tuple[EntryChoices, SavedDraft | None]) -> None:
        """Show the lists, refill the form from a kept draft, then keep drafts from now on."""
        choices, draft = result
        self.choices = choices
        self.form.set_choices(choices)
        self.form.fill({self.form.STAFF_FIELD: self._staff_id()})
        if draft is not None and draft.payload:
            self.form.fill(draft.payload)
            self._auto_time = None  # the kept record's own time
            self._last_draft = self.form.values()
            kept = draft.updated_at.astimezone(self.desk_app.settings.tz)
            message = _(self.RESTORED).format(time=kept.strftime("%Y-%m-%d %H:%M"))
            if draft.elsewhere:
                more = ngettext(
                    "An older draft from another terminal is kept: it comes back on the "
                    "next start after this one is saved.",
                    "{count} older drafts from other terminals are kept: they come back on "
                    "the next start after this one is saved.",
                    draft.elsewhere,
                ).format(count=draft.elsewhere)
                message = f"{message} {more}"
            notice = self.query_one("#notice", Static)
            notice.update(Content(message))
            notice.add_class("-shown")
            self._e164 = self._parsed_number(self.form.values()["number"])
            self._focus_first_empty()
            self._lookup()
        self._ready = True

    def _staff_changed(self, change: StaffChange) -> None:
        """A shift change: the last person's typing stays their draft; load the next person's."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self._ready and change.previous is not None and self.form.has_typing():
            values = self.form.values()
            key = self._draft_key(change.previous.id)

            def keep(session):  # type: ignore[no-untyped-def]
                from desk.store.drafts import save_draft

                save_draft(session, payload=values, **key)

            run_db(self, keep, group=f"{self.GROUP}.handover_draft")
            name = change.previous.name
            self.notify(
                _(
                    "What {name} was typing is kept as their draft: it comes back when "
                    "{name} signs in."
                ).format(name=name),
                markup=False,
            )
        self._ready = False
        self._last_draft = None
        self._reset_form()
        self._load()

    # Drafts ------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Picker.Changed)
    @on(Checkbox.Changed)
    @on(PriorityPicker.Changed)
    def _changed(self) -> None:
        """Keep the draft once typing has paused (after the form is loaded)."""
        if not self._ready:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_S, self._keep_draft)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Picker.Changed)
    @on(Checkbox.Changed)
    @on(PriorityPicker.Changed)
    def _error_mended(self, event: Input.Changed) -> None:
        """A field's error goes once the field is changed: the next save checks it again."""
        row = event.control.parent
        if isinstance(row, FormRow) and row.error:
            row.show_error(None)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _follow_the_clock(self, event: Input.Changed | TextArea.Changed) -> None:
        """A record begun on a form left open takes the time it is begun, not the time the
        form was emptied nor the time of its last keystroke; a time the user typed (or a kept
        draft's) is theirs and stays."""
        if self._auto_time is None:
            return
        if isinstance(event, Input.Changed) and event.input.id == "time":
            if event.value != self._auto_time:
                self._auto_time = None
            return
        self.bring_time_up_to_now()
        if self.form.has_typing():
            self._auto_time = None  # begun now: the record keeps this time

    def bring_time_up_to_now(self) -> None:
        """Set the time to now, to the minute, if the form filled it in itself."""
        if self._auto_time is None:
            return
        now = format_call_time(self.desk_app.now())
        if now != self._auto_time:
            self._auto_time = now
            self.form.query_one("#time", Input).value = now

    def on_screen_resume(self) -> None:
        """Back on the screen: an untouched form shows the time now."""
        if self._ready and not self.form.has_typing():
            self.bring_time_up_to_now()

    def _keep_draft(self) -> None:
        """Save (or drop) the draft in a worker, unless a save of the form is under way."""
        if self._saving:
            return
        values = self.form.values()
        typed = self.form.has_typing()
        if values == self._last_draft or (not typed and self._last_draft is None):
            return
        if self._draft_worker is not None and self._draft_worker.is_running:
            self._changed()  # one write at a time, so the last one written is the last typed
            return
        key = self._draft_key(self._staff_id())

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.drafts import discard_draft, save_draft

            if typed:
                save_draft(session, payload=values, **key)
            else:
                discard_draft(session, **key)

        written = values if typed else None

        def kept(_result: None) -> None:
            # Only once written: a write that failed (the file locked a moment) or was
            # cancelled is written again at the next pause, or on quitting.
            self._last_draft = written
            self._draft_warned = False

        self._draft_worker = run_db(
            self, job, kept, group=f"{self.GROUP}.draft", broken=self._draft_not_kept
        )

    async def before_quit(self) -> None:
        """Write the draft now, not after the typing pause: keys typed just before quitting
        are kept too."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if not self._ready:
            return
        await self._draft_written()  # one write at a time: this one is the last typed
        self._keep_draft()
        await self._draft_written()

    def _hold_drafts(self) -> None:
        """A save has begun: write no draft until it is over (`_saving` is reset by the save)."""
        self._saving = True
        if self._draft_timer is not None:
            self._draft_timer.stop()

    async def _draft_written(self) -> None:
        """Wait for a draft being written, so a save that drops the draft comes after it.
        Shielded: Worker.wait takes a cancellation of its waiter for the worker's own and
        returns, so a quit that stops waiting would go on to write again and wait for that."""
        if self._draft_worker is not None and self._draft_worker.is_running:
            waiting = asyncio.ensure_future(self._draft_worker.wait())
            waiting.add_done_callback(lambda done: done.cancelled() or done.exception())
            with suppress(WorkerCancelled, WorkerFailed):
                await asyncio.shield(waiting)

    def _save(
        self,
        create: Callable[[Session], T],
        done: Callable[[T], Any],
        failed: Callable[[StoreError], Any],
    ) -> None:
        """Save the form: hold the drafts, wait for one being written, then run `create` and
        drop this person's draft in the same transaction.

        Drafts are let go again however the save ends: saved, refused, or the database failed.
        """
        self._hold_drafts()
        key = self._draft_key(self._staff_id())

        def job(session: Session) -> T:
            from desk.store.drafts import discard_draft

            saved = create(session)
            discard_draft(session, **key)
            return saved

        self.run_worker(self._save_after_draft(job, done, failed), group=f"{self.GROUP}.commit")

    async def _save_after_draft(
        self,
        job: Callable[[Session], T],
        done: Callable[[T], Any],
        failed: Callable[[StoreError], Any],
    ) -> None:
        try:
            await self._draft_written()
            saving = run_db(self, job, done, group=f"{self.GROUP}.save", failed=failed)
            await saving.wait()
        finally:
            self._saving = False

    def _draft_not_kept(self, message: str) -> None:
        """The database could not keep the draft: say so once, quietly; typing goes on."""
        if not self._draft_warned:
            self._draft_warned = True
            self.notify(
                _("The draft could not be kept: {reason}").format(reason=message),
                severity="warning",
                markup=False,
            )

    # Caller recognition ------------------------------------------------------------------

    def _parsed_number(self, text: str) -> str | None:
        """The E.164 form of a typed number, or None while it is not a valid one."""
        return e164_of(text, self.desk_app.settings.area_code)

    @on(Input.Changed, "#number")
    def _number_typed(self, event: Input.Changed) -> None:
        """Look the person up as soon as the digits make a whole number (before leaving)."""
        e164 = self._parsed_number(event.value)
        if e164 and e164 != self._e164:
            self._e164 = e164
            self._lookup()

    def _lookup(self) -> None:
        """Show the person's earlier records once they are known (each screen says how)."""
        raise NotImplementedError

    def _show_history(self, history: CallerHistory) -> None:
        """Show the earlier records found in the panel beside the form."""
        app = self.desk_app
        self.query_one(CallerPanel).show(history, app.settings.tz, app.now(), settings=app.settings)

    # Keys --------------------------------------------------------------------------------

    def action_priority(self, grade: int) -> None:
        """Set the priority (1 urgent … 4 minor)."""
        self.query_one(PriorityPicker).value = grade

    def action_new(self) -> None:
        """Empty the form and forget the draft; with something typed, a second press confirms."""
        if self.form.has_typing() and not self._discard_armed:
            self._discard_armed = True
            self.set_timer(DISCARD_WINDOW_S, self._disarm_discard)
            self.notify(
                _("Press Ctrl+N again to discard what is typed."), severity="warning", markup=False
            )
            return
        self._discard_armed = False
        self._reset_form()
        self._changed()

    def _disarm_discard(self) -> None:
        self._discard_armed = False
