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

from desk.config import Settings
from desk.export.report_xlsx import write_report_xlsx
from desk.models import FollowupAttempt, FollowupTask
from desk.store.engine import session_scope
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


def _report(engine: Engine, settings: Settings, period: str = "2026-11"):  # noqa: ANN202
    chosen = quarter_period(period) if "Q" in period else month_period(period)
    with Session(engine) as session:
        return monthly_report(session, actor=None, settings=settings, period=chosen)


def test_monthly_figures(engine: Engine, settings: Settings) -> None:
    fill_sample(engine)
    report = _report(engine, settings)
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
    assert report.satisfaction == ((1, 0), (2, 0), (3, 0), (4, 1), (5, 0))
    assert report.satisfaction_mean == 4.0
    assert report.reached == 1
    assert [o.opinions for o in report.opinions] == ["希望增加停车位"]
    assert report.opinions[0].department == "内科"
    october, quarter = _report(engine, settings, "2026-10"), _report(engine, settings, "2026-Q4")
    assert (october.calls, october.visits, october.reached) == (0, 0, 0)
    assert quarter.calls == 3


def _more_followups(engine: Engine, ids: dict[str, int]) -> None:
    """Beside the sample's task (内科, due 11-24, reached, grade 4, one opinion): 外科 A due
    11-05 reached at the second try (grade 5, an improvement), B due 11-20 tried once, C due
    11-28 not tried; D (内科, 11-15) cancelled, so left out; E (外科) due 12-02, grade 2."""
    with session_scope(engine) as session:
        sample = session.get(FollowupTask, ids["task"])
        assert sample is not None
        sample.attempts_used = 1
        base = {
            "enrollment_id": sample.enrollment_id,
            "subject_id": sample.subject_id,
            "rule_name": "discharge",
            "due_at": sample.due_at,
            "next_try_at": sample.next_try_at,
        }
        medicine = sample.department_id
        surgery = medicine + 1 if medicine is not None else None
        plan = [  # department, due, attempts, status, [(day, result, grade, opinions, improv.)]
            (surgery, date(2026, 11, 5), 2, "done",
             [(5, "no_answer", None, None, None), (6, "reached", 5, None, "改进挂号流程")]),
            (surgery, date(2026, 11, 20), 1, "pending", [(20, "no_answer", None, None, None)]),
            (surgery, date(2026, 11, 28), 0, "pending", []),
            (medicine, date(2026, 11, 15), 1, "cancelled", [(15, "reached", 1, "不应计入", None)]),
            (surgery, date(2026, 12, 2), 1, "done", [(2, "reached", 2, None, None)]),
        ]  # fmt: skip
        for department, due, used, status, attempts in plan:
            task = FollowupTask(
                **base, department_id=department, due_on=due, attempts_used=used, status=status
            )
            session.add(task)
            session.flush()
            for day, result, grade, said, improvement in attempts:
                session.add(
                    FollowupAttempt(
                        task_id=task.id,
                        at=datetime(due.year, due.month, day, 2, 0, tzinfo=UTC),
                        result=result,
                        satisfaction=grade,
                        opinions=said,
                        improvements=improvement,
                    )
                )


def test_monthly_followup_figures(engine: Engine, settings: Settings) -> None:
    _more_followups(engine, fill_sample(engine))
    report = _report(engine, settings)
    rows = {(r.rule_name, r.department): r for r in report.rates}
    assert set(rows) == {("discharge", ""), ("discharge", "内科"), ("discharge", "外科")}
    total, medicine, surgery = (
        rows["discharge", ""],
        rows["discharge", "内科"],
        rows["discharge", "外科"],
    )
    # November, discharge: due 4 (sample, A, B, C; D cancelled, E in December), attempted 3
    # (sample, A, B), reached 2 (sample, A): 2 / 4 = 50 % against the 80 % target.
    assert (total.due, total.attempted, total.reached) == (4, 3, 2)
    assert total.rate == pytest.approx(0.5) and total.target == 0.8 and not total.meets_target
    # 内科: the sample task alone, reached: 100 %, met. 外科: A, B, C; A reached: 1 / 3.
    assert (medicine.due, medicine.attempted, medicine.reached) == (1, 1, 1)
    assert medicine.rate == 1.0 and medicine.meets_target
    assert (surgery.due, surgery.attempted, surgery.reached) == (3, 2, 1)
    assert surgery.rate == pytest.approx(1 / 3) and not surgery.meets_target
    # Satisfaction, five grades: a 4 (sample) and a 5 (A); mean 4.5.
    assert report.satisfaction == ((1, 0), (2, 0), (3, 0), (4, 1), (5, 1))
    assert report.satisfaction_mean == 4.5
    assert (report.due, report.reached) == (4, 2)
    # Opinions of the tasks due in November, in the order they were given (D is cancelled).
    said = [(o.day, o.department, o.satisfaction, o.opinions, o.improvements)
            for o in report.opinions]  # fmt: skip
    assert said == [
        ("2026-11-06", "外科", 5, "", "改进挂号流程"),
        ("2026-11-10", "内科", 4, "希望增加停车位", ""),
    ]
    quarter = _report(engine, settings, "2026-Q4")
    total = next(r for r in quarter.rates if not r.department)
    assert (total.due, total.attempted, total.reached) == (5, 4, 3)
    assert quarter.satisfaction == ((1, 0), (2, 1), (3, 0), (4, 1), (5, 1))


def test_report_workbook_has_charts(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    _more_followups(engine, fill_sample(engine))
    report = _report(engine, settings)
    path = tmp_path / "report.xlsx"
    write_report_xlsx(report, path, "示例医院")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "概况", "按类别", "按优先级", "按科室", "回访率", "满意度", "意见建议"
    ]  # fmt: skip
    department = book["按科室"]
    assert [c.value for c in department[1]] == ["科室", "来电", "来访", "投诉", "投诉占比"]
    assert [c.value for c in department[2]] == ["内科", 2, 1, 3, 1]
    assert book["意见建议"]["D3"].value == "希望增加停车位"
    rates = book["回访率"]
    assert [c.value for c in rates[1]] == [
        "回访规则", "科室", "到期", "已拨打", "已接通", "回访率", "目标", "是否达标",
        "很满意", "满意", "一般", "不满意", "很不满意",
    ]  # fmt: skip
    assert [c.value for c in rates[2]][1:] == ["全部科室", 4, 3, 2, 0.5, 0.8, "否", 1, 1, 0, 0, 0]
    assert [c.value for c in rates[3]][1:8] == ["内科", 1, 1, 1, 1, 0.8, "是"]
    assert rates["F2"].number_format == "0.0%"
    satisfaction = book["满意度"]
    assert [satisfaction.cell(row, 2).value for row in range(2, 7)] == [1, 1, 0, 0, 0]
    assert len(rates._charts) == 1  # noqa: SLF001 - openpyxl keeps read charts here
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        rate_chart = next(
            archive.read(n).decode() for n in charts if "<c:lineChart>" in archive.read(n).decode()
        )
    assert len(charts) == 6
    assert "<c:barChart>" in rate_chart and "$F$2:$F$4" in rate_chart and "$G$2:$G$4" in rate_chart


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


def test_shift_report_puts_an_important_visit_before_minor_calls(engine: Engine) -> None:
    """Every queue is urgent first, then oldest: calls and visits are one list."""
    from desk.models import Staff, Visit
    from tests.calls_helper import add_call

    with session_scope(engine) as session:
        staff = Staff(name="王丽", role="admin")
        session.add(staff)
        session.flush()
        staff_id = staff.id or 0
    minor = add_call(engine, recorder_id=staff_id, priority=4, minutes=-600)
    with session_scope(engine) as session:
        visit = Visit(
            received_at=datetime(2026, 11, 24, 1, 0, tzinfo=UTC),
            visitor_name="钱七",
            matter="投诉收费",
            received_by_id=staff_id,
            category="complaint",
            priority=2,
        )
        session.add(visit)
        session.flush()
        visit_id = visit.id
    with Session(engine) as session:
        report = shift_report(session, day=date(2026, 11, 24), tz=TZ, now=NOW)
    order = [(item.kind, item.record_id) for item in report.items]
    assert order == [("visit", visit_id), ("call", minor)]


def test_shift_report_dates_of_another_year_carry_the_year(engine: Engine) -> None:
    fill_sample(engine)
    with Session(engine) as session:
        report = shift_report(
            session, day=date(2027, 1, 4), tz=TZ, now=datetime(2027, 1, 4, 1, tzinfo=UTC)
        )
    whens = {(item.kind, item.record_id): item.when for item in report.items}
    assert whens[("call", 1)] == "2026-11-24 09:05"  # still open from last year
    assert all(w.startswith("2026-") for w in whens.values()), whens


def test_report_workbook_shows_control_characters(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    fill_sample(engine)
    path = tmp_path / "report.xlsx"
    write_report_xlsx(_report(engine, settings), path, "=示例\x1b[31m医院")
    assert openpyxl.load_workbook(path)["概况"]["A1"].value == "=示例␛[31m医院"
    with zipfile.ZipFile(path) as book:
        assert not any(b"<f>" in book.read(name) for name in book.namelist())  # text, not formulas
