"""Run the real command line in-process (Typer's runner) in the test's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from desk.cli.root import build_app
from desk.i18n import set_language


@pytest.fixture
def desk_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke `desk ARGS…`; the language is set first, as the console script does."""
    from desk.cli.context import console

    monkeypatch.setattr(console, "_width", 200)  # tables are not wrapped at 80 columns

    def invoke(*args: str, lang: str = "zh_CN", input: str | None = None) -> Result:
        set_language(lang)
        return CliRunner().invoke(
            build_app(), list(args), input=input, catch_exceptions=False, env={"COLUMNS": "200"}
        )

    return invoke
