"""A screen whose fields are still composing starts its work once they are there, and stops
waiting when the app ends first (the way a database that cannot be opened ends it)."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from desk.screens.base import DeskScreen


class Waiting(DeskScreen):
    """Its on_mount needs `#field`, which comes only when the test mounts it."""

    def __init__(self) -> None:
        super().__init__()
        self.tries = 0
        self.started = False

    def compose(self) -> ComposeResult:
        yield Static("card")

    def on_mount(self) -> None:
        self.tries += 1
        if not self.composed("#field"):
            return
        self.query_one("#field", Input).focus()
        self.started = True


async def test_the_work_starts_once_the_fields_are_there() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        screen = Waiting()
        await app.push_screen(screen)
        # Not pilot.pause(): while the screen waits for its fields, the app is never idle.
        await asyncio.sleep(0.1)
        assert not screen.started
        assert screen.tries >= 2  # it tried again after a refresh
        await screen.mount(Input(id="field"))
        for _ in range(100):
            if screen.started:
                break
            await asyncio.sleep(0.01)
        assert screen.started
        await pilot.pause()
        assert app.focused is screen.query_one("#field")


async def test_an_app_that_ends_before_the_fields_come_ends() -> None:
    app: App[None] = App()

    async def run() -> Waiting:
        async with app.run_test():
            screen = Waiting()
            await app.push_screen(screen)
            await asyncio.sleep(0.05)  # not pilot.pause(): the app is not idle while it waits
            app.exit()
            await asyncio.sleep(0.05)
            tries = screen.tries
            await asyncio.sleep(0.1)
            assert screen.tries == tries  # no more tries once the app is ending
        return screen

    screen = await asyncio.wait_for(run(), timeout=30)
    assert not screen.started
