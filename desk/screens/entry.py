"""What the call and visit entry screens share: the form kept as its author's draft as it is typed.

The draft is written half a second after typing stops, one write at a time, and restored (with
a notice) when the screen starts; a save holds the drafts back and drops the draft with the
record; a shift change keeps the last person's typing as their own draft.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Select, Static, TextArea
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from desk.i18n import _
from desk.identity import desk_id
from desk.session_info import StaffChange
from desk.store.calls import EntryChoices, entry_choices
from desk.store.drafts import SavedDraft, discard_draft, load_draft, save_draft
from desk.widgets.db import run_db
from desk.widgets.entry_form import EntryForm
from desk.widgets.priority_picker import PriorityPicker

if TYPE_CHECKING:
    from desk.app import DeskApp

DRAFT_DELAY_S = 0.5


class EntryScreen(Screen[None]):
    """A screen with one entry form, kept as a draft while typed; subclasses say what it holds."""

    DRAFT_FORM: ClassVar[str] = ""
    """The form's name in the draft table ("call", "visit")."""

    RESTORED: ClassVar[str] = ""
    """The notice (msgid, with `{time}`) shown when a kept draft refills the form."""

    GROUP: ClassVar[str] = ""
    """The prefix of this screen's worker groups."""

    def __init__(self) -> None:
        super().__init__()
        self.choices = EntryChoices()
        self._ready = False
        self._saving = False
        self._draft_timer: Timer | None = None
        self._draft_worker: Worker[None] | None = None
        self._last_draft: dict[str, Any] | None = None

    @property
    def desk_app(self) -> DeskApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def form(self) -> EntryForm:
        """The form widget."""
        return self.query_one(EntryForm)

    def _staff_id(self) -> int | None:
        """The id of the person signed in (None before anyone is)."""
        staff = self.desk_app.staff
        return staff.id if staff else None

    def _draft_key(self, staff_id: int | None) -> dict[str, Any]:
        """Which draft is this form's at this desk for one person."""
        return {"desk": desk_id(), "form": self.DRAFT_FORM, "staff_id": staff_id}

    def _reset_form(self) -> None:
        """Empty the form for the next record."""
        raise NotImplementedError

    def _draft_restored(self, message: str) -> None:
        """Act on a draft just restored, its notice shown (a hook; nothing by default)."""

    # Loading -----------------------------------------------------------------------------

    def _load(self) -> None:
        """Load the pick lists and the signed-in person's draft at this desk."""
        names = self.desk_app.settings.departments
        key = self._draft_key(self._staff_id())

        def job(session):  # type: ignore[no-untyped-def]
            return entry_choices(session, department_names=names), load_draft(session, **key)

        run_db(self, job, self._loaded, group=f"{self.GROUP}.load")

    def _loaded(self, result: tuple[EntryChoices, SavedDraft | None]) -> None:
        """Show the lists, refill the form from a kept draft, then keep drafts from now on."""
        choices, draft = result
        self.choices = choices
        self.form.set_choices(choices)
        self.form.fill({self.form.STAFF_FIELD: self._staff_id()})
        if draft is not None and draft.payload:
            self.form.fill(draft.payload)
            self._last_draft = self.form.values()
            kept = draft.updated_at.astimezone(self.desk_app.settings.tz)
            message = _(self.RESTORED).format(time=kept.strftime("%Y-%m-%d %H:%M"))
            notice = self.query_one("#notice", Static)
            notice.update(Content(message))
            notice.add_class("-shown")
            self._draft_restored(message)
        self._ready = True

    def _staff_changed(self, change: StaffChange) -> None:
        """A shift change: keep what the last person typed as their draft, then start afresh
        with the next person's own draft (a draft stays with its author)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self._ready and change.previous is not None and self.form.has_typing():
            values = self.form.values()
            key = self._draft_key(change.previous.id)
            run_db(
                self,
                lambda session: save_draft(session, payload=values, **key),
                group=f"{self.GROUP}.handover_draft",
            )
        self._ready = False
        self._last_draft = None
        self._reset_form()
        self._load()

    # Drafts ------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(PriorityPicker.Changed)
    def _changed(self) -> None:
        """Keep the draft once typing has paused (after the form is loaded)."""
        if not self._ready:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_S, self._keep_draft)

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
            if typed:
                save_draft(session, payload=values, **key)
            else:
                discard_draft(session, **key)

        self._last_draft = values if typed else None
        self._draft_worker = run_db(self, job, group=f"{self.GROUP}.draft")

    def _hold_drafts(self) -> None:
        """A save has begun: write no draft until it is over (`_saving` is reset by the save)."""
        self._saving = True
        if self._draft_timer is not None:
            self._draft_timer.stop()

    async def _draft_written(self) -> None:
        """Wait for a draft being written, so a save that drops the draft comes after it."""
        if self._draft_worker is not None and self._draft_worker.is_running:
            with suppress(WorkerCancelled, WorkerFailed):
                await self._draft_worker.wait()
