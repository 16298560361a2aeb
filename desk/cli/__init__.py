"""The `desk` command line: bare `desk` starts the app, subcommands run unattended."""

from __future__ import annotations

import gc
import os
import sys


def _language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _say_own_warnings_plainly() -> None:
    """desk's own warnings (a year without holiday data) as one line in the user's language,
    not Python's file-and-line form in English."""
    import warnings

    from desk.i18n import _

    python_shows = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if category.__module__.startswith("desk."):
            (file or sys.stderr).write(_("Note: {message}").format(message=message) + "\n")
            return
        python_shows(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def main() -> None:
    """Entry point of the `desk` console script."""
    # Python's garbage collector is off while the app starts: its passes over the code being
    # loaded took a tenth of a second. It is on again once the database code has loaded
    # (desk.opening), and at once for the subcommands.
    gc.disable()
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
    gc.enable()
    from desk.cli.root import build_app

    _say_own_warnings_plainly()

    build_app()(prog_name="desk")
