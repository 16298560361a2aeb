"""A small modal that picks the department a matter is routed to (分工归口)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from desk.i18n import _
from desk.rules.pinyin import initials
from desk.rules.text import one_line
from desk.store.queue import departments
from desk.widgets.db import run_db
from desk.widgets.key_bar import KeyBar


class ChooseDepartmentDialog(ModalScreen[int | None]):
    """Pick a department with the arrows (or its pinyin initials); Enter chooses."""

    DEFAULT_CSS = """
    ChooseDepartmentDialog { align: center middle; }
    ChooseDepartmentDialog > Vertical {
        width: 50; height: auto; max-height: 80%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ChooseDepartmentDialog OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [
        Binding("enter", "choose", _("Choose this one"), priority=True, id="department.choose"),
        Binding("escape", "cancel", _("Cancel"), id="department.cancel"),
    ]

    def __init__(self, departments: list[tuple[int, str]], subject: str = "") -> None:
        super().__init__()
        self.departments = departments
        self.subject = subject
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(_("Route to which department?")), id="title")
            yield Static(Content(one_line(self.subject)), id="subject")
            yield OptionList(
                *(Option(Content(one_line(name)), id=str(i)) for i, name in self.departments),
                id="departments",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.character and event.character.isascii() and event.character.isalpha():
            self.typed += event.character.lower()
            for index, (_id, name) in enumerate(self.departments):
                if initials(name).startswith(self.typed):
                    self.query_one(OptionList).highlighted = index
                    break
            else:
                self.typed = event.character.lower()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_choose(self) -> None:
        """Route to the highlighted department."""
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id or 0))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


def choose_department(node: DOMNode, subject: str, then: Callable[[int], None]) -> None:
    """Ask which department a matter goes to and run `then` with it; when none is set up,
    say who can list them instead of opening an empty list."""

    def chosen(department_id: int | None) -> None:
        if department_id is not None:
            then(department_id)

    def loaded(found: list[tuple[int, str]]) -> None:
        if found:
            node.app.push_screen(ChooseDepartmentDialog(found, subject), chosen)
            return
        message = _("No department is set up to route to: the administrator lists them in "
                    "the configuration (departments).")  # fmt: skip
        node.notify(message, severity="warning", markup=False)

    run_db(node, departments, loaded, group="queue.departments", read_only=True)
