"""F10, supervisors and administrators: the audit trail, newest first, paged, filtered."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from desk.dialogs.audit_event import AuditEventDialog
from desk.i18n import _
from desk.rules.text import one_line
from desk.screens.base import DeskScreen
from desk.session_info import SignedIn, StaffChange
from desk.store.access import Permission, allowed
from desk.store.audit import AUDIT_PAGE, AuditRow, action_label, codes_named, list_audit
from desk.store.audit_detail import describe_detail
from desk.widgets.db import run_db
from desk.widgets.field import Field
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar

COLUMNS = (("when", 19), ("who", 16), ("desk", 20), ("action", 14), ("record", 14))
"""The columns before the detail, each as wide as its widest cell up to this many cells."""
MIN_DETAIL = 10
PADDING = 2
"""The cells the table puts around each column's text."""


class EventTable(DataTable[Text]):
    """The audit events; Enter shows the one under the cursor whole."""

    BINDINGS = [Binding("enter", "select_cursor", _("Show whole"), id="audit.show")]


def _fit(text: str, width: int) -> Text:
    """One line of text cut to a width of cells, an ellipsis showing where."""
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell


class AuditScreen(DeskScreen):
    """Who did what, when, from which desk; nothing here changes it."""

    CSS_PATH = "audit.tcss"
    BINDINGS = [
        Binding("pagedown", "older", _("Older"), id="audit.older", priority=True),
        Binding("pageup", "newer", _("Newer"), id="audit.newer", priority=True),
        Binding("ctrl+r", "reload", _("Refresh"), id="audit.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []
        self.pages: list[int | None] = [None]
        """The id each page starts below (None: the newest); the last is the page shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Field(_("Who"), Input(id="who", max_length=100), id="who-field")
            yield Field(_("Action"), Input(id="action", max_length=40), id="action-field")
        yield EventTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Static(id="page")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.staff_changed_signal.subscribe(self, self._staff_changed)  # type: ignore[attr-defined]
        self.query_one("#who", Input).focus()
        self.action_reload()

    def on_screen_resume(self) -> None:
        self.load()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill, keep_cursor=True)

    def _staff_changed(self, _change: StaffChange) -> None:
        self.action_reload()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.action_reload()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.query_one("#events", DataTable).focus()

    def action_reload(self) -> None:
        """Back to the newest page with the current filters."""
        self.pages = [None]
        self.load()

    def load(self) -> None:
        """Read the page shown (the store refuses anyone without READ_AUDIT)."""
        actor: SignedIn | None = self.app.staff  # type: ignore[attr-defined]
        if actor is None or not allowed(actor, Permission.READ_AUDIT):
            self._show([])
            return
        who = self.query_one("#who", Input).value
        action = self.query_one("#action", Input).value
        before_id = self.pages[-1]

        def job(session):  # type: ignore[no-untyped-def]
            return list_audit(
                session,
                actor=actor,
                who=who,
                action=action,
                action_codes=codes_named(action),
                before_id=before_id,
                limit=AUDIT_PAGE,
            )

        run_db(self, job, self._show, group="audit.load", read_only=True)

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        self._fill()
        page = _("Page {number}").format(number=len(self.pages))
        if not rows:
            page += " · " + _("No audit events match.")
        self.query_one("#page", Static).update(Content(page))
        self.refresh_bindings()

    def _texts(self, row: AuditRow) -> list[str]:
        tz = self.app.settings.tz  # type: ignore[attr-defined]
        return [
            row.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
            one_line(row.actor),
            one_line(row.desk()),
            one_line(action_label(row.action)),
            one_line(row.target()),
            one_line(describe_detail(row.detail, action=row.action, tz=tz)),
        ]

    def _fill(self, *, keep_cursor: bool = False) -> None:
        """Put the rows in the table, the detail cut to the width left (no sideways scroll)."""
        table = self.query_one("#events", EventTable)
        titles = [_("When"), _("Who"), _("Desk"), _("Action"), _("Record"), _("Detail")]
        texts = [self._texts(row) for row in self.rows]
        widths = [
            min(most, max(cell_len(t[i]) for t in [titles, *texts]))
            for i, (_key, most) in enumerate(COLUMNS)
        ]
        room = table.size.width - table.styles.scrollbar_size_vertical
        widths.append(max(MIN_DETAIL, room - sum(widths) - PADDING * len(titles)))
        cursor = table.cursor_row
        table.clear(columns=True)
        for title, width in zip(titles, widths, strict=True):
            table.add_column(_fit(title, width), width=width)
        for row, cells in zip(self.rows, texts, strict=True):
            table.add_row(
                *(_fit(t, w) for t, w in zip(cells, widths, strict=True)), key=str(row.id)
            )
        if self.rows and keep_cursor:
            table.move_cursor(row=min(cursor, len(self.rows) - 1), animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an event: show it whole."""
        found = next((r for r in self.rows if str(r.id) == event.row_key.value), None)
        if found is not None:
            self.app.push_screen(AuditEventDialog(found, self.app.settings.tz))  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "older":
            return True if len(self.rows) == AUDIT_PAGE else None
        if action == "newer":
            return True if len(self.pages) > 1 else None
        return True

    def action_older(self) -> None:
        """The next page of older events."""
        if len(self.rows) == AUDIT_PAGE:
            self.pages.append(self.rows[-1].id)
            self.load()

    def action_newer(self) -> None:
        """Back one page towards the newest events."""
        if len(self.pages) > 1:
            self.pages.pop()
            self.load()
