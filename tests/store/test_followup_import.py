"""Importing subjects from CSV and XLSX: bad rows reported, all or nothing, no duplicates."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from desk.config import Settings
from desk.models import FollowupSubject, FollowupTask
from desk.store.engine import session_scope
from desk.store.followup_import import import_subjects

CN_HEADER = [
    "姓名",
    "性别",
    "年龄",
    "电话",
    "地址",
    "科室",
    "主管医师",
    "床号",
    "诊断",
    "入院日期",
    "出院日期",
]
GOOD = [
    [
        "张三",
        "男",
        "65",
        "13812345678",
        "兰州市城关区",
        "内科",
        "李医生",
        "12床",
        "高血压",
        "2026-11-01",
        "2026-11-10",
    ],
    [
        "李四",
        "女",
        "40",
        "0931-8942000",
        "",
        "外科",
        "王医生",
        "3",
        "胆囊结石",
        "2026/11/02",
        "2026/11/12",
    ],
]


def _csv(path: Path, rows: list[list[str]], header: list[str] = CN_HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_csv_imports_and_enrols(db: Engine, settings: Settings, tmp_path: Path) -> None:
    path = _csv(tmp_path / "出院.csv", GOOD)
    with session_scope(db) as session:
        report = import_subjects(
            session, actor=None, settings=settings, path=path, rule_name="discharge"
        )
    assert (report.rows, report.added, report.tasks, report.refused) == (2, 2, 2, False)
    with Session(db) as session:
        zhang = session.exec(select(FollowupSubject).where(FollowupSubject.name == "张三")).one()
        assert zhang.phone_e164 == "+8613812345678" and zhang.age == 65
        assert str(zhang.discharged_on) == "2026-11-10"


def test_bad_rows_are_reported_and_nothing_is_imported(
    db: Engine, settings: Settings, tmp_path: Path
) -> None:
    bad = [
        GOOD[0],
        ["王五", "男", "abc", "13812345679", "", "内科", "", "", "", "", "2026-11-10"],
        ["赵六", "男", "30", "12", "", "内科", "", "", "", "", "2026-11-10"],
        ["钱七", "女", "30", "13812345670", "", "不存在科", "", "", "", "", "2026-11-10"],
        ["孙八", "女", "30", "13812345671", "", "内科", "", "", "", "", ""],
    ]
    path = _csv(tmp_path / "bad.csv", bad)
    with session_scope(db) as session:
        report = import_subjects(
            session, actor=None, settings=settings, path=path, rule_name="discharge"
        )
    assert report.refused
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "年龄"),
        (4, "电话"),
        (5, "科室"),
        (6, "出院日期"),
    ]
    assert all(e.reason for e in report.errors)
    assert _count(db, FollowupSubject) == 0
    with session_scope(db) as session:
        report = import_subjects(
            session,
            actor=None,
            settings=settings,
            path=path,
            rule_name="discharge",
            skip_bad=True,
        )
    assert (report.added, report.skipped, report.refused) == (1, 4, False)


def test_missing_column_refuses_the_file(db: Engine, settings: Settings, tmp_path: Path) -> None:
    path = _csv(tmp_path / "x.csv", [["张三"]], header=["姓名"])
    with session_scope(db) as session:
        report = import_subjects(session, actor=None, settings=settings, path=path)
    assert report.refused and report.errors[0].row == 1


def test_xlsx_with_english_headers_and_reimport(
    db: Engine, settings: Settings, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "sex", "age", "phone", "department", "discharged"])
    sheet.append(["张三", "男", 65, 13812345678, "内科", datetime(2026, 9, 28)])
    sheet.append(["李四", "女", 40, "13912345678", "外科", datetime(2026, 10, 3)])
    path = tmp_path / "list.xlsx"
    book.save(path)
    for expected_added in (2, 0):
        with session_scope(db) as session:
            report = import_subjects(
                session, actor=None, settings=settings, path=path, rule_name="discharge"
            )
        assert report.added == expected_added
    assert report.already == 2
    assert _count(db, FollowupSubject) == 2
    with Session(db) as session:
        due = sorted(str(t.due_on) for t in session.exec(select(FollowupTask)))
    assert due == ["2026-10-08", "2026-10-10"]  # after National Day; the make-up Saturday


def test_xlsx_reader_handles_gaps_inline_strings_and_dates(tmp_path: Path) -> None:
    import xlsxwriter

    from desk.store.xlsx_rows import read_xlsx

    path = tmp_path / "inline.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})  # writes inline strings
    sheet = book.add_worksheet()
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["姓名", "电话", "年龄", "出院日期"])
    sheet.write(1, 0, "张三")
    sheet.write(1, 2, 65)
    sheet.write_datetime(1, 3, datetime(2026, 9, 28), dated)
    sheet.write_row(2, 0, ["李四", "13912345678", 40.5])
    book.close()
    header, rows = read_xlsx(path, {"出院日期"})
    assert header == ["姓名", "电话", "年龄", "出院日期"]
    assert list(rows) == [["张三", "", "65", "2026-09-28"], ["李四", "13912345678", "40.5"]]
