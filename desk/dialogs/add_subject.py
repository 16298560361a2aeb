"""Add a follow-up subject by hand and enrol them under a rule; returns the new subject's id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from desk.i18n import N_, _
from desk.store.errors import StoreError, ValidationError
from desk.store.followups import SubjectInput, add_subject
from desk.widgets.db import run_db
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from desk.app import DeskApp

FIELDS = (
    ("name", N_("Name")),
    ("phone", N_("Phone")),
    ("sex", N_("Sex")),
    ("age", N_("Age")),
    ("department", N_("Department")),
    ("doctor", N_("Attending doctor")),
    ("bed", N_("Bed")),
    ("diagnosis", N_("Diagnosis")),
    ("admitted", N_("Admitted (visited) on")),
    ("discharged", N_("Discharged on")),
    ("address", N_("Address")),
    ("event", N_("Event date (start, contact, resolved, since)")),
    ("completed", N_("Completion date (construction)")),
)
EVENT_FIELDS = ("event", "completed")


def event_dates(app: DeskApp, rule_name: str | None, event: str, completed: str) -> dict[str, str]:
    """The rule's own event dates from the two generic fields (start/contact…, completion)."""
    rule = app.settings.rule(rule_name) if rule_name else None
    if rule is None:
        return {}
    names = [n for o in rule.tasks for n in (o.after, o.at, *(o.midway or ())) if n]
    first = next((n for n in names if n not in ("discharged", "visited", "completed")), None)
    dates = {}
    if first and event.strip():
        dates[first] = event
    if "completed" in names and completed.strip():
        dates["completed"] = completed
    return dates


class AddSubjectDialog(ModalScreen[int | None]):
    """The register's columns, a rule, Ctrl+S to save; errors show at their field."""

    DEFAULT_CSS = """
    AddSubjectDialog { align: center middle; }
    AddSubjectDialog > VerticalScroll {
        width: 90; height: 90%; padding: 1 2; border: thick $primary; background: $surface;
    }
    AddSubjectDialog #title { text-style: bold; margin-bottom: 1; }
    AddSubjectDialog Horizontal { height: auto; }
    AddSubjectDialog Horizontal > Field { width: 1fr; margin-right: 1; }
    AddSubjectDialog #rule { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="add_subject.save"),
        Binding("escape", "cancel", _("Cancel"), id="add_subject.cancel"),
    ]

    def compose(self) -> ComposeResult:
        app: DeskApp = self.app  # type: ignore[assignment]
        rules = [(Text(r.label), r.name) for r in app.settings.rules]
        with VerticalScroll():
            yield Static(Content(_("Add a follow-up subject")), id="title")
            yield Select(rules, value=rules[0][1] if rules else Select.BLANK, id="rule")
            for start in range(0, len(FIELDS), 2):
                with Horizontal():
                    for key, label in FIELDS[start : start + 2]:
                        yield Field(_(label), Input(id=key), id=f"{key}-field")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        """Check and save in a worker; stay open with the error at its field if refused."""
        app: DeskApp = self.app  # type: ignore[assignment]
        for field in self.query(Field):
            field.show_error(None)
        values = {key: self.query_one(f"#{key}", Input).value for key, _label in FIELDS}
        rule = self.query_one("#rule", Select).value
        rule_name = rule if isinstance(rule, str) else None
        extra = event_dates(app, rule_name, values.pop("event"), values.pop("completed"))
        data = SubjectInput(**values, event_dates=extra)

        def job(session):  # type: ignore[no-untyped-def]
            subject = add_subject(
                session, actor=app.staff, settings=app.settings, data=data, rule_name=rule_name
            )
            return subject.id

        run_db(self, job, self.dismiss, group="add_subject.save", failed=self._refused)

    def _refused(self, error: StoreError) -> None:
        field = error.field if isinstance(error, ValidationError) else None
        if field in ("started", "contacted", "resolved", "since"):
            field = "event"
        if field and self.query(f"#{field}-field"):
            self.query_one(f"#{field}-field", Field).show_error(str(error))
            self.query_one(f"#{field}", Input).focus()
        else:
            self.app.show_error(str(error))  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
