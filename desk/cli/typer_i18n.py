"""Put Typer's own words (Usage, Options, errors) through desk's translation."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from rich.text import Text

from desk.cli.click_i18n import mark_translated, translate_click_messages
from desk.cli.help_wrap import wrapped_help
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
TYPE_WORDS = {
    "<str>": N_("TEXT"),
    "<int>": "N",
    "<int range>": "N",
    "<float>": "N",
    "<float range>": "N",
    "<path>": N_("PATH"),
}
"""What an option's value is, in words for the user instead of Python's type names."""
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
    _wrap_once(
        importlib.import_module("typer._click.core").Command, "get_help_option", _translated_help
    )
    _wrap_once(rich_utils, "_make_rich_text", _folded)
    _wrap_once(rich_utils, "rich_format_help", wrapped_help)
    core = importlib.import_module("typer.core")
    for parameter in (core.TyperOption, core.TyperArgument):
        _wrap_once(parameter, "display_type_rich", _worded_type)
    translate_click_messages()


def _wrap_once(owner: Any, name: str, wrap: Callable[[Callable[..., Any]], Any]) -> None:
    """Replace owner.name by wrap(owner.name), unless an earlier call did already."""
    original = getattr(owner, name)
    if not getattr(original, "translated", False):
        mark_translated(owner, name, wrap(original))


def _folded(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap Typer's help text maker: Chinese has no spaces to wrap at, so a long sentence
    is folded onto the next line rather than cut off with an ellipsis."""

    def make_rich_text(*args: Any, **kwargs: Any) -> Any:
        text = original(*args, **kwargs)
        if isinstance(text, Text):
            text.overflow = "fold"
        return text

    return make_rich_text


def _worded_type(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap display_type_rich of options and arguments: a flag takes no value, so it shows
    none (Typer drew `<bool>`), nor does an argument named by its choices (a|b|c), and
    `<str>` or `<int>` become TEXT or N in the user's language."""
    core = importlib.import_module("typer.core")

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False):
            return None
        if isinstance(self, core.TyperArgument) and "|" in (self.metavar or ""):
            return None  # its choices are shown as its name: TEXT beside them misleads
        shown = original(self, ctx)
        return _(TYPE_WORDS[shown]) if shown in TYPE_WORDS else shown

    return display_type_rich


def _translated_help(original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap Command.get_help_option so the --help option describes itself in our language."""

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = _(HELP_OPTION)
        return option

    return get_help_option
