"""A virtual list of calls (Line API): only the pages in view are loaded, a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from sqlmodel import Session
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from desk.i18n import _
from desk.rules.labels import category_label, priority_short, status_label
from desk.rules.text import one_line
from desk.store.search import PAGE, LogFilter, LogKey, LogRow, call_count, call_page
from desk.widgets.db import run_db

CACHED_PAGES = 64
PRIORITY_STYLES = {1: "bold red", 2: "bold yellow", 3: "", 4: "dim"}


def columns(width: int) -> list[tuple[str, int]]:
    """The columns that fit a width, as (key, cells); the content takes what is left."""
    wide = width >= 130
    fixed = [("time", 16), ("priority", 4), ("status", 8), ("org", 18 if wide else 14)]
    fixed += [("caller", 8)]
    if wide:
        fixed += [("number", 14), ("category", 8), ("department", 10), ("recorder", 6)]
    used = sum(cells + 1 for _key, cells in fixed)
    return [*fixed, ("content", max(width - used, 8))]


def clipped(text: str, width: int) -> str:
    """Text cut to `width` cells with an ellipsis when it is longer (阜新第一人民…), never
    half a wide character."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1).rstrip() + "…"


class CallLogView(ScrollView, can_focus=True):
    """Every call a filter selects, newest first, scrolled without loading them all."""

    DEFAULT_CSS = """
    CallLogView { height: 1fr; }
    CallLogView > .call-log--cursor { background: $accent 40%; }
    CallLogView > .call-log--corrected { color: $text-warning; text-style: bold; }
    """
    COMPONENT_CLASSES = {"call-log--cursor", "call-log--corrected"}
    BINDINGS = [
        Binding("up", "move(-1)", _("Up"), show=False, id="log.up"),
        Binding("down", "move(1)", _("Down"), show=False, id="log.down"),
        Binding("pageup", "page(-1)", _("Page up"), show=False, id="log.page_up"),
        Binding("pagedown", "page(1)", _("Page down"), show=False, id="log.page_down"),
        Binding("home", "jump(0)", _("First"), show=False, id="log.first"),
        Binding("end", "jump(-1)", _("Last"), show=False, id="log.last"),
        Binding("enter", "open", _("Open call"), id="log.open"),
    ]

    cursor: reactive[int] = reactive(0)
    """The row under the cursor."""

    class Opened(Message):
        """The user asked to open a call."""

        def __init__(self, call_id: int) -> None:
            super().__init__()
            self.call_id = call_id

    class Counted(Message):
        """The number of calls the filter selects is known."""

        def __init__(self, total: int) -> None:
            super().__init__()
            self.total = total

    def __init__(self, tz: tzinfo, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tz = tz
        self.filter = LogFilter()
        self.generation = 0
        self.pages: LRUCache[int, list[LogRow]] = LRUCache(CACHED_PAGES)
        self.stale: LRUCache[int, list[LogRow]] = LRUCache(CACHED_PAGES)
        self.boundaries: dict[int, LogKey] = {}
        """The key of the call above each page: the page is read after it (keyset)."""
        self.ends: dict[int, LogKey] = {}
        """The key of the call below a page: the page is read before it (scrolling up)."""
        self.fetching: set[int] = set()
        """Pages being read (not `loading`: Widget's own flag, which makes it unfocusable)."""
        self.total: int | None = None
        self.known = 0

    # data

    def show(self, log_filter: LogFilter, *, keep: bool = False) -> None:
        """Show the calls a filter selects (keep=True: the same filter, data changed)."""
        self.generation += 1
        self.filter = log_filter
        self.stale = self.pages if keep else LRUCache(CACHED_PAGES)
        self.pages = LRUCache(CACHED_PAGES)
        self.boundaries = {}
        self.ends = {}
        self.fetching = set()
        if not keep:
            self.total = None
            self.known = 0
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
            self._resize()
        self._load(0, then=self._count)

    def _count(self) -> None:
        """Count the calls the filter selects (after the first page: it is not urgent)."""
        generation, log_filter = self.generation, self.filter

        def counted(total: int) -> None:
            if generation == self.generation:
                self.total = total
                self._resize()
                self.post_message(self.Counted(total))

        run_db(
            self,
            lambda s: call_count(s, log_filter=log_filter),
            counted,
            group="log.count",
            read_only=True,
        )

    def _resize(self) -> None:
        height = self.total if self.total is not None else self.known
        self.virtual_size = Size(self.size.width, height)
        if height and self.cursor >= height:
            self.cursor = height - 1
        self.refresh()

    def _load(self, page: int, then: Callable[[], None] | None = None) -> None:
        if page in self.fetching or page < 0:
            return
        self.fetching.add(page)
        generation, log_filter = self.generation, self.filter
        after, before = self.boundaries.get(page), self.ends.get(page)
        last = self.total is not None and page == (self.total - 1) // PAGE
        size = PAGE if not last or self.total is None else self.total - page * PAGE

        def job(session: Session) -> list[LogRow]:
            if page == 0 or after is not None:
                return call_page(session, log_filter=log_filter, after=after)
            if before is not None:
                return call_page(session, log_filter=log_filter, before=before, limit=size)
            if last:
                return call_page(session, log_filter=log_filter, last=True, limit=size)
            # A jump into the middle (the scroll bar): no neighbour is known yet.
            return call_page(session, log_filter=log_filter, offset=page * PAGE)

        def done(rows: list[LogRow]) -> None:
            if generation != self.generation:
                return
            self.fetching.discard(page)
            self.pages[page] = rows
            self.stale.discard(page)
            if len(rows) == PAGE:
                self.boundaries[page + 1] = rows[-1].key
            if rows and page > 0:
                self.ends[page - 1] = rows[0].key
            self.known = max(self.known, page * PAGE + len(rows) + (1 if len(rows) == PAGE else 0))
            if self.total is None:
                self._resize()
            self.refresh()
            if then is not None:
                then()

        run_db(self, job, done, group=f"log.page.{page}", read_only=True)

    def row(self, index: int) -> LogRow | None:
        """The call at a row, if loaded (starts loading it if not)."""
        page, offset = divmod(index, PAGE)
        rows = self.pages.get(page)
        if rows is None:
            self._load(page)
            rows = self.stale.get(page)
        if rows is not None and offset < len(rows):
            return rows[offset]
        return None

    @property
    def row_count(self) -> int:
        """Rows the view can show now."""
        return self.total if self.total is not None else self.known

    # drawing

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        found = self.row(index)
        if found is None:
            return Strip.blank(width, self.rich_style)
        line = self.line_content(found, width)
        strip = Strip(list(line.render_segments(self.visual_style)), line.cell_length)
        if index == self.cursor:
            style = self.get_component_rich_style("call-log--cursor")
            strip = Strip(Segment.apply_style(strip, post_style=style), strip.cell_length)
        return strip.crop(self.scroll_offset.x, self.scroll_offset.x + width)

    def line_content(self, row: LogRow, width: int) -> Content:
        """One call as one line of cells (caller text is data, never markup)."""
        values = {
            "time": row.received_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M"),
            "priority": priority_short(row.priority),
            "status": status_label(row.status),
            "org": one_line(row.org),
            "caller": one_line(row.caller),
            "number": one_line(row.number),
            "category": category_label(row.category),
            "department": one_line(row.department),
            "recorder": one_line(row.recorder),
            "content": row.content,
        }
        cells = []
        for key, cells_wide in columns(width):
            if key == "content" and row.corrected:  # a correction replaces it: 已更正
                marker = Content(_("Corrected")).stylize(self._corrected_style())
                room = max(cells_wide - marker.cell_length - 1, 0)
                cell = Content(" ").join([marker, Content(clipped(values[key], room))])
            else:
                cell = Content(clipped(values[key], cells_wide))
            cell = cell.truncate(cells_wide, pad=True)
            if key == "priority":
                cell = cell.stylize(PRIORITY_STYLES.get(row.priority, ""))
            cells.append(cell)
        return Content(" ").join(cells)

    def _corrected_style(self) -> Style:
        return Style.from_rich_style(self.get_component_rich_style("call-log--corrected"))

    def header_content(self, width: int) -> Content:
        """The column titles."""
        titles = {
            "time": _("Time"),
            "priority": _("Pri."),
            "status": _("Status"),
            "org": _("Organisation"),
            "caller": _("Caller"),
            "number": _("Number"),
            "category": _("Category"),
            "department": _("Department"),
            "recorder": _("Recorder"),
            "content": _("Content"),
        }
        return Content(" ").join(
            Content(titles[key]).truncate(cells, pad=True) for key, cells in columns(width)
        )

    def on_resize(self) -> None:
        self._resize()

    # cursor

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - self.scroll_offset.y)
        self.refresh_line(new - self.scroll_offset.y)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)

    def refresh_line(self, y: int) -> None:
        """Redraw one line of the view."""
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self.row_count - 1)) if self.row_count else 0

    def action_move(self, step: int) -> None:
        """Move the cursor a row."""
        self.cursor = self._clamp(self.cursor + step)

    def action_page(self, step: int) -> None:
        """Move the cursor a screenful."""
        self.cursor = self._clamp(self.cursor + step * max(self.size.height - 1, 1))

    def action_jump(self, where: int) -> None:
        """Move the cursor to the first (0) or last (-1) call."""
        self.cursor = self._clamp(0 if where == 0 else self.row_count - 1)

    def action_open(self) -> None:
        """Open the call under the cursor."""
        found = self.row(self.cursor)
        if found is not None:
            self.post_message(self.Opened(found.id))

    def on_click(self, event) -> None:  # type: ignore[no-untyped-def]
        self.cursor = self._clamp(self.scroll_offset.y + event.y)
