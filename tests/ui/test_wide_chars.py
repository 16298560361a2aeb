"""Chinese text over the edges of widgets beneath is drawn whole (Textual issue #6357)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

from rich.cells import cell_len
from rich.console import Console
from sqlalchemy import Engine
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widgets import Static

from desk.app import make_app
from desk.config import Settings
from desk.session_info import SignedIn
from desk.widgets.wide_chars import draw_wide_characters_whole

TOAST = "已恢复上次未保存的来电记录，请核对后保存。"


class _Overlap(App[None]):
    """Two panes meeting at column 20, and a line of Chinese over them from column 11: its
    fifth character straddles the panes' edge."""

    CSS = """
    Screen { layers: below above; }
    Horizontal { height: 3; }
    #left { width: 20; }
    #left, #right { height: 100%; }
    #over { layer: above; offset: 11 1; width: 30; height: 1; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("左" * 10, id="left")
            yield Static("右" * 20, id="right")
        yield Static("已恢复上次未保存的来电记录", id="over")


def _screen_text(app: App[None]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


class _Cells:
    """A terminal's cells, written by cursor moves and text as Textual sends them."""

    def __init__(self, lines: list[str]) -> None:
        self.rows = [list(self._cells(line)) for line in lines]

    @staticmethod
    def _cells(text: str) -> Iterator[str]:
        for char in text:
            yield char
            if cell_len(char) == 2:
                yield ""

    def write(self, data: str) -> None:
        x = y = 0
        data = re.sub(r"\x1b\[[0-9;]*m", "", data)  # colours: not what is checked here
        for match in re.finditer(r"\x1b\[(\d+);(\d+)H|([^\x1b\n]+)", data):
            if match.group(3) is None:
                y, x = int(match.group(1)) - 1, int(match.group(2)) - 1
                continue
            for cell in self._cells(match.group(3)):
                self.rows[y][x] = cell
                x += 1

    def line(self, y: int) -> str:
        return "".join(self.rows[y])


async def test_a_line_over_two_panes_keeps_the_character_on_their_edge() -> None:
    draw_wide_characters_whole()
    app = _Overlap()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        assert "已恢复上次未保存的来电记录" in _screen_text(app)[1]


async def test_a_partial_update_beyond_the_edge_draws_the_new_text() -> None:
    draw_wide_characters_whole()
    app = _Overlap()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        cells = _Cells(_screen_text(app))
        over = app.query_one("#over", Static)
        over.update("请核对后保存来电记录的内容")
        compositor = app.screen._compositor
        compositor._dirty_regions.clear()
        compositor._dirty_regions.add(Region(25, 1, 12, 1))  # only past the panes' edge
        update = compositor.render_partial_update()
        assert update is not None
        data = update.render_segments(Console(color_system=None, width=60))
        cells.write(data)
        # Columns 25 to 36, past the edge at 20, show the new text's end.
        assert "电记录的内容" in cells.line(1)


async def test_a_toast_over_the_call_entry_and_its_caller_panel_reads_whole(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime], admin: SignedIn
) -> None:
    app = make_app(settings, sqlite_engine, clock=clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.notify(TOAST, markup=False)
        await pilot.pause(0.3)
        assert any(TOAST in line for line in _screen_text(app))
