"""Modals that ask one question about a staff member: a new role, or yes to disabling."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from desk.dialogs.confirm import ConfirmDialog
from desk.dialogs.staff_form import role_options
from desk.i18n import _
from desk.models import Role
from desk.rules.text import one_line
from desk.store.staff_admin import StaffRow
from desk.widgets.key_bar import KeyBar


class RoleDialog(ModalScreen[Role | None]):
    """Choose a staff member's new role; Enter chooses, Escape cancels."""

    CSS_PATH = "staff.tcss"
    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="role.cancel")]

    def __init__(self, member: StaffRow) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = _("Role of {name}").format(name=one_line(self.member.name))
            yield Static(Content(title), id="title")
            yield OptionList(*role_options(), id="role")
        yield KeyBar()

    def on_mount(self) -> None:
        roles = self.query_one("#role", OptionList)
        roles.highlighted = list(Role).index(self.member.role)
        roles.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Role(event.option.id or Role.RECEPTIONIST))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDisableDialog(ConfirmDialog):
    """Disabling stops someone signing in; ask first (y or Enter: yes, Escape: no)."""

    CSS_PATH = "staff.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", _("Disable"), id="disable.yes"),
        Binding("escape,n", "answer(False)", _("Cancel"), id="disable.no"),
    ]

    def __init__(self, member: StaffRow) -> None:
        question = _(
            "Disable {name}? They can no longer sign in; their records keep their name."
        ).format(name=one_line(member.name))
        super().__init__(question)
        self.member = member
