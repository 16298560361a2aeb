"""`desk report followups --month YYYY-MM | --quarter YYYY-Qn [--json]`: follow-up rates."""

from __future__ import annotations

import json

import typer
from rich.table import Table
from rich.text import Text

from desk.cli.context import console, fail, friendly, state
from desk.i18n import _
from desk.store.engine import read_engine, session_scope
from desk.store.followup_rates import RateRow, followup_rates, month_period, quarter_period


def percent(value: float | None) -> str:
    """A rate as a percentage, or a dash when nothing fell due."""
    return "—" if value is None else f"{value * 100:.1f} %"


def rate_dict(row: RateRow) -> dict[str, object]:
    """One row for --json."""
    return {
        "rule": row.rule_name,
        "label": row.rule_label,
        "department": row.department or None,
        "due": row.due,
        "attempted": row.attempted,
        "reached": row.reached,
        "rate": None if row.rate is None else round(row.rate, 4),
        "target": row.target,
        "meets_target": row.meets_target,
        "satisfaction": {str(k): v for k, v in row.satisfaction.items()},
        "opinions": row.opinions,
    }


def _table(rows: list[RateRow], label: str) -> Table:
    table = Table(title=_("Follow-up rates, {period}").format(period=label))
    for title in (_("Rule"), _("Department"), _("Due"), _("Attempted"), _("Reached")):
        table.add_column(
            title, justify="right" if title not in (_("Rule"), _("Department")) else "left"
        )
    table.add_column(_("Rate"), justify="right")
    table.add_column(_("Target"), justify="right")
    table.add_column(_("Satisfaction 5/4/3/2/1"), justify="right")
    for row in rows:
        rate = Text(percent(row.rate), style="green" if row.meets_target else "red")
        grades = "/".join(str(row.satisfaction[g]) for g in (5, 4, 3, 2, 1))
        table.add_row(
            Text(row.rule_label if not row.department else ""),
            Text(row.department or _("All departments")),
            f"{row.due:,}",
            f"{row.attempted:,}",
            f"{row.reached:,}",
            rate,
            percent(row.target),
            grades,
        )
    return table


def report_group(app: typer.Typer) -> typer.Typer:
    """The `report` group (made once; other report commands are added to the same group)."""
    for info in app.registered_groups:
        if info.name == "report" and info.typer_instance is not None:
            return info.typer_instance
    group = typer.Typer(
        help=_("Reports: monthly or quarterly figures, follow-up rates, the shift's handover."),
        no_args_is_help=True,
    )
    app.add_typer(group, name="report")
    return group


def register(app: typer.Typer) -> None:
    """Add `report followups` to the root command."""
    group = report_group(app)

    @group.command("followups", help=_("Follow-up rates for a month or a quarter."))
    @friendly
    def followups(
        ctx: typer.Context,
        month: str | None = typer.Option(
            None, "--month", metavar="YYYY-MM", help=_("The month, e.g. 2026-11.")
        ),
        quarter: str | None = typer.Option(
            None, "--quarter", metavar="YYYY-Qn", help=_("The quarter, e.g. 2026-Q4.")
        ),
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of a table.")),
    ) -> None:
        if (month is None) == (quarter is None):
            raise fail(_("Give either --month YYYY-MM or --quarter YYYY-Qn."))
        period = month_period(month) if month else quarter_period(quarter or "")
        current = state(ctx)
        settings = current.settings()
        with session_scope(read_engine(current.engine())) as session:
            rows = followup_rates(session, actor=None, settings=settings, period=period)
        if as_json:
            payload = {
                "period": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "rows": [rate_dict(r) for r in rows],
            }
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not rows:
            console.print(_("No follow-up tasks fell due in {period}.").format(period=period.label))
            return
        console.print(_table(rows, period.label))
        for row in rows:
            if row.department or not row.opinions:
                continue
            console.print(Text(_("Opinions, {rule}:").format(rule=row.rule_label), style="bold"))
            for opinion in row.opinions:
                console.print(Text("· " + opinion))
