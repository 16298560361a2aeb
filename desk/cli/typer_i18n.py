"""Put Typer's own words (Usage, Options, errors) through desk's translation."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from desk.cli.click_i18n import translate_click_messages
from desk.i18n import N_, _

_MODULES = ("typer.core", "typer.rich_utils")
_CONSTANTS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
HELP_OPTION = N_("Show this message and exit.")
"""Typer's own --help text: a literal in its copy of Click, set on each command's option."""
CLICK_MESSAGES = (N_("No such command {name!r}."), N_("Missing command."))
"""Typer's messages that go through `_` (listed so the catalogs carry them)."""


def translate_click() -> None:
    """Point the `_` of Typer at desk's catalogs, and redo Typer's fixed titles."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
    rich_utils = importlib.import_module("typer.rich_utils")
    for constant, message in _CONSTANTS.items():
        setattr(rich_utils, constant, _(message))
    command = importlib.import_module("typer._click.core").Command
    if not getattr(command.get_help_option, "translated", False):
        command.get_help_option = _translated_help(command.get_help_option)
    translate_click_messages()


def _translated_help(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap Command.get_help_option so the --help option describes itself in our language."""

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = _(HELP_OPTION)
        return option

    get_help_option.translated = True  # type: ignore[attr-defined]
    return get_help_option
