"""Put Typer's own words (Usage, Options, errors) through desk's translation."""

from __future__ import annotations

import importlib

from desk.i18n import _

_MODULES = ("typer.core", "typer.rich_utils")
_CONSTANTS = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def translate_click() -> None:
    """Point the `_` of Typer at desk's catalogs, and redo Typer's fixed titles."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
    rich_utils = importlib.import_module("typer.rich_utils")
    for constant, message in _CONSTANTS.items():
        setattr(rich_utils, constant, _(message))
