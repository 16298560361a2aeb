"""Ask what came of a promised callback before it is marked done (C in the work queue)."""

from __future__ import annotations

from desk.dialogs.text_entry import TextEntryDialog
from desk.i18n import _


class CallbackDoneDialog(TextEntryDialog):
    """The outcome of a callback, optional: Enter or Ctrl+S marks it done, Escape changes
    nothing. Dismisses with the outcome ("" when none was typed) or None."""

    def __init__(self, subject: str) -> None:
        super().__init__(
            _("Callback done"),
            _("Outcome (optional)"),
            subject,
            required=False,
            placeholder=_("e.g. called back, caller satisfied / no answer"),
        )
