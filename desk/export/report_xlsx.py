"""The monthly or quarterly report as a workbook with native spreadsheet charts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from desk.export.atomic import atomic_path
from desk.export.cells import text_cell
from desk.i18n import _
from desk.store.reports import SATISFACTION, MonthlyReport


class _Book:
    """A workbook with the formats every sheet shares."""

    def __init__(self, path: Path) -> None:
        self.book = xlsxwriter.Workbook(
            str(path), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        self.bold = self.book.add_format({"bold": True})
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.percent = self.book.add_format({"num_format": "0.0%"})

    def table(
        self,
        name: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[int],
    ) -> Any:
        sheet = self.book.add_worksheet(name[:31])
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width)
        sheet.write_row(0, 0, headers, self.bold)
        sheet.freeze_panes(1, 0)
        for row, values in enumerate(rows, start=1):
            sheet.write_row(row, 0, [text_cell(v) if isinstance(v, str) else v for v in values])
        if rows:
            sheet.autofilter(0, 0, len(rows), len(headers) - 1)
        return sheet

    def chart(
        self,
        sheet: Any,
        kind: str,
        title: str,
        rows: int,
        series: Sequence[int],
        at: str,
        subtype: str | None = None,
    ) -> None:
        if not rows:
            return
        chart = self.book.add_chart({"type": kind, **({"subtype": subtype} if subtype else {})})
        for column in series:
            chart.add_series(
                {
                    "name": [sheet.name, 0, column],
                    "categories": [sheet.name, 1, 0, rows, 0],
                    "values": [sheet.name, 1, column, rows, column],
                }
            )
        chart.set_title({"name": title})
        chart.set_size({"width": 640, "height": 360})
        sheet.insert_chart(at, chart)


def write_report_xlsx(report: MonthlyReport, path: Path, institution: str = "") -> None:
    """Write the report to an .xlsx file atomically (private, complete or absent)."""
    with atomic_path(path) as temp:
        b = _Book(temp)
        summary = b.book.add_worksheet(_("Summary")[:31])
        summary.set_column(0, 0, 28)
        summary.set_column(1, 1, 16)
        summary.write(0, 0, text_cell(institution), b.title)
        summary.write(1, 0, _("Report for {period}").format(period=report.period.label), b.bold)
        mean = report.satisfaction_mean
        lines = [
            (_("Calls"), report.calls),
            (_("Visits"), report.visits),
            (_("Follow-ups due"), report.due),
            (_("Follow-up calls that reached the person"), report.reached),
            (_("Average satisfaction (1–5)"), round(mean, 2) if mean is not None else ""),
            (_("Opinions collected"), len(report.opinions)),
        ]
        for row, (label, value) in enumerate(lines, start=3):
            summary.write(row, 0, label)
            summary.write(row, 1, value)
        headers = [_("Category"), _("Calls"), _("Visits"), _("Total")]
        rows = [(c.label, c.calls, c.visits, c.total) for c in report.by_category]
        sheet = b.table(_("By category"), headers, rows, (20, 10, 10, 10))
        b.chart(sheet, "column", _("Calls and visits by category"), len(rows), (1, 2), "F2")
        headers[0] = _("Priority")
        rows = [(c.label, c.calls, c.visits, c.total) for c in report.by_priority]
        sheet = b.table(_("By priority"), headers, rows, (12, 10, 10, 10))
        b.chart(sheet, "pie", _("Calls by priority"), len(rows), (1,), "F2")
        rows = [
            (d.department, d.calls, d.visits, d.complaints, d.complaint_ratio)
            for d in report.by_department
        ]
        sheet = b.table(
            _("By department"),
            [_("Department"), _("Calls"), _("Visits"), _("Complaints"), _("Complaint ratio")],
            rows,
            (18, 10, 10, 10, 14),
        )
        sheet.set_column(4, 4, 14, b.percent)
        b.chart(sheet, "bar", _("Calls and visits by department"), len(rows), (1, 2), "G2")
        b.chart(sheet, "column", _("Complaint ratio by department"), len(rows), (4,), "G21")
        _rates_sheet(b, report)
        rows = [(_(SATISFACTION.get(g, str(g))), c) for g, c in reversed(report.satisfaction)]
        sheet = b.table(_("Satisfaction"), [_("Satisfaction"), _("Answers")], rows, (16, 10))
        b.chart(sheet, "column", _("Satisfaction"), len(rows), (1,), "D2")
        rows = [
            (o.day, o.department, o.satisfaction, o.opinions, o.improvements)
            for o in report.opinions
        ]
        b.table(
            _("Opinions"),
            [
                _("Date"),
                _("Department"),
                _("Satisfaction"),
                _("Opinions and suggestions"),
                _("Improvements"),
            ],
            rows,
            (11, 14, 8, 50, 40),
        )
        b.book.close()


def _rates_sheet(b: _Book, report: MonthlyReport) -> None:
    """Follow-up rates per rule and department against each target, with a chart."""
    grades = (5, 4, 3, 2, 1)
    headers = [
        _("Rule"),
        _("Department"),
        _("Due"),
        _("Attempted"),
        _("Reached"),
        _("Rate"),
        _("Target"),
        _("Target met"),
        *(_(SATISFACTION[g]) for g in grades),
    ]
    rows = [
        (
            row.rule_label,
            row.department or _("All departments"),
            row.due,
            row.attempted,
            row.reached,
            row.rate if row.rate is not None else "",
            row.target,
            _("Yes") if row.meets_target else _("No"),
            *(row.satisfaction.get(g, 0) for g in grades),
        )
        for row in report.rates
    ]
    widths = (16, 14, 8, 8, 8, 9, 9, 9, *(8 for _g in grades))
    sheet = b.table(_("Follow-up rates"), headers, rows, widths)
    sheet.set_column(5, 6, 9, b.percent)
    if not rows:
        return
    # Rate as columns, target as a line over them; each category is rule and department.
    chart = b.book.add_chart({"type": "column"})
    categories = [sheet.name, 1, 0, len(rows), 1]
    chart.add_series(
        {
            "name": [sheet.name, 0, 5],
            "categories": categories,
            "values": [sheet.name, 1, 5, len(rows), 5],
        }
    )
    target = b.book.add_chart({"type": "line"})
    target.add_series(
        {
            "name": [sheet.name, 0, 6],
            "categories": categories,
            "values": [sheet.name, 1, 6, len(rows), 6],
            "marker": {"type": "diamond"},
        }
    )
    chart.combine(target)
    chart.set_title({"name": _("Follow-up rate against target")})
    chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.set_size({"width": 720, "height": 380})
    sheet.insert_chart("O2", chart)
