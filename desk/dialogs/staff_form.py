"""Modals that add a staff member or set a new PIN; each saves, then returns what it saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from desk.i18n import _
from desk.models import Role
from desk.rules.text import one_line
from desk.screens.home import ROLE_LABELS
from desk.session_info import SignedIn
from desk.store.errors import StoreError, ValidationError
from desk.store.staff import check_pin, create_staff
from desk.store.staff_admin import StaffRow, reset_pin
from desk.widgets.db import run_db
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar


def role_options() -> list[Option]:
    """The three roles as options, receptionist first."""
    return [Option(Content(_(ROLE_LABELS[role])), id=role.value) for role in Role]


class _PinForm(ModalScreen[StaffRow | None]):
    """Shared by both forms: PIN twice, checked at the fields; Escape cancels."""

    CSS_PATH = "staff.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="staff_form.save"),
        Binding("escape", "cancel", _("Cancel"), id="staff_form.cancel"),
    ]
    ORDER: tuple[str, ...] = ("pin", "pin2")

    def pin_fields(self) -> ComposeResult:
        yield Field(
            _("PIN (4 to 12 digits)"), Input(id="pin", password=True, max_length=12), id="pin-field"
        )
        yield Field(_("PIN again"), Input(id="pin2", password=True, max_length=12), id="pin2-field")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = [key for key in self.ORDER if key != "role"]
        index = inputs.index(event.input.id or inputs[0])
        if index < len(inputs) - 1:
            self.query_one(f"#{inputs[index + 1]}", Input).focus()
        else:
            self.action_save()

    def check_pins(self) -> str | None:
        """The PIN if both fields agree and it is valid; else errors at the fields."""
        pin = self.query_one("#pin", Input).value
        errors: dict[str, str | None] = {"pin": None, "pin2": None}
        try:
            check_pin(pin)
        except ValidationError as error:
            errors["pin"] = str(error)
        if not errors["pin"] and pin != self.query_one("#pin2", Input).value:
            errors["pin2"] = _("The two PINs differ.")
        for key, message in errors.items():
            self.query_one(f"#{key}-field", Field).show_error(message)
        return None if errors["pin"] or errors["pin2"] else pin

    def failed(self, error: StoreError) -> None:
        """Show a refusal from the store at its field."""
        field = getattr(error, "field", None) or self.ORDER[0]
        self.query_one(f"#{field}-field", Field).show_error(str(error))

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddStaffDialog(_PinForm):
    """Name, role and PIN of a new staff member."""

    ORDER = ("name", "role", "pin", "pin2")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(_("Add a staff member")), id="title")
            yield Field(_("Name"), Input(id="name", max_length=100), id="name-field")
            yield Static(Content(_("Role")), classes="label")
            yield OptionList(*role_options(), id="role")
            yield from self.pin_fields()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#role", OptionList).highlighted = 0
        self.query_one("#name", Input).focus()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#pin", Input).focus()

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        self.query_one("#name-field", Field).show_error(None if name else _("Enter a name."))
        pin = self.check_pins()
        if not name or pin is None:
            return
        roles = self.query_one("#role", OptionList)
        role = Role(roles.get_option_at_index(roles.highlighted or 0).id or Role.RECEPTIONIST)
        actor: SignedIn | None = self.app.staff  # type: ignore[attr-defined]

        def job(session):  # type: ignore[no-untyped-def]
            staff = create_staff(session, name=name, role=role, pin=pin, by=actor)
            return StaffRow(staff.id or 0, staff.name, role, staff.active, None)

        run_db(self, job, self.dismiss, group="staff_form.add", failed=self.failed)


class PinDialog(_PinForm):
    """A new PIN for one staff member (it also lifts a lock)."""

    def __init__(self, member: StaffRow) -> None:
        super().__init__()
        self.member = member

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = _("New PIN for {name}").format(name=one_line(self.member.name))
            yield Static(Content(title), id="title")
            yield from self.pin_fields()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()

    def action_save(self) -> None:
        pin = self.check_pins()
        if pin is None:
            return
        actor: SignedIn | None = self.app.staff  # type: ignore[attr-defined]
        member = self.member

        def job(session):  # type: ignore[no-untyped-def]
            reset_pin(session, actor=actor, staff_id=member.id, pin=pin)
            return member

        run_db(self, job, self.dismiss, group="staff_form.pin", failed=self.failed)
