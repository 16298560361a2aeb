"""What every command shares: the chosen database and configuration, and clean failure."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console

from desk.config import ConfigError, Settings, checked_language, load_settings
from desk.i18n import _, normalise_language, set_language
from desk.store.errors import (
    DatabaseError,
    MissingDatabase,
    StoreError,
    database_failure,
    failure_text,
)

if TYPE_CHECKING:
    import typer
    from rich.table import Table
    from sqlalchemy import Engine

F = TypeVar("F", bound=Callable[..., Any])
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class CliState:
    """Options of the root command, and what they open, made on first use."""

    db: str | None = None
    config: str | None = None
    lang: str | None = None
    may_create: bool = True
    """Whether engine() may make a new SQLite file unless told; the root clears it for
    subcommands, so only starting the app (and commands that ask) create a database."""
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        """The configuration; its language applies unless --lang or DESK_LANG chose one."""
        if self._settings is None:
            self._settings = load_settings(self.config, self.db)
            if not self.lang and normalise_language(self._settings.language):
                set_language(self._settings.language)
        return self._settings

    def engine(self, *, migrate: bool = True, create: bool | None = None) -> Engine:
        """The database, checked and migrated; a missing SQLite file is made only if `create`
        (default: `may_create`), else refused with a line naming it, creating nothing."""
        if self._engine is None:
            # Imported here: starting the app draws its first screen before SQLAlchemy loads.
            from desk.store.engine import open_database, session_scope
            from desk.store.staff import sync_departments

            may_create = self.may_create if create is None else create
            try:
                engine = open_database(self.settings().db_url, migrate=migrate, create=may_create)
            except MissingDatabase as error:
                raise MissingDatabase(missing_database(error.path), path=error.path) from None
            with session_scope(engine) as session:
                sync_departments(session, names=self.settings().departments)
            self._engine = engine
        return self._engine


def missing_database(path: Path) -> str:
    """The line for a database file that is not there: its full path, and what to check."""
    return _(
        "There is no database at {path}; nothing was created. Give the right file with "
        "--db or DESK_DB (a new database is made by: desk db upgrade)."
    ).format(path=path.absolute())


def state(ctx: typer.Context) -> CliState:
    """The root command's state from any subcommand's context."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def checked_lang_option(ctx: typer.Context, lang: str) -> str:
    """The --lang / DESK_LANG value if desk has that language, else a ConfigError naming it."""
    source = ctx.get_parameter_source("lang")
    from_env = source is not None and source.name == "ENVIRONMENT"
    return checked_language(lang, "DESK_LANG" if from_env else "--lang")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear line to stderr and return the Exit to raise."""
    import typer  # not loaded for bare `desk`, which starts the app without the command line

    err_console.print(f"[red]{_('{label}: ').format(label=_('Error'))}[/]", end="")
    err_console.print(message, markup=False)
    return typer.Exit(code)


def friendly(function: F) -> F:
    """Turn desk's own errors into one line on stderr and exit status 2, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bad = next((name for name, value in kwargs.items() if _undecodable(value)), None)
        if bad is not None:
            raise fail(not_utf8(_option_name(bad)))
        try:
            return function(*args, **kwargs)
        except UnicodeEncodeError as error:
            if "surrogate" not in str(error):
                raise
            raise fail(not_utf8(None)) from None
        except (ConfigError, DatabaseError, StoreError) as error:
            raise fail(str(error)) from None
        except KeyboardInterrupt:
            raise fail(_("Interrupted."), 130) from None
        except OSError as error:
            raise fail(failure_text(error)) from None
        except Exception as error:
            from sqlalchemy.exc import DBAPIError

            if isinstance(error, DBAPIError):  # the database itself failed: disk full, locked
                raise fail(database_failure(error)) from None
            raise

    return wrapper  # type: ignore[return-value]


def _undecodable(value: object) -> bool:
    """Whether a value holds bytes that were not UTF-8 (Python keeps them as surrogates)."""
    if isinstance(value, str):
        return any("\udc80" <= char <= "\udcff" for char in value)
    if isinstance(value, list | tuple):
        return any(_undecodable(item) for item in value)
    return False


def _option_name(name: str) -> str:
    """How the user wrote a parameter: its option (--caller) or its argument's name."""
    import importlib

    # Typer vendors Click; its current context knows the command's parameters.
    ctx = importlib.import_module("typer._click.globals").get_current_context(silent=True)
    for param in ctx.command.params if ctx is not None else ():
        if param.name == name:
            if param.param_type_name == "option":
                return str(param.opts[0])
            return str(param.metavar or name.upper())
    return name


def not_utf8(where: str | None) -> str:
    """The line for text that is not UTF-8 (e.g. GBK from a phone system's hook)."""
    if where is None:
        return _(
            "Some text is not valid UTF-8, so nothing was stored. Send UTF-8 text "
            "(set the phone system or script to UTF-8)."
        )
    return _(
        "The text given to {option} is not valid UTF-8, so nothing was stored. Send UTF-8 "
        "text (set the phone system or script to UTF-8)."
    ).format(option=where)


def print_table(table: Table) -> None:
    """Print a table; when stdout is a file or a pipe (cron, `> file`), as wide as its longest
    row, so that a saved copy is complete (nothing cut off with …)."""
    if console.is_terminal:
        console.print(table)
        return
    from rich.measure import Measurement

    measuring = Console(highlight=False, width=1_000_000)
    needed = Measurement.get(measuring, measuring.options, table).maximum
    Console(highlight=False, width=max(needed, console.width)).print(table)


def is_terminal() -> bool:
    """Whether a person is watching (progress bars), or cron (quiet)."""
    return sys.stderr.isatty()
