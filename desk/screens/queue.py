"""The work queue (急事先办) with each workflow step on a key, and the callback queue beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from desk.dialogs.book import book_for_case
from desk.dialogs.callback_done import CallbackDoneDialog
from desk.dialogs.case_detail import CaseDetailDialog, history_table
from desk.dialogs.choose_department import choose_department
from desk.dialogs.confirm import ConfirmArchiveDialog, ConfirmTellDialog, ask_first
from desk.dialogs.text_entry import ask_text
from desk.i18n import _
from desk.screens.base import DeskScreen
from desk.store import workflow
from desk.store.case_records import case_history
from desk.store.queue import (
    CallbackItem,
    QueueItem,
    case_detail,
    complete_callback,
    open_callbacks,
    open_queue,
)
from desk.store.steps import queue_refusal
from desk.widgets.changes import ChangeWatch
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar
from desk.widgets.queue_cells import callback_cells, queue_cells, queue_detail
from desk.widgets.queue_tables import (
    CALLBACK_COLUMNS,
    CALLBACK_FLEXIBLE,
    QUEUE_COLUMNS,
    QUEUE_FLEXIBLE,
    QUEUE_OPTIONAL,
    FitTable,
    selected_key,
)

QUEUE_LIMIT = 500


WAIT_REFRESH_S = 60.0
"""The shown queue is read again this often, for its waiting times and overdue callbacks."""


class QueueScreen(DeskScreen):
    """Every open matter, urgent first then oldest; the selected one's history beside it."""

    CSS_PATH = "queue.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the history beside the queue gives its width to the queue."""
    BINDINGS = [
        Binding("d", "route", _("Route"), id="queue.route"),
        Binding("l", "tell", _("Leadership told"), id="queue.tell"),
        Binding("i", "instruct", _("Instruction"), id="queue.instruct"),
        Binding("r", "resolve", _("Resolve"), id="queue.resolve"),
        Binding("b", "feedback", _("Fed back"), id="queue.feedback"),
        Binding("a", "archive", _("Archive"), id="queue.archive"),
        Binding("c", "callback_done", _("Callback done"), id="queue.callback_done"),
        Binding("p", "book", _("Book appointment"), id="queue.book"),
        # Before the table's own Enter (silent on an empty table); not in the key bar, as
        # the table's was not.
        Binding("enter", "open", _("Open"), id="queue.open", priority=True, show=False),
        Binding("tab", "switch_table", _("Queue / callbacks"), id="queue.switch"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, QueueItem] = {}
        self.callbacks: dict[str, CallbackItem] = {}
        self.watch = ChangeWatch(self, self.reload, group="queue.poll")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            with Vertical(id="queue-box"):
                yield Static(Content(_("Work queue: urgent first")), classes="box-title")
                yield FitTable(
                    QUEUE_COLUMNS,
                    QUEUE_FLEXIBLE,
                    QUEUE_OPTIONAL,
                    id="queue",
                    cursor_type="row",
                    zebra_stripes=True,
                )
                yield Static(id="detail")
            with Vertical(id="history-box"):
                yield Static(Content(_("History")), classes="box-title")
                yield Static(id="history")
        with Vertical(id="callbacks-box"):
            yield Static(Content(_("Promised callbacks")), classes="box-title")
            yield FitTable(CALLBACK_COLUMNS, CALLBACK_FLEXIBLE, id="callbacks", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#queue", DataTable).focus()
        self.reload()
        self.watch.start()
        self.set_interval(WAIT_REFRESH_S, self._time_passed)

    def _time_passed(self) -> None:
        """How long each matter has waited, and which callbacks are overdue, move with the
        clock even when no record changes."""
        if self.is_current:
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # loading

    def reload(self) -> None:
        """Load both queues in a worker."""
        now = self.app.now()  # type: ignore[attr-defined]

        def job(session: Session) -> tuple[list[QueueItem], list[CallbackItem]]:
            return (
                open_queue(session, limit=QUEUE_LIMIT, now=now),
                open_callbacks(session, limit=QUEUE_LIMIT, now=now),
            )

        run_db(self, job, self._show, group="queue.load", read_only=True)

    def _show(self, loaded: tuple[list[QueueItem], list[CallbackItem]]) -> None:
        items, callbacks = loaded
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        self.items = {f"{i.kind}:{i.id}": i for i in items}
        self.query_one("#queue", FitTable).show_rows(
            (key, queue_cells(item)) for key, item in self.items.items()
        )
        self.callbacks = {str(c.id): c for c in callbacks}
        self.query_one("#callbacks", FitTable).show_rows(
            (key, callback_cells(callback, tz)) for key, callback in self.callbacks.items()
        )
        self._show_selected()
        self.refresh_bindings()

    def selected(self) -> QueueItem | None:
        """The queue row under the cursor."""
        key = selected_key(self.query_one("#queue", DataTable))
        return self.items.get(key) if key else None

    def selected_callback(self) -> CallbackItem | None:
        """The callback row under the cursor."""
        key = selected_key(self.query_one("#callbacks", DataTable))
        return self.callbacks.get(key) if key else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "queue":
            self._show_selected()
            self.refresh_bindings()

    def _show_selected(self) -> None:
        """The highlighted matter whole below the queue, and its history beside it."""
        item = self.selected()
        self.query_one("#detail", Static).update(queue_detail(item))
        panel = self.query_one("#history", Static)
        if item is None:
            panel.update(Content(_("Nothing open.")))
            return
        tz = self.app.settings.tz  # type: ignore[attr-defined]

        def job(session: Session) -> Any:
            return case_history(session, kind=item.kind, record_id=item.id)

        run_db(
            self,
            job,
            lambda history: panel.update(
                history_table(history, tz) if history else Content(_("No changes yet."))
            ),
            group="queue.history",
            read_only=True,
        )

    # keys

    def why_not(self, action: str) -> str | None:
        """Why a key cannot act on what is highlighted now (None when it can), for the user:
        no key is silent. Such keys are drawn dim in the key bar."""
        item, waiting = self.selected(), bool(self.callbacks)
        return queue_refusal(action, item, actor=self._actor(), callbacks_waiting=waiting)

    def key_dimmed(self, action: str) -> bool:
        """Whether the key bar draws this key dim (pressing it says why it cannot act)."""
        return self.why_not(action) is not None

    def _refused(self, action: str) -> bool:
        """Say why a key cannot act on what is highlighted (True if it cannot)."""
        message = self.why_not(action)
        if message is not None:
            self.notify(message, severity="warning", markup=False)
        return message is not None

    def _step(
        self,
        job: Callable[[Session, QueueItem], Any],
        done_message: str,
        item: QueueItem | None = None,
    ) -> None:
        """Run one workflow step on a matter (the one chosen when its key was pressed)."""
        item = item or self.selected()
        if item is None:
            return

        def work(session: Session) -> None:
            job(session, item)

        run_db(self, work, lambda _result: self._done(done_message), group="queue.step")

    def _done(self, message: str) -> None:
        """Say a step was taken, and show the queues as they are now."""
        self.notify(message, markup=False)
        self.reload()

    def _actor(self) -> Any:
        return self.app.staff  # type: ignore[attr-defined]

    def action_route(self) -> None:
        """Route the selected matter to a department."""
        item = self.selected()
        if self._refused("route") or item is None:
            return

        choose_department(
            self,
            item.who,
            lambda department_id: self._step(
                lambda s, i: workflow.route(
                    s, kind=i.kind, record_id=i.id, department_id=department_id, actor=self._actor()
                ),
                _("Routed."),
                item,
            ),
        )

    def action_tell(self) -> None:
        """Record that leadership has been told, once asked (it is kept for good)."""
        item = self.selected()
        if self._refused("tell") or item is None:
            return
        ask_first(
            self.app,
            ConfirmTellDialog(item.id, f"{item.who} · {item.summary}"),
            lambda: self._step(
                lambda s, i: workflow.tell_leadership(
                    s, kind=i.kind, record_id=i.id, actor=self._actor()
                ),
                _("Recorded: leadership told."),
                item,
            ),
        )

    def _text_step(
        self,
        action: str,
        question: tuple[str, str],
        run: Callable[[Session, QueueItem, str], Any],
        done_message: str,
    ) -> None:
        """A step that records a line of text on the highlighted matter: said why it cannot
        be taken, else the text asked for (title, label), then the step taken with it."""
        item = self.selected()
        if self._refused(action) or item is None:
            return
        title, label = question
        subject = f"{item.who} · {item.summary}"
        ask_text(
            self.app,
            title,
            label,
            subject,
            lambda text: self._step(lambda s, i: run(s, i, text), done_message, item),
        )

    def action_instruct(self) -> None:
        """Record a leader's instruction (批示)."""
        self._text_step(
            "instruct",
            (_("Leader's instruction"), _("Instruction")),
            lambda s, i, text: workflow.record_instruction(
                s, kind=i.kind, record_id=i.id, instruction=text, actor=self._actor()
            ),
            _("Instruction recorded."),
        )

    def action_resolve(self) -> None:
        """Resolve the matter with its result (one involving leaders only after an instruction:
        said before the result is typed, not after)."""
        self._text_step(
            "resolve",
            (_("Resolve"), _("Result")),
            lambda s, i, text: workflow.resolve(
                s,
                kind=i.kind,
                record_id=i.id,
                result=text,
                actor=self._actor(),
                settings=self.app.settings,  # type: ignore[attr-defined]
            ),
            _("Resolved."),
        )

    def action_feedback(self) -> None:
        """Record what the caller was told."""
        self._text_step(
            "feedback",
            (_("Feedback to caller"), _("What the caller was told")),
            lambda s, i, text: workflow.feed_back(
                s, kind=i.kind, record_id=i.id, feedback=text, actor=self._actor()
            ),
            _("Feedback recorded."),
        )

    def action_archive(self) -> None:
        """Archive the settled matter, once asked (an archived record cannot be changed)."""
        item = self.selected()
        if self._refused("archive") or item is None:
            return
        ask_first(
            self.app,
            ConfirmArchiveDialog(item.id, f"{item.who} · {item.summary}"),
            lambda: self._step(
                lambda s, i: workflow.archive(s, kind=i.kind, record_id=i.id, actor=self._actor()),
                _("Archived."),
                item,
            ),
        )

    def action_callback_done(self) -> None:
        """Ask what came of the selected promised callback, then mark it made."""
        callback = self.selected_callback()
        if self._refused("callback_done") or callback is None:
            return
        actor = self._actor()

        def answered(outcome: str | None) -> None:
            if outcome is not None:
                run_db(
                    self,
                    lambda s: complete_callback(
                        s, callback_id=callback.id, actor=actor, note=outcome
                    ),
                    lambda _result: self._done(_("Callback done.")),
                    group="queue.callback",
                )

        subject = f"{callback.who} · {callback.summary}"
        self.app.push_screen(CallbackDoneDialog(subject), answered)

    def action_book(self) -> None:
        """Book an appointment for the person of the selected call or visit."""
        item = self.selected()
        if not self._refused("book") and item is not None:
            book_for_case(self, kind=item.kind, record_id=item.id)

    def action_open(self) -> None:
        """Open the selected record with its whole history."""
        if self.callbacks_focused():
            callback = self.selected_callback()
            target = (callback.kind, callback.record_id) if callback else None
        else:
            item = self.selected()
            target = (item.kind, item.id) if item else None
        if target is None:
            self._refused("callback_done" if self.callbacks_focused() else "open")
            return
        kind, record_id = target
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        run_db(
            self,
            lambda s: case_detail(s, kind=kind, record_id=record_id),
            lambda detail: self.app.push_screen(CaseDetailDialog(detail, tz)),
            group="queue.detail",
            read_only=True,
        )

    def callbacks_focused(self) -> bool:
        """Whether the callback queue has the focus (else the work queue)."""
        return self.focused is self.query_one("#callbacks", DataTable)

    def action_switch_table(self) -> None:
        """Move between the work queue and the callback queue."""
        queue = self.query_one("#queue", DataTable)
        target = self.query_one("#callbacks", DataTable) if queue.has_focus else queue
        target.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
