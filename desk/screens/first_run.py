"""First start on an empty database: create the first administrator with a PIN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from desk.i18n import _
from desk.screens.base import DeskScreen
from desk.session_info import Role, SignedIn
from desk.store.errors import ValidationError
from desk.store.pins import check_pin
from desk.widgets.db import run_db
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar


class FirstRunScreen(DeskScreen):
    """Ask for the first staff member, who becomes the administrator."""

    CSS_PATH = "first_run.tcss"
    BINDINGS = [
        Binding("ctrl+s", "create", _("Create"), id="first_run.create"),
        # Enter moves on at once, before the next key is read, so a name, a PIN and the PIN
        # again typed in one go (a quick hand, a paste) each land in their own field, and no
        # PIN is left on show in the name field (as the sign-in card does).
        Binding("enter,ctrl+j", "next", show=False, priority=True, id="first_run.next"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            yield Static(Content(_("Welcome to desk")), id="title")
            yield Static(
                Content(
                    _(
                        "This database has no staff yet. Enter the first administrator; "
                        "they can add everyone else."
                    )
                ),
                id="intro",
            )
            yield Field(_("Name"), Input(id="name", max_length=100), id="name-field")
            yield Field(
                _("PIN (4 to 12 digits)"),
                Input(id="pin", password=True, max_length=12),
                id="pin-field",
            )
            yield Field(
                _("PIN again"), Input(id="pin2", password=True, max_length=12), id="pin2-field"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.composed("#name"):
            return
        self.query_one("#name", Input).focus()

    def action_next(self) -> None:
        """From the name to the PIN, to the PIN again; from there, create."""
        order = ["name", "pin", "pin2"]
        focused = self.focused
        index = order.index(focused.id) if isinstance(focused, Input) and focused.id else 0
        if index < len(order) - 1:
            # Not Input.focus(): it moves the focus later, after the keys already typed.
            self.set_focus(self.query_one(f"#{order[index + 1]}", Input))
        else:
            # After the digits typed before this Enter, still on their way to the field.
            self.query_one("#pin2", Input).call_later(self.action_create)

    def _check(self) -> tuple[str, str] | None:
        name = self.query_one("#name", Input).value.strip()
        pin = self.query_one("#pin", Input).value
        errors: dict[str, str | None] = {"name": None, "pin": None, "pin2": None}
        if not name:
            errors["name"] = _("Enter a name.")
        try:
            check_pin(pin)
        except ValidationError as error:
            errors["pin"] = str(error)
        if not errors["pin"] and pin != self.query_one("#pin2", Input).value:
            errors["pin2"] = _("The two PINs differ.")
        for key, message in errors.items():
            self.query_one(f"#{key}-field", Field).show_error(message)
        first = next((key for key, message in errors.items() if message), None)
        if first:
            self.query_one(f"#{first}", Input).focus()
            return None
        return name, pin

    def action_create(self) -> None:
        checked = self._check()
        if checked is None:
            return
        name, pin = checked

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.staff import create_staff

            return SignedIn.of(create_staff(session, name=name, role=Role.ADMIN, pin=pin))

        run_db(
            self,
            job,
            self.app.signed_in,
            group="first_run",  # type: ignore[attr-defined]
            failed=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        field = getattr(error, "field", None) or "name"
        self.query_one(f"#{field}-field", Field).show_error(str(error))
