"""Monthly and shift reports on a small known data set, and the report workbook."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from desk.export.report_xlsx import write_report_xlsx
from desk.store.errors import ValidationError
from desk.store.periods import month_period, quarter_period
from desk.store.reports import monthly_report
from desk.store.shift import shift_report
from tests.store.sample_records import fill_sample

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)


def test_periods() -> None:
    assert month_period("2026-11") == month_period("2026-11")
    assert month_period("2026-12").end == date(2027, 1, 1)
    assert quarter_period("2026-Q4").start == date(2026, 10, 1)
    assert quarter_period("2026-q1").end == date(2026, 4, 1)
    for bad in ("2026-13", "11-2026", "x"):
        with pytest.raises(ValidationError):
            month_period(bad)
    with pytest.raises(ValidationError):
        quarter_period("2026-Q5")


def test_monthly_figures(engine: Engine) -> None:
    fill_sample(engine)
    with Session(engine) as session:
        report = monthly_report(session, period=month_period("2026-11"), tz=TZ)
    # call 3 arrived on 2026-11-01 00:00 local: November holds all three calls, both visits
    assert (report.calls, report.visits) == (3, 2)
    by_category = {c.label: (c.calls, c.visits) for c in report.by_category}
    assert by_category == {"咨询": (1, 0), "投诉": (2, 1), "建议": (0, 1)}
    by_priority = {c.label: (c.calls, c.visits) for c in report.by_priority}
    assert by_priority == {"急": (1, 0), "重": (1, 0), "缓": (1, 2)}
    departments = {d.department: d for d in report.by_department}
    assert (departments["内科"].calls, departments["内科"].visits) == (2, 1)
    assert departments["内科"].complaint_ratio == 1.0
    assert departments["外科"].complaint_ratio == 0.0
    assert report.satisfaction == ((4, 1),)
    assert report.satisfaction_mean == 4.0
    assert report.reached == 1
    assert [o.opinions for o in report.opinions] == ["希望增加停车位"]
    assert report.opinions[0].department == "内科"
    with Session(engine) as session:
        october = monthly_report(session, period=month_period("2026-10"), tz=TZ)
        quarter = monthly_report(session, period=quarter_period("2026-Q4"), tz=TZ)
    assert (october.calls, october.visits, october.reached) == (0, 0, 0)
    assert quarter.calls == 3


def test_report_workbook_has_charts(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    with Session(engine) as session:
        report = monthly_report(session, period=month_period("2026-11"), tz=TZ)
    path = tmp_path / "report.xlsx"
    write_report_xlsx(report, path, "示例医院")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["概况", "按类别", "按优先级", "按科室", "满意度", "意见建议"]
    department = book["按科室"]
    assert [c.value for c in department[1]] == ["科室", "来电", "来访", "投诉", "投诉占比"]
    assert [c.value for c in department[2]] == ["内科", 2, 1, 3, 1]
    assert book["意见建议"]["D2"].value == "希望增加停车位"
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 5


def test_shift_report_lists_what_is_open(engine: Engine) -> None:
    fill_sample(engine)
    with Session(engine) as session:
        report = shift_report(session, day=date(2026, 11, 24), tz=TZ, now=NOW)
    f = report.figures
    assert (f.calls, f.urgent_calls, f.visits, f.complaints) == (2, 1, 1, 1)
    assert (report.open_calls, report.open_visits, report.open_callbacks) == (2, 1, 1)
    assert report.due_followups == 1
    kinds = [(item.kind, item.record_id) for item in report.items]
    assert kinds == [("callback", 1), ("call", 1), ("call", 3), ("visit", 1), ("followup", 1)]
    call = report.items[1]
    assert (call.priority, call.status, call.department) == ("急", "已转办", "内科")
    assert call.when == "11-24 09:05"
    assert "\n" not in report.items[2].summary
    assert not report.items[0].overdue
    with Session(engine) as session:
        later = shift_report(
            session, day=date(2026, 11, 25), tz=TZ, now=datetime(2026, 11, 25, 2, tzinfo=UTC)
        )
    assert later.items[0].overdue and later.items[-1].overdue
    assert later.figures.calls == 0
