"""The `desk` command line: bare `desk` starts the app, subcommands run unattended."""

from __future__ import annotations

import os
import sys


def _language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """Entry point of the `desk` console script."""
    from desk.cli.start import app_options, start
    from desk.i18n import set_language

    # The help texts are built in the chosen language, so it must be known before Typer runs.
    set_language(_language_from_argv(sys.argv[1:]) or os.environ.get("DESK_LANG") or None)
    options = app_options(sys.argv[1:])
    if options is not None:
        from desk.cli.terminal import keys_kept_for_the_app

        with keys_kept_for_the_app():
            start(options)  # bare `desk`: straight to the app
        return
    from desk.cli.root import build_app

    build_app()(prog_name="desk")
