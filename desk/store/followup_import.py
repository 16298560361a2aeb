"""Import follow-up subjects from a hospital register (CSV or XLSX), all or nothing, fast."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session

from desk.config import FollowupRule, Settings
from desk.i18n import _
from desk.models import FollowupEnrollment, FollowupSubject, FollowupTask, TaskStatus, utcnow
from desk.rules.followup_rules import raw_due_dates, schedule
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import ValidationError
from desk.store.followups import (
    SubjectInput,
    calling_windows,
    department_ids,
    event_dates_of,
    get_rule,
    parse_day,
    subject_problems,
)
from desk.store.xlsx_rows import read_xlsx

BATCH = 5000
HEADERS: dict[str, str] = {
    "姓名": "name", "name": "name", "患者姓名": "name",
    "性别": "sex", "sex": "sex",
    "年龄": "age", "age": "age",
    "电话": "phone", "联系电话": "phone", "手机": "phone", "phone": "phone", "mobile": "phone",
    "地址": "address", "住址": "address", "address": "address",
    "科室": "department", "department": "department",
    "主管医师": "doctor", "主治医师": "doctor", "主管医生": "doctor", "doctor": "doctor",
    "床号": "bed", "bed": "bed",
    "诊断": "diagnosis", "诊断疾病": "diagnosis", "患病名称": "diagnosis",
    "diagnosis": "diagnosis",
    "入院日期": "admitted", "admitted": "admitted",
    "出院日期": "discharged", "discharged": "discharged",
    "就诊日期": "visited", "visited": "visited",
    "开工日期": "started", "started": "started",
    "竣工日期": "completed", "completed": "completed",
    "联系日期": "contacted", "contacted": "contacted",
    "解决日期": "resolved", "resolved": "resolved",
    "起始日期": "since", "since": "since",
}  # fmt: skip
SUBJECT_FIELDS = (
    "name", "sex", "age", "phone", "address", "department", "doctor", "bed", "diagnosis",
    "admitted", "discharged",
)  # fmt: skip
EVENT_FIELDS = ("visited", "started", "completed", "contacted", "resolved", "since")
DATE_FIELDS = ("admitted", "discharged", *EVENT_FIELDS)
OLD_WORKBOOKS = (".xls", ".et")
"""Excel 97-2003 and WPS spreadsheets: binary formats read neither as text nor as XLSX."""
_MOBILE = re.compile(r"1[3-9]\d{9}")


@dataclass(frozen=True)
class RowError:
    """One cell that cannot be taken: spreadsheet row number, column header, why."""

    row: int
    column: str
    reason: str


@dataclass
class ImportReport:
    """What an import did, or why it refused."""

    rows: int = 0
    added: int = 0
    already: int = 0
    skipped: int = 0
    tasks: int = 0
    bad_rows: int = 0
    refused: bool = False
    columns_missing: bool = False
    empty: bool = False
    errors: list[RowError] = field(default_factory=list)


def read_table(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The header row and the data rows of a CSV (UTF-8 or GBK) or XLSX file, as text."""
    if path.suffix.lower() in OLD_WORKBOOKS:
        raise ValidationError(
            _(
                "{name} is an old-style workbook, which desk cannot read: open it in Excel or "
                "WPS, save it as .xlsx (or .csv), and import that file."
            ).format(name=path.name),
            field="file",
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        dates = {title for title, key in HEADERS.items() if key in DATE_FIELDS}
        return read_xlsx(path, dates)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("The file is neither UTF-8 nor GBK text."), field="file")
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader, [])]
    return header, (list(row) for row in reader)


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        key = HEADERS.get(title.strip().lower()) or HEADERS.get(title.strip())
        if key and key not in columns:
            columns[key] = index
    errors = [
        RowError(1, title, _("This column is missing."))
        for key, title in (("name", "姓名 / name"), ("phone", "电话 / phone"))
        if key not in columns
    ]
    return columns, errors


def _import_key(values: dict[str, Any]) -> str:
    parts = (values["name"], values["phone_e164"] or values["phone_raw"], values["admitted_on"],
             values["discharged_on"], values["bed"])  # fmt: skip
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:40]


class _Checker:
    """Checks rows fast: plain mobiles skip the full phone parser."""

    def __init__(self, session: Session, settings: Settings) -> None:
        self.departments = department_ids(session)
        self.area_code = settings.area_code

    def __call__(self, data: SubjectInput) -> tuple[dict[str, Any], list[ValidationError]]:
        phone = data.phone.strip()
        if _MOBILE.fullmatch(phone):
            return subject_problems(data, departments=self.departments, e164="+86" + phone)
        return subject_problems(data, departments=self.departments, area_code=self.area_code)


def _title(key: str) -> str:
    """A column's usual titles, Chinese first (出院日期 / discharged), for one not in the file."""
    chinese = next((t for t, k in HEADERS.items() if k == key and not t.isascii()), "")
    return f"{chinese} / {key}" if chinese else key


def _header_of(header: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return header[index] if index is not None and index < len(header) else _title(key)


def _rule_column_missing(rule: FollowupRule | None, columns: dict[str, int]) -> RowError | None:
    """The header's error when the file has a column for none of the dates the rule's tasks
    count from (naming the first task's)."""
    if rule is None:
        return None
    used = {
        name
        for offset in rule.tasks
        for name in (offset.after, offset.at, *(offset.midway or ()))
        if name
    }
    given = set(columns) | ({"visited"} if "admitted" in columns else set())
    needed = _needed_date(rule)
    if not needed or used & given:
        return None  # some task can be planned from a column the file has
    reason = _("This column is missing; the rule {label} ({rule}) counts from it.").format(
        label=rule.label or rule.name, rule=rule.name
    )
    return RowError(1, _title(needed), reason)


def import_subjects(
    session: Session,
    *,
    actor: SignedIn | None,
    settings: Settings,
    path: Path,
    rule_name: str | None = None,
    skip_bad: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row, then add the new subjects (and their tasks under a rule) in bulk.

    A file with any bad row imports nothing unless skip_bad, and every problem of every row
    is reported; a file with no rows changes nothing (report.empty). Rows already imported
    (same name, phone, dates and bed) are counted, not added again.
    """
    require(actor, Permission.LOG)
    rule = get_rule(settings, rule_name) if rule_name else None
    header, rows = read_table(path)
    report = ImportReport()
    if not any(title.strip() for title in header):
        report.empty = True  # not even a header row
        return report
    columns, missing = _columns(header)
    rule_missing = _rule_column_missing(rule, columns)
    missing += [rule_missing] if rule_missing else []
    if missing:
        report.errors, report.refused, report.columns_missing = missing, True, True
        return report
    check = _Checker(session, settings)
    good: list[tuple[dict[str, Any], dict[str, str]]] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        report.rows += 1
        cells = {k: row[i] if i < len(row) else "" for k, i in columns.items()}
        extra = {k: cells[k] for k in EVENT_FIELDS if cells.get(k)}
        data = SubjectInput(**{k: cells.get(k, "") for k in SUBJECT_FIELDS}, event_dates=extra)
        values, problems = check(data)
        for key, text in extra.items():
            try:
                parse_day(text, key)
            except ValidationError as error:
                problems.append(error)
        dates = event_dates_of(values, extra) if not problems else {}
        if not problems and rule is not None and not raw_due_dates(rule, dates):
            needed = _needed_date(rule)
            problems.append(ValidationError(_("The rule needs this date."), field=needed))
        if problems:
            report.errors.extend(
                RowError(number, _header_of(header, columns, error.field or ""), str(error))
                for error in problems
            )
            report.bad_rows += 1
            continue
        values["import_key"] = _import_key(values)
        if values["import_key"] in seen:
            report.already += 1
            continue
        seen.add(values["import_key"])
        good.append((values, {k: v.isoformat() for k, v in dates.items()}))
        if progress and report.rows % BATCH == 0:
            progress(report.rows)
    if report.errors and not skip_bad:
        report.refused = True
        return report
    if not report.rows:
        report.empty = True  # nothing to take: no audit entry, no change at all
        return report
    report.skipped = report.bad_rows
    good = _drop_known(session, good, report)
    _insert(session, settings=settings, rule=rule, good=good, report=report)
    record_audit(
        session,
        action="followup.import",
        staff=actor,  # type: ignore[arg-type]
        target_kind="file",
        detail={"file": path.name, "added": report.added, "rule": rule_name},
    )
    if progress:
        progress(report.rows)
    return report


def _needed_date(rule: FollowupRule) -> str:
    offset = rule.tasks[0]
    name = offset.after or offset.at or (offset.midway[0] if offset.midway else "")
    return {"visited": "admitted"}.get(name, name)


def _drop_known(
    session: Session, good: list[tuple[dict[str, Any], dict[str, str]]], report: ImportReport
) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Leave out rows whose import_key is already in the database."""
    known: set[str] = set()
    keys = [values["import_key"] for values, _dates in good]
    key_column = FollowupSubject.__table__.c.import_key  # type: ignore[attr-defined]
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        known.update(session.execute(select(key_column).where(key_column.in_(chunk))).scalars())
    report.already += len(known)
    return [pair for pair in good if pair[0]["import_key"] not in known]


def _sql_value(value: Any) -> Any:
    """A value as SQLite stores it for these columns (UTC text timestamps, ISO dates)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _add_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their ids in order.

    On SQLite the transaction already holds the write lock, so ids can be handed out from
    max(id) and the rows go in through the driver's executemany, far faster than RETURNING.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name != "sqlite":
        result = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        return list(result.scalars().all())
    first = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
    columns = list(rows[0])
    sql = (
        f"INSERT INTO {table.name} (id, {', '.join(columns)}) "
        f"VALUES ({', '.join('?' * (len(columns) + 1))})"
    )
    ids = list(range(first, first + len(rows)))
    # Timestamps and dates repeat (now, a few due days): format each distinct one once.
    timed = [
        i
        for i, c in enumerate(columns)
        if any(isinstance(row[c], (date, datetime)) for row in rows[:200])
    ]
    formatted: dict[Any, Any] = {}
    values = []
    for row_id, row in zip(ids, rows, strict=True):
        cells = [row_id, *row.values()]
        for i in timed:
            value = cells[i + 1]
            if value not in formatted:
                formatted[value] = _sql_value(value)
            cells[i + 1] = formatted[value]
        values.append(tuple(cells))
    session.connection().exec_driver_sql(sql, values)  # type: ignore[arg-type]
    return ids


def _insert(
    session: Session,
    *,
    settings: Settings,
    rule: FollowupRule | None,
    good: list[tuple[dict[str, Any], dict[str, str]]],
    report: ImportReport,
) -> None:
    """Bulk-insert subjects, enrolments and tasks, a batch at a time."""
    now = utcnow()
    windows = calling_windows(settings)
    slots: dict[date, tuple[date, datetime]] = {}
    subject_table = FollowupSubject.__table__  # type: ignore[attr-defined]
    enrol_table = FollowupEnrollment.__table__  # type: ignore[attr-defined]
    for start in range(0, len(good), BATCH):
        batch = good[start : start + BATCH]
        subject_rows = [values | {"created_at": now, "updated_at": now} for values, _ in batch]
        ids = _add_rows(session, subject_table, subject_rows)
        report.added += len(ids)
        if rule is None:
            continue
        enrol_rows = [
            {"subject_id": sid, "rule_name": rule.name, "event_dates": json.dumps(dates),
             "created_at": now}
            for sid, (_values, dates) in zip(ids, batch, strict=True)
        ]  # fmt: skip
        enrol_ids = _add_rows(session, enrol_table, enrol_rows)
        tasks = []
        for sid, eid, (values, dates) in zip(ids, enrol_ids, batch, strict=True):
            parsed = {k: date.fromisoformat(v) for k, v in dates.items()}
            for seq, raw in raw_due_dates(rule, parsed):
                if raw not in slots:
                    slots[raw] = schedule(raw, windows, settings.tz)
                due_on, due_at = slots[raw]
                at = due_at.astimezone(UTC)
                tasks.append(
                    {"enrollment_id": eid, "subject_id": sid, "rule_name": rule.name,
                     "department_id": values["department_id"], "seq": seq, "due_on": due_on,
                     "due_at": at, "next_try_at": at, "status": TaskStatus.PENDING.value,
                     "attempts_used": 0, "updated_at": now}
                )  # fmt: skip
        _add_rows(session, FollowupTask.__table__, tasks)  # type: ignore[attr-defined]
        report.tasks += len(tasks)
