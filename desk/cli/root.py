"""The root `desk` command: global options, and the subcommand groups it gathers."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from desk import __version__
from desk.cli.context import checked_lang_option, friendly, state
from desk.cli.start import GLOBAL_OPTIONS, start_app
from desk.cli.typer_i18n import translate_click
from desk.i18n import _, set_language


def _version(value: bool) -> None:
    if value:
        typer.echo(f"desk {__version__}")
        raise typer.Exit()


def hoist_global_options(args: list[str]) -> list[str]:
    """Move --db, --config and --lang (with their values) in front of the subcommand.

    `desk demo --calls 1000 --db x.db` then means `desk --db x.db demo --calls 1000`, as a
    user expects; no subcommand has options of these names. Nothing after `--` is moved.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS:
            taken = 1 if "=" in arg or i + 1 == len(args) else 2
            front.extend(args[i : i + taken])
            i += taken
            continue
        rest.append(arg)
        i += 1
    return front + rest


class DeskGroup(TyperGroup):
    """The root command: global options are read wherever they are written."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Hoist the global options, then parse as usual."""
        return super().parse_args(ctx, hoist_global_options(list(args)))


def build_app() -> typer.Typer:
    """Build the command line in the current language."""
    from desk.cli import (
        audit,
        backup,
        calls,
        db,
        demo,
        doctor,
        export,
        followups,
        imports,
        nightly,
        report_followups,
        reports,
        staff,
        visits,
    )

    translate_click()
    app = typer.Typer(
        cls=DeskGroup,
        name="desk",
        help=_("desk: the front-desk register for calls, visits and follow-ups."),
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback(invoke_without_command=True)
    @friendly
    def root(
        ctx: typer.Context,
        db: str | None = typer.Option(
            None,
            "--db",
            envvar="DESK_DB",
            metavar=_("PATH|URL"),
            help=_("Database file or URL (default: data/desk.db)."),
        ),
        config: str | None = typer.Option(
            None,
            "--config",
            envvar="DESK_CONFIG",
            metavar=_("FILE"),
            help=_("Configuration file (desk.toml)."),
        ),
        lang: str | None = typer.Option(
            None,
            "--lang",
            envvar="DESK_LANG",
            metavar="zh_CN|en",
            help=_("Language of the interface."),
        ),
        version: bool = typer.Option(
            False,
            "--version",
            callback=_version,
            is_eager=True,
            help=_("Show the version and exit."),
        ),
    ) -> None:
        current = state(ctx)
        current.db, current.config, current.lang = db, config, lang
        current.may_create = ctx.invoked_subcommand is None  # a subcommand must ask to create
        if lang:
            set_language(checked_lang_option(ctx, lang))
        if ctx.invoked_subcommand is None:
            start_app(current)

    db.register(app)
    doctor.register(app)
    staff.register(app)
    demo.register(app)
    calls.register(app)
    visits.register(app)
    audit.register(app)
    export.register(app)
    backup.register(app)
    nightly.register(app)
    imports.register(app)
    followups.register(app)
    report_followups.register(app)
    reports.register(app)
    return app
