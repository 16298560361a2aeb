"""Click's own error messages and prompts (vendored in Typer as f-strings) in desk's language."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

from desk.i18n import N_, _

USAGE_ERRORS = (
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", re.S),
        N_("Unexpected extra argument(s): {args}"),
    ),
    (
        re.compile(r"Option (?P<name>'.*') does not take a value\."),
        N_("Option {name} does not take a value."),
    ),
    (
        re.compile(r"Option (?P<name>'.*') requires an argument\."),
        N_("Option {name} needs a value."),
    ),
    (
        re.compile(r"Option (?P<name>'.*') requires (?P<count>\d+) arguments\."),
        N_("Option {name} needs {count} values."),
    ),
    (
        re.compile(r"Argument (?P<name>'.*') takes (?P<count>\d+) values\."),
        N_("Argument {name} takes {count} values."),
    ),
)
"""Messages Click builds with f-strings at the place it raises them: pattern -> msgid."""
VALUE_ERRORS = {
    "int_parsing": N_("a whole number is needed"),
    "int_from_float": N_("a whole number is needed"),
    "float_parsing": N_("a number is needed"),
    "bool_parsing": N_("yes or no (true/false) is needed"),
    "date_parsing": N_("a date such as 2026-11-24 is needed"),
    "date_from_datetime_parsing": N_("a date such as 2026-11-24 is needed"),
    "datetime_parsing": N_("a date and time such as 2026-11-24 09:05 is needed"),
    "datetime_from_date_parsing": N_("a date and time such as 2026-11-24 09:05 is needed"),
    "enum": N_("it must be one of {expected}"),
    "literal_error": N_("it must be one of {expected}"),
    "greater_than_equal": N_("it must be at least {ge}"),
    "greater_than": N_("it must be more than {gt}"),
    "less_than_equal": N_("it must be at most {le}"),
    "less_than": N_("it must be less than {lt}"),
}
"""Pydantic's checks of a typed option (Typer 0.29 checks with pydantic): type -> msgid."""
PARAM_KINDS = {
    "argument": N_("Missing argument {name}."),
    "option": N_("Missing option {name}."),
}
PROMPTS = {
    "Repeat for confirmation": N_("Repeat for confirmation"),
    "Error: The two entered values do not match.": N_(
        "Error: the two entered values do not match."
    ),
    "Error: The value you entered was invalid.": N_("Error: the value entered is not valid."),
    "Error: invalid input": N_("Error: the answer is not valid."),
}
"""Click's prompt texts (literals in typer/_click/termui.py): English -> msgid."""
USAGE_PREFIX = N_("Usage: ")


def translate_click_messages() -> None:
    """Give Click's exceptions, prompts and usage line desk's words (once per process)."""
    exceptions = importlib.import_module("typer._click.exceptions")
    if getattr(exceptions.UsageError.format_message, "translated", False):
        return
    mark_translated(exceptions.UsageError, "format_message", _usage_message)
    mark_translated(exceptions.BadParameter, "format_message", _bad_parameter)
    mark_translated(exceptions.MissingParameter, "format_message", _missing_parameter)
    mark_translated(exceptions.NoSuchOption, "format_message", _no_such_option)
    termui = importlib.import_module("typer._click.termui")
    mark_translated(termui, "_build_prompt", _translated_prompt(termui._build_prompt))
    mark_translated(termui, "echo", _translated_echo(termui.echo))
    formatting = importlib.import_module("typer._click.formatting")
    mark_translated(
        formatting.HelpFormatter, "write_usage", _usage_line(formatting.HelpFormatter.write_usage)
    )


def mark_translated(owner: Any, name: str, function: Callable[..., Any]) -> None:
    """Put desk's version of owner.name in place, marked so that it is done once."""
    function.translated = True  # type: ignore[attr-defined]
    setattr(owner, name, function)


def _usage_message(self: Any) -> str:
    for pattern, msgid in USAGE_ERRORS:
        found = pattern.fullmatch(self.message)
        if found:
            return _(msgid).format(**found.groupdict())
    return str(self.message)


def _param_hint(self: Any) -> str | None:
    hint = self.param_hint
    if hint is None and self.param is not None:
        hint = self.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return hint


def _value_error(self: Any) -> str:
    """Pydantic's reason for refusing a value, in desk's words where desk knows it."""
    cause = self.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found and found[0].get("type") in VALUE_ERRORS:
            context = {k: str(v) for k, v in (found[0].get("ctx") or {}).items()}
            try:
                return _(VALUE_ERRORS[found[0]["type"]]).format(**context)
            except (KeyError, IndexError):
                pass
    return str(self.message)


def _bad_parameter(self: Any) -> str:
    hint, reason = _param_hint(self), _value_error(self)
    if hint is None:
        return _("Invalid value: {reason}").format(reason=reason)
    return _("Invalid value for {name}: {reason}").format(name=hint, reason=reason)


def _missing_parameter(self: Any) -> str:
    hint = _param_hint(self) or ""
    kind = self.param_type or (self.param.param_type_name if self.param is not None else "")
    text = (
        _(PARAM_KINDS.get(kind, N_("Missing value {name}."))).format(name=hint).replace("  ", " ")
    )
    extra = self.param.get_missing_message(ctx=self.ctx) if self.param is not None else None
    return " ".join(part for part in (text, self.message, extra) if part)


def _no_such_option(self: Any) -> str:
    from typer._click.utils import _escape_control_characters

    message = str(self.message)
    if message == f"No such option: {_escape_control_characters(self.option_name)}":
        message = _("No such option: {name}").format(
            name=_escape_control_characters(self.option_name)
        )
    if not self.possibilities:
        return message
    options = ", ".join(sorted(self.possibilities))
    return _("{message} (did you mean: {options}?)").format(message=message, options=options)


def _translated_prompt(original: Callable[..., str]) -> Callable[..., str]:
    def build_prompt(text: str, *args: Any, **kwargs: Any) -> str:
        return original(_(PROMPTS[text]) if text in PROMPTS else text, *args, **kwargs)

    return build_prompt


def _translated_echo(original: Callable[..., Any]) -> Callable[..., Any]:
    def echo(message: Any = None, *args: Any, **kwargs: Any) -> Any:
        if isinstance(message, str) and message in PROMPTS:
            message = _(PROMPTS[message])
        return original(message, *args, **kwargs)

    return echo


def _usage_line(original: Callable[..., None]) -> Callable[..., None]:
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, _(USAGE_PREFIX) if prefix is None else prefix)

    return write_usage
