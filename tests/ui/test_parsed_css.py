"""Stylesheets parsed by one start are kept (desk.widgets.parsed_css) and handed back to
Textual by the next: it parses nothing it parsed before, and every widget is styled alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import textual.css.stylesheet
from sqlalchemy import Engine

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.kept import keep
from desk.session_info import SignedIn
from desk.widgets import parsed_css
from desk.widgets.parsed_css import ParsedCSS
from tests.ui.conftest import wait_until


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Each piece of CSS Textual parses (an empty cache folder of the test's own)."""
    monkeypatch.setenv("DESK_CACHE_DIR", str(tmp_path / "kept"))
    seen: list[str] = []
    parse = textual.css.stylesheet.parse

    def counted(scope: str, css: str, read_from: Any, **options: Any) -> Any:
        seen.append(read_from[1])
        return parse(scope, css, read_from, **options)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return seen


async def styles_at_call_entry(app: DeskApp, staff: SignedIn) -> dict[str, tuple[object, ...]]:
    """Sign in, and read how each widget of the call entry is styled; then close the app."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.signed_in(staff)
        await wait_until(pilot, lambda: getattr(app.screen, "_ready", False), workers=True)
        return {
            f"{type(node).__name__}#{node.id}#{index}": (
                node.styles.color,
                node.styles.background,
                node.styles.height,
                node.styles.margin,
                node.styles.display,
                tuple(sorted(str(style) for style in node._component_styles.values())),
            )
            for index, node in enumerate(app.screen.walk_children())
        }


@pytest.fixture
def new_app(
    parses: list[str], settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> Callable[[], DeskApp]:
    """A new app each call, made once the test's own cache folder is chosen."""
    return lambda: make_app(settings, sqlite_engine, clock=clock)


async def test_the_next_start_parses_nothing_and_styles_alike(
    new_app: Callable[[], DeskApp], admin: SignedIn, parses: list[str], tmp_path: Path
) -> None:
    first = await styles_at_call_entry(new_app(), admin)
    assert any(key.startswith("CallForm#") for key in first)
    assert parses, "the first start parses every stylesheet"
    assert list((tmp_path / "kept").glob("css-*.pickle")), "and keeps what it parsed"
    parses.clear()
    second = await styles_at_call_entry(new_app(), admin)
    assert parses == []
    assert second == first


async def test_a_damaged_file_is_parsed_afresh_and_written_anew(
    new_app: Callable[[], DeskApp], admin: SignedIn, parses: list[str], tmp_path: Path
) -> None:
    first = await styles_at_call_entry(new_app(), admin)
    (kept,) = (tmp_path / "kept").glob("css-*.pickle")
    for damage in (b"", b"not a pickle", kept.read_bytes()[:200]):
        keep(kept.name, damage)
        parses.clear()
        again = await styles_at_call_entry(new_app(), admin)
        assert parses, "parsed afresh"
        assert again == first
        assert kept.stat().st_size > 1000, "and kept whole again"


async def test_nothing_is_kept_when_asked_not_to(
    new_app: Callable[[], DeskApp], admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_CACHE_DIR", "")
    app = new_app()
    await styles_at_call_entry(app, admin)
    assert app.parsed_css.enabled is False
    assert app.parsed_css.save() is False


def test_each_theme_keeps_its_own_file(app: DeskApp) -> None:
    kept = ParsedCSS(app.stylesheet)
    name = kept._file_name()
    app.stylesheet.set_variables({**app.stylesheet._variables, "primary": "#123456"})
    assert kept._file_name() != name


def test_textual_keeps_room_for_every_stylesheet(app: DeskApp) -> None:
    assert app.stylesheet._parse_cache.maxsize == parsed_css.CACHE_ENTRIES
