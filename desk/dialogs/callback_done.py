"""Ask what came of a promised callback before it is marked done (C in the work queue)."""

from __future__ import annotations

from desk.dialogs.text_entry import TextEntryDialog
from desk.i18n import _


class CallbackDoneDialog(TextEntryDialog):
    """The outcome of a callback that reached the caller, optional: Enter or Ctrl+S marks it
    done, Escape changes nothing (nobody answered: it stays in the list). Dismisses with the
    outcome ("" when none was typed) or None."""

    def __init__(self, subject: str) -> None:
        super().__init__(
            _("Callback done"),
            _("Outcome (optional). No answer? Escape: the callback stays to try again."),
            subject,
            required=False,
            placeholder=_("e.g. told the result, caller satisfied"),
        )
