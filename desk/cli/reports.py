"""`desk report monthly` and `desk report shift`: the figures leadership and the next shift need."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from desk.cli.context import console, friendly, state
from desk.cli.dates import parse_day
from desk.cli.report_followups import percent, rate_dict
from desk.cli.report_followups import report_group as shared_report_group
from desk.i18n import _
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.engine import read_engine, session_scope
from desk.store.errors import ValidationError
from desk.store.periods import month_period, quarter_period
from desk.store.reports import SATISFACTION, MonthlyReport, monthly_report
from desk.store.shift import KIND_NAMES, ShiftReport, shift_report


def _table(title: str, *headers: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    for index, header in enumerate(headers):
        table.add_column(header, justify="right" if index else "left")
    return table


def show_monthly(report: MonthlyReport) -> None:
    """Print the figures of a month or quarter."""
    console.print(Text(_("Report for {period}").format(period=report.period.label), style="bold"))
    console.print(
        _("Calls: {calls:,}   Visits: {visits:,}").format(calls=report.calls, visits=report.visits)
    )
    for title, counts in (
        (_("By category"), report.by_category),
        (_("By priority"), report.by_priority),
    ):
        table = _table(title, "", _("Calls"), _("Visits"), _("Total"))
        for count in counts:
            table.add_row(Text(count.label), str(count.calls), str(count.visits), str(count.total))
        console.print(table)
    table = _table(
        _("By department"),
        _("Department"),
        _("Calls"),
        _("Visits"),
        _("Complaints"),
        _("Complaint ratio"),
    )
    for line in report.by_department:
        table.add_row(
            Text(line.department),
            str(line.calls),
            str(line.visits),
            str(line.complaints),
            f"{line.complaint_ratio:.1%}",
        )
    console.print(table)
    show_followups(report)


def show_followups(report: MonthlyReport) -> None:
    """Print the follow-up rates against their targets, satisfaction and the opinions."""
    table = _table(
        _("Follow-up rates"),
        _("Rule"),
        _("Department"),
        _("Due"),
        _("Attempted"),
        _("Reached"),
        _("Rate"),
        _("Target"),
        _("Target met"),
    )
    table.columns[1].justify = "left"
    for row in report.rates:
        met = row.meets_target
        table.add_row(
            Text(row.rule_label if not row.department else ""),
            Text(row.department or _("All departments")),
            f"{row.due:,}",
            f"{row.attempted:,}",
            f"{row.reached:,}",
            Text(percent(row.rate), style="green" if met else "red"),
            percent(row.target),
            Text(_("Yes") if met else _("No"), style="green" if met else "red"),
        )
    if report.rates:
        console.print(table)
    else:
        console.print(
            _("No follow-up tasks fell due in {period}.").format(period=report.period.label)
        )
    table = _table(_("Satisfaction"), _("Satisfaction"), _("Answers"))
    for grade, count in reversed(report.satisfaction):
        table.add_row(_(SATISFACTION[grade]), f"{count:,}")
    console.print(table)
    mean = report.satisfaction_mean
    console.print(
        _(
            "Follow-up calls that reached the person: {reached:,}; average satisfaction: {mean}"
        ).format(reached=report.reached, mean=f"{mean:.2f}" if mean is not None else "—")
    )
    if report.opinions:
        table = _table(
            _("Opinions"),
            _("Date"),
            _("Department"),
            _("Satisfaction"),
            _("Opinions and suggestions"),
            _("Improvements"),
        )
        for opinion in report.opinions:
            table.add_row(
                opinion.day,
                Text(opinion.department),
                str(opinion.satisfaction or ""),
                Text(opinion.opinions),
                Text(opinion.improvements),
            )
        console.print(table)


def monthly_dict(report: MonthlyReport) -> dict[str, Any]:
    """The whole report for --json."""
    mean = report.satisfaction_mean

    def counts(items: Any) -> list[dict[str, Any]]:
        return [{"label": c.label, "calls": c.calls, "visits": c.visits} for c in items]

    return {
        "period": report.period.label,
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
        "calls": report.calls,
        "visits": report.visits,
        "by_category": counts(report.by_category),
        "by_priority": counts(report.by_priority),
        "by_department": [
            {
                "department": d.department,
                "calls": d.calls,
                "visits": d.visits,
                "complaints": d.complaints,
                "complaint_ratio": round(d.complaint_ratio, 4),
            }
            for d in report.by_department
        ],
        "followup_rates": [rate_dict(row) for row in report.rates],
        "followups_due": report.due,
        "followups_reached": report.reached,
        "satisfaction": {str(grade): count for grade, count in report.satisfaction},
        "satisfaction_mean": None if mean is None else round(mean, 2),
        "opinions": [
            {
                "date": o.day,
                "department": o.department,
                "satisfaction": o.satisfaction,
                "opinions": o.opinions,
                "improvements": o.improvements,
            }
            for o in report.opinions
        ],
    }


def show_shift(report: ShiftReport) -> None:
    """Print the day's figures and the handover list."""
    console.print(
        Text(_("Shift report for {day}").format(day=report.day.isoformat()), style="bold")
    )
    console.print(
        _(
            "Calls {calls} (urgent {urgent}), visits {visits}, complaints {complaints}, "
            "resolved {resolved}, callbacks made {callbacks}, follow-up calls {attempts} "
            "(reached {reached})."
        ).format(**report.figures.named())
    )
    console.print(report.still_open())
    table = Table(show_edge=False)
    for header in (
        _("Kind"),
        _("No."),
        _("Time"),
        _("Priority"),
        _("Caller or visitor"),
        _("Matter"),
        _("Department"),
        _("Status"),
    ):
        table.add_column(header)
    for item in report.items:
        table.add_row(
            _(KIND_NAMES[item.kind]),
            str(item.record_id),
            item.when + (" !" if item.overdue else ""),
            item.priority,
            Text(item.who),
            Text(item.summary),
            Text(item.department),
            item.status,
        )
    console.print(table)


def report_group(app: typer.Typer) -> typer.Typer:
    """Add the monthly and shift reports to the one `report` group."""
    group = shared_report_group(app)

    @group.command("monthly", help=_("Figures of a month or a quarter, optionally as XLSX."))
    @friendly
    def monthly(
        ctx: typer.Context,
        month: str | None = typer.Option(
            None, "--month", metavar="YYYY-MM", help=_("The month, e.g. 2026-11.")
        ),
        quarter: str | None = typer.Option(
            None, "--quarter", metavar="YYYY-Qn", help=_("The quarter, e.g. 2026-Q4.")
        ),
        out: str | None = typer.Option(
            None, "--out", metavar=_("FILE.xlsx"), help=_("Also write the report to this file.")
        ),
        as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of a table.")),
    ) -> None:
        if (month is None) == (quarter is None):
            raise ValidationError(_("Give either --month or --quarter."), field="--month")
        period = month_period(month) if month else quarter_period(quarter or "")
        require(None, Permission.REPORTS)
        current = state(ctx)
        settings = current.settings()
        engine = current.engine()
        with session_scope(read_engine(engine)) as session:
            report = monthly_report(session, actor=None, settings=settings, period=period)
        if as_json:
            typer.echo(json.dumps(monthly_dict(report), ensure_ascii=False, indent=2))
        else:
            show_monthly(report)
        if out:
            from desk.export.report_xlsx import write_report_xlsx

            path = Path(out).expanduser()
            write_report_xlsx(report, path, settings.institution_name)
            with session_scope(engine) as session:
                record_audit(
                    session,
                    action="report",
                    staff=None,
                    target_kind="monthly",
                    detail={"period": period.label, "file": str(path)},
                )
            if not as_json:
                console.print(
                    _("Written to {path}").format(path=path), markup=False, soft_wrap=True
                )

    @group.command("shift", help=_("The day's figures and the handover list for the next shift."))
    @friendly
    def shift(
        ctx: typer.Context,
        day: str | None = typer.Option(
            None, "--date", metavar="YYYY-MM-DD", help=_("The day (default: today).")
        ),
        limit: int = typer.Option(200, "--limit", min=1, help=_("At most N items per list.")),
    ) -> None:
        require(None, Permission.REPORTS)
        current = state(ctx)
        settings = current.settings()
        now = datetime.now(UTC)
        chosen = parse_day(day, "--date") or now.astimezone(settings.tz).date()
        with session_scope(read_engine(current.engine())) as session:
            report = shift_report(
                session,
                day=chosen,
                tz=settings.tz,
                now=now,
                limit=limit,
                rule_labels={rule.name: rule.label for rule in settings.rules},
            )
        show_shift(report)

    return group


def register(app: typer.Typer) -> None:
    """Add the `report` group to the root command."""
    report_group(app)
