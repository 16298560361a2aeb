"""The call log: every call, newest first, one search box and filters; Enter opens a call."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from desk.dialogs.amend import AmendDialog
from desk.dialogs.case_detail import CaseDetailDialog
from desk.dialogs.confirm import ConfirmArchiveDialog
from desk.i18n import _
from desk.rules.dates import DateError
from desk.rules.dates import parse_day as parse_date
from desk.rules.labels import CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS
from desk.rules.text import one_line
from desk.screens.base import DeskScreen
from desk.store import workflow
from desk.store.amend import CallText, call_text
from desk.store.queue import case_detail, departments
from desk.store.search import LogFilter, searchable
from desk.store.staff import list_staff
from desk.store.steps import archive_refusal
from desk.widgets.call_log_view import CallLogView
from desk.widgets.changes import ChangeWatch
from desk.widgets.cycler import Cycler
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar

SEARCH_DELAY_S = 0.25
SELECTS = ("priority", "category", "status", "department", "recorder")
DATE_BOXES = ("from", "to")


def parse_day(text: str) -> date | None:
    """A day typed as 2026-11-24 (or 2026/11/24); None when empty; DateError when wrong."""
    return parse_date(text) if text.strip() else None


class LogInput(Input):
    """A box above the log: Enter shows the calls it selects and moves to the list."""

    BINDINGS = [Binding("enter", "submit", _("To the results"), id="log.results")]


class CallLogScreen(DeskScreen):
    """Every call, newest first, scrolled a page at a time."""

    CSS_PATH = "call_log.tcss"
    AUTO_FOCUS = "#search"
    BINDINGS = [
        Binding("ctrl+f", "search", _("Search"), id="log.search"),
        Binding("escape", "list", _("To the list"), id="log.list"),
        Binding("ctrl+r", "clear", _("Clear filters"), id="log.clear"),
        Binding("e", "amend", _("Correct"), id="log.amend"),
        Binding("a", "archive", _("Archive"), id="log.archive"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.timer: Timer | None = None
        self.watch = ChangeWatch(self, self._changed, group="log.poll")
        self.left = False
        """The desk moved to another area (not a dialog over this screen)."""
        self.wrong_box: str | None = None
        """The date box the hint says is wrong, if one is."""

    def compose(self) -> ComposeResult:
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        yield Header()
        with Horizontal(id="search-row"):
            yield LogInput(
                placeholder=_("Search: 2+ characters, pinyin initials, or 3+ digits"),
                id="search",
            )
            yield LogInput(placeholder=_("From YYYY-MM-DD"), id="from")
            yield LogInput(placeholder=_("To YYYY-MM-DD"), id="to")
        with Horizontal(id="select-row"):
            yield self._cycler("priority", _("Priority"), PRIORITY_LABELS)
            yield self._cycler("category", _("Category"), CATEGORY_LABELS)
            yield self._cycler("status", _("Status"), STATUS_LABELS)
            yield Cycler(_("Department"), _("all"), [], id="department")
            yield Cycler(_("Recorder"), _("all"), [], id="recorder")
        yield Static(id="hint")
        yield Static(id="columns")
        yield CallLogView(tz, id="log")
        yield KeyBar()

    @staticmethod
    def _cycler(name: str, label: str, labels: dict[Any, str]) -> Cycler:
        return Cycler(
            label, _("all"), [(_(text), value) for value, text in labels.items()], id=name
        )

    def on_mount(self) -> None:
        def job(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
            staff = [(s.id, s.name) for s in list_staff(session) if s.id is not None]
            return departments(session), staff

        run_db(self, job, self._fill_selects, group="log.choices", read_only=True)
        self.action_search()  # what is typed on opening is a search, not lost on the list
        self.apply()
        self.watch.start()

    def on_screen_suspend(self) -> None:
        self.left = self not in self.app.screen_stack

    def on_screen_resume(self) -> None:
        """F3 again: the cursor waits in the search box (after a dialog: where it was)."""
        if self.left:
            self.left = False
            self.action_search()

    def _fill_selects(self, loaded: tuple[list[tuple[int, str]], list[tuple[int, str]]]) -> None:
        found_departments, staff = loaded
        for name, pairs in (("department", found_departments), ("recorder", staff)):
            self.query_one(f"#{name}", Cycler).set_options((label, value) for value, label in pairs)

    def on_resize(self) -> None:
        view = self.query_one(CallLogView)
        self.query_one("#columns", Static).update(view.header_content(view.size.width))

    # filters

    def current_filter(self) -> LogFilter | tuple[str, str]:
        """The filter the boxes describe, or the box that is wrong and what is wrong with it."""
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        days: dict[str, date | None] = {}
        for box in DATE_BOXES:
            try:
                days[box] = parse_day(self.query_one(f"#{box}", Input).value)
            except DateError as error:
                return box, error.message
        start, end = days["from"], days["to"]
        if start is not None and end is not None and end < start:
            message = _("The To date {end} is before the From date {start}: swap them.")
            return "to", message.format(end=end.isoformat(), start=start.isoformat())
        values = {}
        for name in SELECTS:
            values[name] = self.query_one(f"#{name}", Cycler).value
        return LogFilter(
            text=self.query_one("#search", Input).value.strip(),
            received_from=datetime.combine(start, time(0), tz) if start else None,
            received_to=datetime.combine(end + timedelta(days=1), time(0), tz) if end else None,
            priority=values["priority"],
            category=values["category"],
            status=values["status"],
            department_id=values["department"],
            recorder_id=values["recorder"],
            area_code=self.app.settings.area_code,  # type: ignore[attr-defined]
        )

    def apply(self) -> bool:
        """Show the calls the boxes select; False when the boxes need changing first (a wrong
        date box is marked, and `wrong_box` names it)."""
        chosen = self.current_filter()
        hint = self.query_one("#hint", Static)
        self.wrong_box = chosen[0] if isinstance(chosen, tuple) else None
        for box in DATE_BOXES:
            self.query_one(f"#{box}", Input).set_class(box == self.wrong_box, "-invalid")
        if isinstance(chosen, tuple):
            hint.update(Content(chosen[1]))
            return False
        if chosen.text and not searchable(chosen.text, chosen.area_code):
            hint.update(Content(_("Type at least 2 characters (3 digits for a number).")))
            return False
        view = self.query_one(CallLogView)
        if chosen == view.filter and view.total is not None:
            # The same calls: back to the list where the cursor was.
            self._show_total(view.total)
            return True
        hint.update(Content(_("Searching…") if chosen.text else ""))
        view.show(chosen)
        return True

    def on_call_log_view_counted(self, event: CallLogView.Counted) -> None:
        self._show_total(event.total)

    def _show_total(self, total: int) -> None:
        self.query_one("#hint", Static).update(Content(_("{count:,} calls").format(count=total)))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(SEARCH_DELAY_S, self.apply)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.timer is not None:
            self.timer.stop()
        if self.apply():
            self.query_one(CallLogView).focus()
        elif self.wrong_box is not None:  # the cursor goes to the box the hint is about
            self.query_one(f"#{self.wrong_box}", Input).focus()

    def on_cycler_changed(self, event: Cycler.Changed) -> None:
        self.apply()

    def _changed(self) -> None:
        chosen = self.current_filter()
        if isinstance(chosen, LogFilter):
            self.query_one(CallLogView).show(chosen, keep=True)

    # keys

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#search", Input).focus()

    def action_list(self) -> None:
        """Put the cursor in the list of calls."""
        self.query_one(CallLogView).focus()

    def action_clear(self) -> None:
        """Empty the search box and every filter."""
        with self.prevent(Input.Changed):
            for name in ("search", "from", "to"):
                self.query_one(f"#{name}", Input).value = ""
        for name in SELECTS:
            self.query_one(f"#{name}", Cycler).clear()
        self.apply()

    def action_amend(self) -> None:
        """Put right the call under the cursor (an archived one by a new, linked call)."""
        view = self.query_one(CallLogView)
        row = view.row(view.cursor)
        if row is None:
            return
        call_id = row.id

        def opened(call: CallText) -> None:
            self.app.push_screen(AmendDialog(call), lambda _done: self._changed())

        run_db(self, lambda s: call_text(s, call_id=call_id), opened, group="log.amend")

    def action_archive(self) -> None:
        """Archive the call under the cursor once it is settled, after asking: a call fed
        back to its caller has left the work queue, and is archived from here."""
        view = self.query_one(CallLogView)
        row = view.row(view.cursor)
        if row is None:
            return
        actor = self.app.staff  # type: ignore[attr-defined]
        why = archive_refusal(actor, record_id=row.id, status=row.status)
        if why is not None:
            self.notify(why, severity="warning", markup=False)
            return
        call_id = row.id

        def archived(_record: object) -> None:
            self.notify(_("Archived."), markup=False)
            self._changed()

        def answered(yes: bool | None) -> None:
            if yes:
                run_db(
                    self,
                    lambda s: workflow.archive(s, kind="call", record_id=call_id, actor=actor),
                    archived,
                    group="log.archive",
                )

        subject = one_line(" · ".join(p for p in (row.org, row.caller, row.content) if p))
        self.app.push_screen(ConfirmArchiveDialog(call_id, subject), answered)

    def on_call_log_view_opened(self, event: CallLogView.Opened) -> None:
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        run_db(
            self,
            lambda s: case_detail(s, kind="call", record_id=event.call_id),
            lambda detail: self.app.push_screen(CaseDetailDialog(detail, tz)),
            group="log.detail",
            read_only=True,
        )
