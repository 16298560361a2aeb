"""The screens' header: a title change can never end the app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets._header import HeaderTitle

from desk.widgets.header import Header


class _HeaderApp(App[None]):
    TITLE = "desk"

    def compose(self) -> ComposeResult:
        yield Header()


async def test_header_shows_the_title_and_follows_a_new_sub_title() -> None:
    app = _HeaderApp()
    async with app.run_test() as pilot:
        app.sub_title = "第一医院 · 张三"
        await pilot.pause()
        title = app.query_one(HeaderTitle)
        assert "desk" in str(title.render()) and "张三" in str(title.render())


async def test_a_title_change_while_the_header_is_taken_down_is_harmless() -> None:
    # The moment that ended a run: the sub-title changed (someone signed in) while a header's
    # title line was already gone. Textual's own header raised NoMatches from its handler.
    app = _HeaderApp()
    async with app.run_test() as pilot:
        await app.query_one(HeaderTitle).remove()
        app.sub_title = "第一医院 · 张三"
        app.title = "desk"
        await pilot.pause()
        assert app.return_code is None and app.is_running
