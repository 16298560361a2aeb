"""What every command shares: the chosen database and configuration, and clean failure."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console

from desk.config import ConfigError, Settings, checked_language, load_settings
from desk.i18n import _, normalise_language, set_language
from desk.store.errors import DatabaseError, StoreError, database_failure

if TYPE_CHECKING:
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
    _settings: Settings | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        """The configuration; its language applies unless --lang or DESK_LANG chose one."""
        if self._settings is None:
            self._settings = load_settings(self.config, self.db)
            if not self.lang and normalise_language(self._settings.language):
                set_language(self._settings.language)
        return self._settings

    def engine(self, *, migrate: bool = True) -> Engine:
        """The database, checked and migrated."""
        if self._engine is None:
            # Imported here: starting the app draws its first screen before SQLAlchemy loads.
            from desk.store.engine import open_database, session_scope
            from desk.store.staff import sync_departments

            engine = open_database(self.settings().db_url, migrate=migrate)
            with session_scope(engine) as session:
                sync_departments(session, names=self.settings().departments)
            self._engine = engine
        return self._engine


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
    err_console.print(f"[red]{_('Error')}:[/] ", end="")
    err_console.print(message, markup=False)
    return typer.Exit(code)


def friendly(function: F) -> F:
    """Turn desk's own errors into one line on stderr and exit status 2, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (ConfigError, DatabaseError, StoreError) as error:
            raise fail(str(error)) from None
        except KeyboardInterrupt:
            raise fail(_("Interrupted."), 130) from None
        except OSError as error:
            reason = error.strerror or str(error)
            where = f" ({error.filename})" if error.filename else ""
            raise fail(reason + where) from None
        except Exception as error:
            from sqlalchemy.exc import DBAPIError

            if isinstance(error, DBAPIError):  # the database itself failed: disk full, locked
                raise fail(database_failure(error)) from None
            raise

    return wrapper  # type: ignore[return-value]


def is_terminal() -> bool:
    """Whether a person is watching (progress bars), or cron (quiet)."""
    return sys.stderr.isatty()
