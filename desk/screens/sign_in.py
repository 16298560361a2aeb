"""Sign in: pick your name (type to filter, Chinese or pinyin initials), enter your PIN."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from desk.i18n import _
from desk.rules.pinyin import initials
from desk.session_info import SignedIn
from desk.store.staff import authenticate, list_staff
from desk.widgets.db import run_db
from desk.widgets.field import Field


@dataclass(frozen=True)
class StaffChoice:
    """A name on the sign-in list."""

    id: int
    name: str
    initials: str


class SignInScreen(Screen[None]):
    """Who is at the desk: name, then PIN."""

    CSS_PATH = "sign_in.tcss"
    BINDINGS = [Binding("ctrl+s", "sign_in", _("Sign in"), id="sign_in.submit")]

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[StaffChoice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="card"):
            yield Static(Content(_("Sign in")), id="title")
            yield Field(_("Your name (type to filter)"), Input(id="filter"), id="filter-field")
            yield OptionList(id="names")
            yield Field(_("PIN"), Input(id="pin", password=True, max_length=12), id="pin-field")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()

        def job(session):  # type: ignore[no-untyped-def]
            return [
                StaffChoice(s.id, s.name, initials(s.name))
                for s in list_staff(session, include_disabled=False)
                if s.id is not None
            ]

        run_db(self, job, self._loaded, group="sign_in.load", read_only=True)

    def _loaded(self, choices: list[StaffChoice]) -> None:
        self.choices = choices
        self._show(self.query_one("#filter", Input).value)

    def _show(self, text: str) -> None:
        text = text.strip().lower()
        names = self.query_one("#names", OptionList)
        names.clear_options()
        names.add_options(
            Option(Content(choice.name), id=str(choice.id))
            for choice in self.choices
            if not text or text in choice.name.lower() or choice.initials.startswith(text)
        )
        if names.option_count:
            names.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self._show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one("#pin", Input).focus()
        else:
            self.action_sign_in()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#pin", Input).focus()

    def action_sign_in(self) -> None:
        names = self.query_one("#names", OptionList)
        pin_field = self.query_one("#pin-field", Field)
        if names.highlighted is None:
            self.query_one("#filter-field", Field).show_error(_("Choose your name."))
            return
        staff_id = int(names.get_option_at_index(names.highlighted).id or 0)
        pin = self.query_one("#pin", Input).value

        def job(session):  # type: ignore[no-untyped-def]
            return SignedIn.of(authenticate(session, staff_id=staff_id, pin=pin))

        def failed(error: Exception) -> None:
            pin_field.show_error(str(error))
            self.query_one("#pin", Input).value = ""

        run_db(
            self,
            job,
            self.app.signed_in,
            group="sign_in",  # type: ignore[attr-defined]
            failed=failed,
        )
