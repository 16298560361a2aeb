"""`desk db`: schema upgrades."""

from __future__ import annotations

import typer

from desk.cli.context import console, friendly, state
from desk.i18n import _
from desk.store.engine import make_engine, prepare_file, schema_state, upgrade


def register(app: typer.Typer) -> None:
    """Add the `db` group to the root command."""
    group = typer.Typer(help=_("Database schema."), no_args_is_help=True)
    app.add_typer(group, name="db")

    @group.command("upgrade", help=_("Bring the database schema up to date."))
    @friendly
    def upgrade_command(ctx: typer.Context) -> None:
        url = state(ctx).settings().db_url
        prepare_file(url)
        engine = make_engine(url)
        try:
            before = schema_state(engine)
        finally:
            engine.dispose()
        if before.current:
            console.print(
                _("The schema is up to date (revision {revision}).").format(revision=before.head)
            )
            return
        upgrade(url)
        console.print(
            _("Upgraded the schema from {old} to {new}.").format(
                old=before.revision or _("empty"), new=before.head
            )
        )
