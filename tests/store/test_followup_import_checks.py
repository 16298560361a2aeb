"""Importing subjects: every problem of a row, no rows at all, discharge before admission."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from desk.config import Settings
from desk.models import AuditEvent, FollowupSubject
from desk.store.engine import session_scope
from desk.store.followup_import import import_subjects

HEADER = "姓名,电话,科室,入院日期,出院日期\n"


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _import(engine: Engine, settings: Settings, path: Path, **more: object):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return import_subjects(session, actor=None, settings=settings, path=path, **more)  # type: ignore[arg-type]


def test_every_problem_of_a_row_is_reported(db: Engine, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER
        + "张三,13812345678,内科,2026-11-01,2026-11-10\n"
        + ",12,不存在科,2026-13-01,2026-11-10\n",
        encoding="utf-8",
    )
    report = _import(db, settings, path, rule_name="discharge")
    assert report.refused and report.bad_rows == 1
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "姓名"),
        (3, "电话"),
        (3, "科室"),
        (3, "入院日期"),
    ]
    assert _count(db, FollowupSubject) == 0  # all or nothing: the good row waits too
    skipped = _import(db, settings, path, rule_name="discharge", skip_bad=True)
    assert (skipped.added, skipped.skipped, skipped.refused) == (1, 1, False)  # rows, not problems


def test_discharge_before_admission_is_refused_with_both_dates(
    db: Engine, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER
        + "张三,13812345678,内科,2026-11-01,2026-11-10\n"
        + "李四,13912345678,外科,2026/11/10,2026/11/01\n",
        encoding="utf-8",
    )
    report = _import(db, settings, path)
    assert report.refused
    [error] = report.errors
    assert (error.row, error.column) == (3, "出院日期")
    assert "2026-11-01" in error.reason and "2026-11-10" in error.reason
    assert _count(db, FollowupSubject) == 0


def test_a_file_without_rows_changes_nothing(
    db: Engine, settings: Settings, tmp_path: Path
) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_text(HEADER + "\n,,,,\n", encoding="utf-8")
    nothing = tmp_path / "nothing.csv"
    nothing.write_bytes(b"")
    audits = _count(db, AuditEvent)
    for path in (header_only, nothing):
        report = _import(db, settings, path, rule_name="discharge")
        assert report.empty and not report.errors and report.rows == 0
    assert _count(db, FollowupSubject) == 0
    assert _count(db, AuditEvent) == audits


def test_a_rule_date_column_is_needed_only_if_no_task_can_be_planned(
    db: Engine, settings: Settings, tmp_path: Path
) -> None:
    completed = tmp_path / "completed.csv"
    completed.write_text("姓名,电话,竣工日期\n王五,13812345679,2026-11-20\n", encoding="utf-8")
    report = _import(db, settings, completed, rule_name="construction")
    assert (report.added, report.tasks, report.refused) == (1, 1, False)
    neither = tmp_path / "neither.csv"
    neither.write_text("姓名,电话\n赵六,13812345670\n", encoding="utf-8")
    refused = _import(db, settings, neither, rule_name="construction")
    assert refused.refused and refused.columns_missing
    assert [(e.row, e.column) for e in refused.errors] == [(1, "开工日期 / started")]
