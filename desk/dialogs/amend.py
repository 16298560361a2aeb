"""Put right a call's organisation, caller, content or number (E in the call log).

A call still being worked is changed in place; an archived call is never edited, so saving
makes a new call linked to it (更正) and leaves the archived one as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from desk.dialogs.form_dialog import FormDialog, form_bindings
from desk.i18n import _
from desk.store.amend import Amended, CallText, amend_call
from desk.store.calls import CallInvalid
from desk.store.errors import StoreError
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from desk.app import DeskApp

FIELD_OF = {"org": "org", "caller": "caller", "content": "content", "number": "number"}
"""The store's field names (CallInvalid.errors keys) to this dialog's field ids."""


class AmendDialog(FormDialog[Amended | None]):
    """The call's texts, editable; Ctrl+S saves (or corrects an archived call), Esc cancels."""

    DEFAULT_CSS = """
    AmendDialog { align: center middle; }
    AmendDialog > VerticalScroll {
        width: 90; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    AmendDialog #title { text-style: bold; }
    AmendDialog #explain { color: $text-muted; margin-bottom: 1; }
    AmendDialog #content { height: 6; }
    """
    BINDINGS = form_bindings("amend")
    FIRST = "org"
    SAVE_GROUP = "amend.save"

    def __init__(self, call: CallText) -> None:
        super().__init__()
        self.call = call

    def compose(self) -> ComposeResult:
        call = self.call
        if call.archived:
            title = _("Correct call No. {id}").format(id=call.id)
            explain = _(
                "This call is archived and stays as it is: saving makes a new call linked to it."
            )
        else:
            title = _("Change call No. {id}").format(id=call.id)
            explain = _("The change is kept in the call's history, with who made it.")
        with VerticalScroll():
            yield Static(Content(title), id="title")
            yield Static(Content(explain), id="explain")
            yield Field(_("Organisation"), Input(call.org, id="org"), id="org-field")
            yield Field(_("Caller"), Input(call.caller, id="caller"), id="caller-field")
            yield Field(
                _("Main content"),
                TextArea(call.content, id="content", soft_wrap=True, tab_behavior="focus"),
                id="content-field",
            )
            yield Field(_("Callback number"), Input(call.number, id="number"), id="number-field")
        yield KeyBar()

    def action_save(self) -> None:
        """Check and save in a worker; stay open with each error at its field if refused."""
        app: DeskApp = self.app  # type: ignore[assignment]
        self.clear_errors()
        call_id = self.call.id
        values = {
            "org": self.query_one("#org", Input).value,
            "caller": self.query_one("#caller", Input).value,
            "content": self.query_one("#content", TextArea).text,
            "number": self.query_one("#number", Input).value,
        }

        def job(session):  # type: ignore[no-untyped-def]
            return amend_call(
                session,
                call_id=call_id,
                actor=app.staff,
                area_code=app.settings.area_code,
                **values,
            )

        self.run_save(job, self._saved)

    def _saved(self, amended: Amended) -> None:
        if amended.corrects_id:
            message = _("Saved call No. {id}, correcting No. {old}.").format(
                id=amended.id, old=amended.corrects_id
            )
        else:
            message = _("Changed call No. {id}.").format(id=amended.id)
        self.app.notify(message, markup=False)
        self.dismiss(amended)

    def field_errors(self, error: StoreError) -> Mapping[str, str]:
        """The store's messages at this dialog's fields."""
        errors = error.errors if isinstance(error, CallInvalid) else {}
        return {FIELD_OF[name]: message for name, message in errors.items() if name in FIELD_OF}
