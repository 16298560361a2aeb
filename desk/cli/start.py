"""Bare `desk` starts the app without building the command line and its subcommands.

Building every subcommand imports the whole store (about a second); the app needs none of it
before its first screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desk.cli.context import CliState, fail, friendly
from desk.config import checked_language
from desk.i18n import _, set_language
from desk.store.errors import MissingDatabase

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from desk.config import Settings

ENVIRONMENT = {"--db": "DESK_DB", "--config": "DESK_CONFIG", "--lang": "DESK_LANG"}
"""Options of `desk` itself (they may also be written after a subcommand), with the
environment variable each stands for."""
GLOBAL_OPTIONS = tuple(ENVIRONMENT)


def app_options(args: list[str]) -> dict[str, str] | None:
    """The global options when `args` only start the app, else None (a subcommand, --help,
    --version, or anything the full command line must judge)."""
    found: dict[str, str] = {}
    i = 0
    while i < len(args):
        name, equals, value = args[i].partition("=")
        if name not in GLOBAL_OPTIONS:
            return None
        if not equals:
            if i + 1 >= len(args):
                return None  # the full command line says the value is missing
            i += 1
            value = args[i]
        found[name] = value
        i += 1
    return found


def start(options: dict[str, str]) -> None:
    """Run the app as `desk` with these global options; fail as every command does."""
    # An option given, even empty, shuts out its environment variable, as on the full line.
    chosen = {
        name: (options[name] if name in options else os.environ.get(variable)) or None
        for name, variable in ENVIRONMENT.items()
    }
    current = CliState(db=chosen["--db"], config=chosen["--config"], lang=chosen["--lang"])
    lang_source = "--lang" if "--lang" in options else "DESK_LANG"
    try:
        _start(current, lang_source)
    except Exception as error:
        import typer  # loaded by `fail` for a failure already said; else not needed

        if not isinstance(error, typer.Exit):
            raise
        sys.exit(error.exit_code)


@friendly
def _start(current: CliState, lang_source: str) -> None:
    if current.lang:
        set_language(checked_language(current.lang, lang_source))
    start_app(current)


def start_app(current: CliState) -> None:
    """Run the Textual app (imported only now: cron never loads it). In a terminal the app
    opens the database behind its first screen. Without a terminal (cron, a pipe) the
    database is checked and the user told the app needs one: nothing waits on a screen
    nobody sees; nor is a missing database made."""
    settings = current.settings()
    if (sys.stdout.isatty() and sys.stdin.isatty()) or os.environ.get("TEXTUAL_DRIVER"):
        run_app(settings, current.engine)  # a terminal, or a driver chosen (textual-serve)
        return
    try:
        current.engine(create=False)  # a database desk cannot use is said first
    except MissingDatabase:
        pass  # nothing made: what is missing first is the terminal
    raise fail(
        _(
            "desk needs a terminal to start. For scripts and cron use its commands "
            "(desk --help), e.g. desk nightly."
        )
    )


def run_app(settings: Settings, engine: Engine | Callable[[], Engine]) -> None:
    """Run the app in this terminal; a database that cannot be opened is raised after."""
    from desk.app import make_app

    app = make_app(settings, engine)
    app.handle_signals = True
    app.run()
    if app.start_failure is not None:
        _drop_typed_ahead()  # a PIN typed into the card must not reach the shell
        raise app.start_failure


def _drop_typed_ahead() -> None:
    """Discard keys typed into the terminal that the app did not read."""
    try:
        import termios

        if sys.stdin.isatty():
            termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError):
        pass  # not a terminal desk can flush
