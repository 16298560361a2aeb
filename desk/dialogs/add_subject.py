"""Add a follow-up subject by hand and enrol them under a rule; returns the new subject's id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from desk.dialogs.form_dialog import FormDialog, form_bindings
from desk.i18n import N_, _
from desk.store.errors import StoreError, ValidationError
from desk.store.followups import SubjectInput, add_subject
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


class AddSubjectDialog(FormDialog[int | None]):
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
    BINDINGS = form_bindings("add_subject")
    FIRST = "name"
    SAVE_GROUP = "add_subject.save"

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

    def action_save(self) -> None:
        """Check and save in a worker; stay open with the error at its field if refused."""
        app: DeskApp = self.app  # type: ignore[assignment]
        self.clear_errors()
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

        self.run_save(job, self.dismiss)

    def field_errors(self, error: StoreError) -> Mapping[str, str]:
        """The store's message at its field (the rule's own event dates at the event field)."""
        field = error.field if isinstance(error, ValidationError) else None
        if field in ("started", "contacted", "resolved", "since"):
            field = "event"
        return {field: str(error)} if field else {}
