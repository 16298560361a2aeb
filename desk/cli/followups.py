"""`desk followups replan [--rule NAME]`: move tasks not yet due after a rule was edited."""

from __future__ import annotations

import typer

from desk.cli.context import console, friendly, state
from desk.i18n import _
from desk.store.engine import session_scope
from desk.store.followup_plans import replan_rule
from desk.store.followups import get_rule


def register(app: typer.Typer) -> None:
    """Add the `followups` group to the root command."""
    group = typer.Typer(help=_("Follow-up rules and tasks."), no_args_is_help=True)
    app.add_typer(group, name="followups")

    @group.command(
        "replan", help=_("After editing rules in desk.toml, move the tasks not yet due.")
    )
    @friendly
    def replan(
        ctx: typer.Context,
        rule: str | None = typer.Option(
            None, "--rule", metavar=_("RULE"), help=_("Only this rule (default: every rule).")
        ),
    ) -> None:
        current = state(ctx)
        settings = current.settings()
        names = [get_rule(settings, rule).name] if rule else [r.name for r in settings.rules]
        with session_scope(current.engine()) as session:
            for name in names:
                moved = replan_rule(session, settings=settings, rule_name=name)
                label = settings.rule(name).label  # type: ignore[union-attr]
                console.print(
                    _("{rule}: {count:,} tasks not yet due were changed.").format(
                        rule=label, count=moved
                    ),
                    markup=False,
                )
