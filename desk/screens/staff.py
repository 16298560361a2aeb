"""F9, administrators: the staff list; add, disable or enable, reset a PIN, change a role."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from desk.dialogs.staff_choice import ConfirmDisableDialog, RoleDialog
from desk.dialogs.staff_form import AddStaffDialog, PinDialog
from desk.i18n import _
from desk.models import Role
from desk.rules.text import one_line
from desk.screens.base import DeskScreen
from desk.screens.home import ROLE_LABELS
from desk.session_info import SignedIn, StaffChange
from desk.store.access import Permission, allowed
from desk.store.staff_admin import (
    StaffRow,
    disable_staff,
    enable_staff,
    set_role,
    staff_rows,
)
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar
from desk.widgets.row_table import RowTable


class StaffScreen(DeskScreen):
    """Everyone who signs in at the desks, and what they may do."""

    CSS_PATH = "staff.tcss"
    BINDINGS = [
        Binding("n", "add", _("Add"), id="staff.add"),
        Binding("d", "disable", _("Disable"), id="staff.disable"),
        Binding("e", "enable", _("Enable"), id="staff.enable"),
        Binding("p", "reset_pin", _("Reset PIN"), id="staff.reset_pin"),
        Binding("r", "role", _("Change role"), id="staff.role"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[StaffRow] = []
        self.chosen_id: int | None = None
        """The staff member the cursor is on, kept across reloads."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(_("Staff")), id="title")
        yield RowTable(id="staff", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#staff", DataTable)
        table.add_columns(_("Name"), _("Role"), _("Status"))
        self.app.staff_changed_signal.subscribe(self, self._staff_changed)  # type: ignore[attr-defined]
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def _staff_changed(self, _change: StaffChange) -> None:
        self.reload()

    @property
    def actor(self) -> SignedIn | None:
        """Who is signed in now."""
        return self.app.staff  # type: ignore[attr-defined]

    def reload(self) -> None:
        """Load the staff list (refused by the store unless an administrator is signed in)."""
        if not allowed(self.actor, Permission.MANAGE_STAFF) or self.actor is None:
            self._show([])
            return
        actor = self.actor
        run_db(
            self,
            lambda session: staff_rows(session, actor=actor),
            self._show,
            group="staff.load",
            read_only=True,
        )

    def _status(self, row: StaffRow) -> str:
        if not row.active:
            return _("disabled")
        now = self.app.now()  # type: ignore[attr-defined]
        if row.locked_until is not None and row.locked_until > now:
            until = row.locked_until.astimezone(now.tzinfo).strftime("%H:%M")
            return _("locked until {time}").format(time=until)
        return _("active")

    def _show(self, rows: list[StaffRow]) -> None:
        table = self.query_one("#staff", DataTable)
        keep = self.chosen_id
        self.rows = rows
        table.clear()
        for row in rows:
            table.add_row(
                Text(one_line(row.name)),
                Text(_(ROLE_LABELS[row.role])),
                Text(self._status(row)),
                key=str(row.id),
            )
        index = next((i for i, row in enumerate(rows) if row.id == keep), 0)
        if rows:
            table.move_cursor(row=index)
        self.refresh_bindings()

    def selected(self) -> StaffRow | None:
        """The highlighted staff member."""
        if not self.rows or not self.is_mounted:
            return None
        row = self.query_one("#staff", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.chosen_id = getattr(self.selected(), "id", None)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ("add", "disable", "enable", "reset_pin", "role"):
            return True
        if self.actor is None or not allowed(self.actor, Permission.MANAGE_STAFF):
            return False
        member = self.selected()
        if action == "disable":
            return member is not None and member.active
        if action == "enable":
            return member is not None and not member.active
        return action == "add" or member is not None

    def _done(self, message: str, member_id: int | None) -> None:
        self.notify(message, markup=False)
        self.chosen_id = member_id
        self.reload()

    def action_add(self) -> None:
        def added(member: StaffRow | None) -> None:
            if member is not None:
                name = one_line(member.name)
                self._done(_("Added {name}.").format(name=name), member.id)

        self.app.push_screen(AddStaffDialog(), added)

    def action_reset_pin(self) -> None:
        member = self.selected()
        if member is None:
            return

        def saved(done: StaffRow | None) -> None:
            if done is not None:
                name = one_line(done.name)
                self._done(_("{name} has a new PIN.").format(name=name), done.id)

        self.app.push_screen(PinDialog(member), saved)

    def _change(self, job, message: str, member: StaffRow) -> None:  # type: ignore[no-untyped-def]
        actor = self.actor
        run_db(
            self,
            lambda session: job(session, actor=actor, staff_id=member.id),
            lambda _staff: self._done(message, member.id),
            group="staff.change",
        )

    def action_disable(self) -> None:
        member = self.selected()
        if member is None or not member.active:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                name = one_line(member.name)
                self._change(disable_staff, _("{name} is disabled.").format(name=name), member)

        self.app.push_screen(ConfirmDisableDialog(member), answered)

    def action_enable(self) -> None:
        member = self.selected()
        if member is not None and not member.active:
            name = one_line(member.name)
            self._change(enable_staff, _("{name} may sign in again.").format(name=name), member)

    def action_role(self) -> None:
        member = self.selected()
        if member is None:
            return

        def chosen(role: Role | None) -> None:
            if role is None or role is member.role:
                return
            actor = self.actor
            message = _("{name} is now {role}.").format(
                name=one_line(member.name), role=_(ROLE_LABELS[role])
            )
            run_db(
                self,
                lambda session: set_role(session, actor=actor, staff_id=member.id, role=role),
                lambda _staff: self._done(message, member.id),
                group="staff.change",
            )

        self.app.push_screen(RoleDialog(member), chosen)
