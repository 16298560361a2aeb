"""The form dialog base the amend and add-subject dialogs share."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input

from desk.app import DeskApp
from desk.dialogs.add_subject import AddSubjectDialog
from desk.dialogs.amend import AmendDialog
from desk.dialogs.error import ErrorDialog
from desk.dialogs.form_dialog import FormDialog, form_bindings
from desk.session_info import SignedIn
from desk.store.errors import StoreError, ValidationError
from desk.widgets.field import Field


def _error(form: FormDialog[str | None], key: str) -> str:
    return str(form.query_one(f"#{key}-field .field-error").render())


class _Form(FormDialog[str | None]):
    BINDINGS = form_bindings("test_form")
    FIRST = "b"

    def compose(self) -> ComposeResult:
        yield Field("A", Input(id="a"), id="a-field")
        yield Field("B", Input(id="b"), id="b-field")

    def field_errors(self, error: StoreError) -> Mapping[str, str]:
        field = error.field if isinstance(error, ValidationError) else None
        return {field: str(error)} if field else {}


def test_both_dialogs_share_the_base_and_keep_their_key_ids() -> None:
    for dialog, name in ((AmendDialog, "amend"), (AddSubjectDialog, "add_subject")):
        assert issubclass(dialog, FormDialog)
        ids = [b.id for b in dialog.BINDINGS]  # type: ignore[union-attr]
        assert ids == [f"{name}.save", f"{name}.cancel"]


async def test_a_refusal_shows_at_its_field_or_as_a_whole(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test() as pilot:
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.pause()
        form = _Form()
        await app.push_screen(form)
        await pilot.pause()
        assert app.focused is form.query_one("#b")
        form.refused(ValidationError("不对", field="a"))
        await pilot.pause()
        assert _error(form, "a") == "不对"
        assert app.focused is form.query_one("#a")
        form.clear_errors()
        assert _error(form, "a") == ""
        form.refused(ValidationError("整体不对", field="nowhere"))
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
