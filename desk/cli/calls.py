"""`desk call`: calls from the command line (list; add comes from the call desk)."""

from __future__ import annotations

import typer

from desk.cli.call_list import register_list
from desk.i18n import _


def call_group(app: typer.Typer) -> typer.Typer:
    """Add the `call` group to the root command and return it."""
    group = typer.Typer(help=_("Incoming calls."), no_args_is_help=True)
    app.add_typer(group, name="call")
    register_list(group)
    return group


def register(app: typer.Typer) -> None:
    """Add the `call` group."""
    call_group(app)
