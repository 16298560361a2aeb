"""`desk report`: the monthly or quarterly figures, and the shift's figures and handover."""

from __future__ import annotations

import typer


def report_group(app: typer.Typer) -> typer.Typer:
    """Create the `report` group with the monthly and shift reports."""
    group = typer.Typer(no_args_is_help=True)
    app.add_typer(group, name="report")
    return group


def register(app: typer.Typer) -> None:
    """Add the `report` group to the root command."""
    report_group(app)
