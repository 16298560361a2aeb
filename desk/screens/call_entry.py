"""Call entry (F2): the six items of an incoming call, caller recognition, drafts, read-back.

Keys: Tab/Enter move to the next field; in the organisation field Up/Down pick a suggestion
and Enter takes it; Alt+1…4 set the priority anywhere, plain 1…4 when the cursor is not in a
text field (on a pick list or the priority row); Ctrl+S saves (after the read-back for urgent
and important calls, directives, major events and matters involving leaders); Ctrl+N starts
a new call and drops the draft.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import Checkbox, Input, OptionList

from desk.dialogs.readback import readback_dialog
from desk.i18n import N_, _
from desk.rules.calltime import CallTimeError, format_call_time, parse_call_time
from desk.rules.promise import PromiseError, parse_promise
from desk.rules.text import one_line
from desk.screens.entry import EntryScreen
from desk.store.errors import StoreError
from desk.store.shapes import CallCreate, needs_readback
from desk.widgets.call_form import STORE_FIELDS, CallForm
from desk.widgets.db import run_db
from desk.widgets.number import number_left
from desk.widgets.priority_picker import priority_bindings


class CallEntryScreen(EntryScreen):
    """Type a call as it happens; the caller panel on the right shows who this is."""

    CSS_PATH = ["entry.tcss", "call_entry.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="call_entry.save"),
        Binding("ctrl+n", "new", _("New call"), id="call_entry.new"),
        Binding(
            "alt+l,alt+shift+l",
            "toggle_lead",
            _("Sales lead"),
            key_display="Alt+L",
            id="call_entry.lead",
        ),
        *priority_bindings("call_entry"),
    ]
    DRAFT_FORM = "call"
    RESTORED = N_("Restored the call you were typing (draft kept at {time}).")
    GROUP = "call_entry"
    FORM_CLASS = CallForm
    FORM_ID = "call-form"

    def __init__(self) -> None:
        super().__init__()
        self._accepted_org: str | None = None

    @property
    def form(self) -> CallForm:
        """The form widget."""
        return self.query_one(CallForm)

    def on_mount(self) -> None:
        if not self.composed("#org"):
            return
        self.desk_app.staff_changed_signal.subscribe(self, self._staff_changed)
        self._auto_time = format_call_time(self.desk_app.now())
        self.form.clear(time_text=self._auto_time, staff_id=None)
        self.query_one("#org", Input).focus()  # the time is filled in: typing starts here
        self._load()

    # Organisation suggestions and caller recognition ----------------------------------------

    @on(Input.Changed, "#org")
    def _org_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if not text or text == self._accepted_org or not event.input.has_focus:
            self.form.show_suggestions([])
            return

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.calls import suggest_orgs

            return suggest_orgs(session, prefix=text, limit=6)

        run_db(
            self,
            job,
            self._suggested,
            group="call_entry.suggest",
            read_only=True,
        )

    def _suggested(self, orgs: list[str]) -> None:
        if self.query_one("#org", Input).has_focus:
            self.form.show_suggestions(orgs)

    def _accept_org(self, org: str) -> None:
        self._accepted_org = org
        self.query_one("#org", Input).value = org
        self.form.show_suggestions([])
        self._lookup()

    @on(Input.Submitted, "#org")
    def _org_submitted(self) -> None:
        chosen = self.form.chosen_suggestion()
        if chosen:
            self._accept_org(chosen)
        self.focus_next()

    @on(OptionList.OptionSelected, "#org-suggestions")
    def _org_clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._accept_org(event.option.id)

    @on(Input.Blurred, "#org")
    def _org_left(self) -> None:
        self.form.show_suggestions([])
        self._lookup()

    @on(Input.Blurred, "#number")
    def _number_left(self, event: Input.Blurred) -> None:
        phone = number_left(self.form.row("number"), event.input, self.desk_app.settings.area_code)
        if phone is not None:
            self._e164 = phone.e164
            self._lookup()
        elif not event.value.strip():
            self._e164 = None

    @on(Input.Blurred, "#time")
    def _time_left(self, event: Input.Blurred) -> None:
        self.form.check_time(event.input, event.value, self.desk_app.now())

    @on(Input.Blurred, "#reply-hours")
    def _promise_left(self, event: Input.Blurred) -> None:
        """A promise that cannot be read is said at once, not at the save."""
        try:
            parse_promise(event.value)
        except PromiseError as error:
            self.form.row("reply-hours").show_error(error.message)
        else:
            self.form.row("reply-hours").show_error(None)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id != "org":
            self.focus_next()

    def _lookup(self) -> None:
        """Show the caller's earlier calls once the number or organisation is known."""
        number = self._e164
        org = self.query_one("#org", Input).value.strip()
        if not number and not org:
            return

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.caller import caller_history

            return caller_history(session, number_e164=number, org=org or None)

        run_db(
            self,
            job,
            self._show_history,
            group="call_entry.history",
            read_only=True,
        )

    # Saving ------------------------------------------------------------------------------

    def action_toggle_lead(self) -> None:
        """Mark or unmark the caller as a sales lead (enrols the phone-lead follow-ups)."""
        self.query_one("#lead", Checkbox).toggle()

    def _data(self) -> tuple[CallCreate, dict[str, str]]:
        """The form as a CallCreate, and the errors found without the database."""
        values = self.form.values()
        errors: dict[str, str] = {}
        now = self.desk_app.now()
        try:
            received_at = parse_call_time(values["time"], now=now)
        except CallTimeError as error:
            errors["time"] = error.message
            received_at = now
        try:
            promise = parse_promise(values["reply-hours"])
        except PromiseError as error:
            errors["reply-hours"] = error.message
            promise = None
        days = promise.amount if promise and promise.working_days else None
        hours = promise.amount if promise and not promise.working_days else None
        data = CallCreate(
            received_at=received_at,
            org=values["org"],
            caller=values["caller"],
            content=values["content"],
            number=values["number"],
            recorder_id=values["recorder"],
            priority=values["priority"],
            category=values["category"],
            department_id=values["department"],
            reply_within_hours=hours,
            reply_within_days=days,
            is_sales_lead=values["lead"],
        )
        return data, errors

    def action_save(self) -> None:
        """Check the form; read it back if needed; then save."""
        if self._saving:
            return  # a second Ctrl+S while saving must not log the call twice
        data, errors = self._data()
        settings = self.desk_app.settings
        now = self.desk_app.now()

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.calls import check_call

            return check_call(session, data=data, area_code=settings.area_code, now=now)

        def checked(store_errors: dict[str, str]) -> None:
            found = {STORE_FIELDS.get(k, k): v for k, v in store_errors.items()} | errors
            self.form.show_errors(found, focus_first=True)
            if found:
                return
            if needs_readback(priority=data.priority, category=data.category):
                dialog = readback_dialog(data, self.form.values()["number"], self.choices)
                self.app.push_screen(dialog, self._confirmed(data))
            else:
                self._commit(data)

        run_db(self, job, checked, group="call_entry.check", read_only=True)

    def _confirmed(self, data: CallCreate) -> Any:
        def after(confirmed: bool | None) -> None:
            if confirmed:
                self._commit(data)

        return after

    def _commit(self, data: CallCreate) -> None:
        """Save the call (its draft is dropped with it, after any draft being written)."""
        settings = self.desk_app.settings
        actor = self.desk_app.staff
        now = self.desk_app.now()

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.calls import create_call

            call = create_call(
                session,
                data=data,
                actor=actor,
                area_code=settings.area_code,
                now=now,
                settings=settings,
            )
            return call.id, call.org, call.caller

        self._save(job, self._saved, self._refused)

    def _refused(self, error: StoreError) -> None:
        from desk.store.calls import CallInvalid  # loaded: a save has run

        if isinstance(error, CallInvalid):
            self.form.show_errors({STORE_FIELDS.get(k, k): v for k, v in error.errors.items()})
        else:
            self.desk_app.show_error(str(error))

    def _saved(self, saved: tuple[int, str, str]) -> None:
        call_id, org, caller = saved
        self._last_draft = None
        self._reset_form()
        who = " ".join(part for part in (one_line(org), one_line(caller)) if part)
        self.notify(_("Saved call No. {id}: {who}").format(id=call_id, who=who), markup=False)

    def _reset_form(self) -> None:
        super()._reset_form()
        self._accepted_org = None
