"""F5 follow-ups: the queue by view, the selected task's subject and calls, one key per result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static, Tab, Tabs

from desk.dialogs.add_subject import AddSubjectDialog
from desk.dialogs.call_back import CallBackDialog
from desk.dialogs.reached import ReachedDialog
from desk.i18n import _
from desk.identity import desk_id
from desk.models import AttemptResult
from desk.screens.base import DeskScreen
from desk.store.followup_queue import (
    COUNT_CAP,
    PAGE,
    TAB_LABELS,
    QueueRow,
    QueueTab,
    TaskDetail,
    first_view,
    queue_counts,
    queue_page,
    task_detail,
)
from desk.store.followup_work import ReachedAnswers, hold_task, record_outcome, release_task
from desk.store.followups import calling_windows
from desk.widgets.db import run_db
from desk.widgets.followup_panels import calling_status, detail_text, queue_option
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from desk.app import DeskApp

RESULT_KEYS = {
    "no_answer": AttemptResult.NO_ANSWER,
    "wrong_number": AttemptResult.WRONG_NUMBER,
    "refused": AttemptResult.REFUSED,
}
VIEW_KEYS = Binding.Group(_("Switch view"))
"""1 to 4 choose a view: one entry `1-4 切换` in the key bar, one row in F1."""


@dataclass(frozen=True)
class QueueLoad:
    """One page of the queue view it was loaded for."""

    tab: QueueTab
    offset: int
    rows: list[QueueRow]
    picked: bool = False


class FollowupScreen(DeskScreen):
    """The follow-up queue: due now, overdue, upcoming, done."""

    CSS_PATH = "followups.tcss"
    BINDINGS = [
        *(
            Binding(
                key,
                f"view('{tab.value}')",
                _(TAB_LABELS[tab]),
                id=f"followups.{tab.value}",
                group=VIEW_KEYS,
            )  # fmt: skip
            for key, tab in zip("1234", QueueTab, strict=True)
        ),
        Binding("r", "reached", _("Reached"), id="followups.reached"),
        Binding("n", "result('no_answer')", _("No answer"), id="followups.no_answer"),
        Binding("w", "result('wrong_number')", _("Wrong number"), id="followups.wrong"),
        Binding("x", "result('refused')", _("Refused"), id="followups.refused"),
        Binding("c", "call_back", _("Call back later"), id="followups.call_back"),
        Binding("v", "sheet", _("Open sheet"), id="followups.sheet"),
        Binding("a", "add_subject", _("Add subject"), id="followups.add"),
        Binding("ctrl+r", "reload", _("Refresh"), id="followups.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tab = QueueTab.DUE_NOW
        self.rows: list[QueueRow] = []
        self.more = False
        self.detail: TaskDetail | None = None

    @property
    def desk_app(self) -> DeskApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="window")
        yield Tabs(*(Tab(_(TAB_LABELS[t]), id=t.value) for t in QueueTab), id="views")
        with Horizontal(id="main"):
            yield OptionList(id="tasks")
            with Vertical(id="side"):
                yield Static(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#tasks", OptionList).focus()
        self.set_interval(30, self._tick)

    def on_screen_resume(self) -> None:
        # The first time, and whenever the view left was empty: open where the work is.
        self.reload(pick=not self.rows)

    def calling_open(self) -> bool:
        """Whether now is inside a calling window on a working day."""
        app = self.desk_app
        return calling_windows(app.settings).is_open(app.now().astimezone(app.settings.tz))

    def _tick(self) -> None:
        """Keep the calling-hours line and the keys right as windows open and close."""
        app = self.desk_app
        self.query_one("#window", Static).update(calling_status(app.settings, app.now()))
        self.refresh_bindings()

    def selected(self) -> QueueRow | None:
        """The highlighted task."""
        index = self.query_one("#tasks", OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self.selected()
        if action in ("reached", "result", "call_back"):
            # Calls are made inside the calling windows only (the seeds: 08–11, 14–17 on
            # working days); outside them the line above says so and these keys are dimmed.
            return row is not None and row.status == "pending" and self.calling_open()
        if action == "sheet":
            return row is not None and row.status != "pending"
        return True

    # Loading -------------------------------------------------------------------------------

    def reload(self, offset: int = 0, *, pick: bool = False) -> None:
        """Load the first page of the current view (or the next one), with the counts; with
        pick=True, first move to the view that holds work (overdue, due now, upcoming)."""
        app = self.desk_app
        now = app.now()
        self.query_one("#window", Static).update(calling_status(app.settings, now))
        tab, settings = self.tab, app.settings

        def job(session):  # type: ignore[no-untyped-def]
            chosen = tab
            if pick:
                chosen = first_view(queue_counts(session, settings=settings, now=now), tab)
            rows = queue_page(session, settings=settings, tab=chosen, now=now, offset=offset)
            return QueueLoad(chosen, offset, rows, picked=pick)

        run_db(self, job, self._loaded, group="followups.queue", read_only=True)

    def _count(self) -> None:
        """Count each view (after the page is shown, so the two never compete)."""
        app = self.desk_app
        now, settings = app.now(), app.settings
        run_db(
            self,
            lambda session: queue_counts(session, settings=settings, now=now),
            self._counted,
            group="followups.counts",
            read_only=True,
        )

    def _loaded(self, load: QueueLoad) -> None:
        if load.picked and load.tab is not self.tab:  # opened where the work is
            self.tab = load.tab
            self.query_one("#views", Tabs).active = load.tab.value
        if load.tab is not self.tab:
            return
        tasks = self.query_one("#tasks", OptionList)
        keep = tasks.highlighted if load.offset == 0 else None
        if load.offset == 0:
            self.rows = []
            tasks.clear_options()
            self.call_after_refresh(self._count)
        self.rows.extend(load.rows)
        self.more = len(load.rows) == PAGE
        tz = self.desk_app.settings.tz
        year = self.desk_app.now().year
        tasks.add_options(
            queue_option(row, self.desk_app.settings, tz, year=year) for row in load.rows
        )
        if load.offset == 0 and self.rows:
            tasks.highlighted = min(keep or 0, len(self.rows) - 1)
        if not self.rows:
            self.detail = None
            self.query_one("#detail", Static).update(Content(_("Nothing in this view.")))
        self.refresh_bindings()

    def _counted(self, counts: dict[QueueTab, int]) -> None:
        for tab, count in counts.items():
            shown = f"{COUNT_CAP - 1}+" if count >= COUNT_CAP else str(count)
            self.query_one(f"#{tab.value}", Tab).label = f"{_(TAB_LABELS[tab])} {shown}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "tasks":
            return
        if self.more and event.option_index >= len(self.rows) - 1:
            self.more = False
            self.reload(offset=len(self.rows))
        self.refresh_bindings()
        self.load_detail()

    def load_detail(self, *, sheet: bool = False) -> None:
        """Load the selected task's subject and calls (with sheet=True, the answers)."""
        row = self.selected()
        if row is None:
            return
        actor = self.desk_app.staff

        def job(session):  # type: ignore[no-untyped-def]
            return task_detail(session, actor=actor, task_id=row.task_id, sheet=sheet)

        run_db(self, job, self._show_detail, group="followups.detail", read_only=not sheet)

    def _show_detail(self, detail: TaskDetail) -> None:
        self.detail = detail
        app = self.desk_app
        self.query_one("#detail", Static).update(detail_text(detail, app.settings))

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id and event.tab.id != self.tab.value:
            self.tab = QueueTab(event.tab.id)
            self.reload()

    # Actions -------------------------------------------------------------------------------

    def action_view(self, tab: str) -> None:
        """Show another view of the queue."""
        self.query_one("#views", Tabs).active = tab

    def action_reload(self) -> None:
        """Load the queue again."""
        self.reload()

    def _record(
        self,
        row: QueueRow,
        result: AttemptResult,
        answers: ReachedAnswers | None = None,
        call_back_at: datetime | None = None,
    ) -> None:
        app = self.desk_app
        now = app.now()

        def job(session):  # type: ignore[no-untyped-def]
            return record_outcome(
                session,
                actor=app.staff,
                settings=app.settings,
                task_id=row.task_id,
                desk=desk_id(),
                result=result,
                answers=answers,
                call_back_at=call_back_at,
                now=now,
            )

        def done(_outcome: object) -> None:
            self.notify(_("Saved."), markup=False)
            self.reload()

        run_db(self, job, done, group="followups.save")

    def action_result(self, name: str) -> None:
        """Record a call's result with one key."""
        row = self.selected()
        if row is not None and row.status == "pending":
            self._record(row, RESULT_KEYS[name])

    def _held(self, row: QueueRow, then: object) -> None:
        """Hold the task for this desk, then open a form (another desk's hold is refused)."""
        app = self.desk_app
        now = app.now()

        def job(session):  # type: ignore[no-untyped-def]
            return hold_task(session, actor=app.staff, task_id=row.task_id, desk=desk_id(), now=now)

        run_db(self, job, lambda _until: then(), group="followups.hold")  # type: ignore[operator]

    def _release(self, row: QueueRow) -> None:
        run_db(
            self,
            lambda session: release_task(session, task_id=row.task_id, desk=desk_id()),
            group="followups.release",
        )

    def action_reached(self) -> None:
        """Open the follow-up sheet for the reached subject."""
        row = self.selected()
        if row is None or row.status != "pending":
            return

        def answered(answers: ReachedAnswers | None) -> None:
            if answers is None:
                self._release(row)
            else:
                self._record(row, AttemptResult.REACHED, answers=answers)

        self._held(row, lambda: self.app.push_screen(ReachedDialog(row.subject_name), answered))

    def action_call_back(self) -> None:
        """Ask when to call back, and put the task there."""
        row = self.selected()
        if row is None or row.status != "pending":
            return
        app = self.desk_app

        def chosen(moment: datetime | None) -> None:
            if moment is None:
                self._release(row)
            else:
                self._record(row, AttemptResult.CALL_BACK_LATER, call_back_at=moment)

        dialog = CallBackDialog(app.now(), app.settings)
        self._held(row, lambda: self.app.push_screen(dialog, chosen))

    def action_sheet(self) -> None:
        """Show the selected task's answers (audited; only for its desk and supervisors)."""
        self.load_detail(sheet=True)

    def action_add_subject(self) -> None:
        """Add a subject by hand."""

        def added(subject_id: int | None) -> None:
            if subject_id is not None:
                self.notify(_("Saved."), markup=False)
                self.reload()

        self.app.push_screen(AddSubjectDialog(), added)
