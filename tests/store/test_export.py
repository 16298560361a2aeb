"""Exports: columns, labels, local times, safe cells, masking, formats, atomic files."""

from __future__ import annotations

import csv
import json
import stat
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, select

import desk.models as m
from desk.export.cells import mask_name, mask_phone, neutralise
from desk.models import AuditEvent, Call
from desk.store import export as export_module
from desk.store.engine import session_scope
from desk.store.export import LocalTimes, run_export, write_export
from tests.store.sample_records import T0, fill_sample

TZ = ZoneInfo("Asia/Shanghai")


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+8613812345678", "'+8613812345678"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("张三", "张三"),
        ("", ""),
    ],
)
def test_neutralise(value: str, safe: str) -> None:
    assert neutralise(value) == safe


def test_masks() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"
    assert mask_phone("0931-8942000") == "093****2000"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"


def test_local_times_cache_matches_zoneinfo() -> None:
    for zone in ("Asia/Shanghai", "America/New_York", "Asia/Kolkata"):
        convert = LocalTimes(ZoneInfo(zone))
        for stamp in ("2026-03-08 06:59:00.000000", "2026-03-08 07:30:00.000000", T0):
            moment = (
                stamp
                if isinstance(stamp, datetime)
                else datetime.fromisoformat(stamp).replace(tzinfo=UTC)
            )
            expected = moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
            assert convert(stamp) == expected


def test_csv_has_labels_local_times_and_safe_cells(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    path = tmp_path / "calls.csv"
    assert write_export(engine, kind="calls", fmt="csv", path=path, tz=TZ, bom=True) == 3
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = _csv(path)
    first = rows[0]
    assert first["编号"] == "1"
    assert first["时间"] == "2026-11-24 09:05"
    assert first["优先级"] == "急"
    assert first["类别"] == "投诉"
    assert first["科室"] == "内科"
    assert first["状态"] == "已转办"
    assert first["记录人"] == "王丽"
    assert first["来电单位"] == '\'=HYPERLINK("x")'
    assert first["号码（国际格式）"] == "'+8613812345678"
    assert rows[1]["来电单位"] == "'@SUM(A1)"
    assert rows[1]["主要内容"] == "'-2+3 咨询体检"
    assert rows[1]["时间"] == "2026-11-24 01:30"
    assert rows[2]["来电单位"] == "'\t制表符单位"
    assert rows[2]["主要内容"] == '带"引号",逗号\n换行'


def test_masked_export(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    path = tmp_path / "calls.csv"
    write_export(engine, kind="calls", fmt="csv", path=path, tz=TZ, mask=True)
    rows = _csv(path)
    assert rows[0]["来电人"] == "张*"
    assert rows[0]["回电号码"] == "138****5678"
    assert rows[1]["来电人"] == "欧***"
    assert "12345678" not in path.read_text("utf-8")


def test_xlsx_reads_back(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    path = tmp_path / "calls.xlsx"
    write_export(engine, kind="calls", fmt="xlsx", path=path, tz=TZ)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.title == "来电"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.auto_filter.ref.endswith("4")
    assert sheet.column_dimensions["E"].width > 20
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["编号", "时间", "来电单位"]
    assert [cell.value for cell in sheet[2]][:4] == [
        1,
        "2026-11-24 09:05",
        '=HYPERLINK("x")',  # a text cell, shown as typed (never run: no <f> below)
        "张三",
    ]
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert sheet.max_row == 4


@pytest.mark.parametrize("kind", ["visits", "appointments", "followups"])
def test_json_and_jsonl(engine: Engine, tmp_path: Path, kind: str) -> None:
    fill_sample(engine)
    write_export(engine, kind=kind, fmt="json", path=tmp_path / "a.json", tz=TZ)
    write_export(engine, kind=kind, fmt="jsonl", path=tmp_path / "a.jsonl", tz=TZ)
    array = json.loads((tmp_path / "a.json").read_text("utf-8"))
    lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    assert array == lines and array
    if kind == "followups":
        assert array[0]["name"] == "周八"
        assert array[0]["rule"] == "discharge"
        assert array[0]["satisfaction"] == 4
        assert array[0]["opinions"] == "希望增加停车位"
        assert array[0]["due_on"] == "2026-11-24"
    if kind == "appointments":
        assert array[0]["starts_at"] == "2026-11-25 09:00"
    if kind == "visits":
        assert array[0]["channel"] == "来信"


def test_date_range_uses_local_days(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    path = tmp_path / "c.json"

    def ids(start: date, end: date) -> list[int]:
        write_export(engine, kind="calls", fmt="json", path=path, tz=TZ, start=start, end=end)
        return [row["id"] for row in json.loads(path.read_text("utf-8"))]

    # call 3 came at 2026-10-31 16:00 UTC, which is 2026-11-01 00:00 in Shanghai
    assert ids(date(2026, 11, 1), date(2026, 11, 23)) == [3]
    assert ids(date(2026, 11, 2), date(2026, 11, 24)) == [1, 2]


def test_a_failure_midway_leaves_no_file(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(engine)
    real = export_module.stream_rows

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        for rows in real(*args, **kwargs):
            yield rows
            raise OSError("disk full")

    monkeypatch.setattr(export_module, "stream_rows", broken)
    for fmt in ("csv", "xlsx", "json"):
        with pytest.raises(OSError):
            write_export(engine, kind="calls", fmt=fmt, path=tmp_path / f"c.{fmt}", tz=TZ)
    assert list(tmp_path.iterdir()) == [] or all(
        p.name == "desk.db" or p.name.startswith("desk.db") for p in tmp_path.iterdir()
    )


def _night(engine: Engine, folder: Path, when: datetime) -> list[int]:
    outcome = run_export(
        engine, kind="calls", fmt="json", folder=folder, now=when, tz=TZ, since_last=True
    )
    return [row["id"] for row in json.loads(outcome.path.read_text("utf-8"))]


def _touch(engine: Engine, call_id: int, when: datetime) -> None:
    with session_scope(engine) as session:
        session.execute(update(Call).where(Call.id == call_id).values(updated_at=when))


def test_since_last_across_three_nights(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    folder = tmp_path / "nightly"
    night1 = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    assert _night(engine, folder, night1) == [1, 2, 3]
    _touch(engine, 2, night1 + timedelta(hours=8))
    night2 = night1 + timedelta(days=1)
    assert _night(engine, folder, night2) == [2]
    night3 = night2 + timedelta(days=1)
    assert _night(engine, folder, night3) == []
    _touch(engine, 3, night3 + timedelta(hours=8))
    assert _night(engine, tmp_path / "elsewhere", night3 + timedelta(hours=9)) == [1, 2, 3]
    with Session(engine) as session:
        audits = session.exec(select(AuditEvent).where(AuditEvent.action == "export")).all()
        assert len(audits) == 4


def test_a_failed_night_is_caught_up(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(engine)
    folder = tmp_path / "nightly"
    night1 = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    _night(engine, folder, night1)
    _touch(engine, 1, night1 + timedelta(hours=3))
    monkeypatch.setattr(
        export_module, "write_export", lambda *a, **k: (_ for _ in ()).throw(OSError("full"))
    )
    with pytest.raises(OSError):
        _night(engine, folder, night1 + timedelta(days=1))
    monkeypatch.undo()
    _touch(engine, 3, night1 + timedelta(days=1, hours=3))
    assert _night(engine, folder, night1 + timedelta(days=2)) == [1, 3]


def test_stale_temp_files_of_dead_processes_are_swept(engine: Engine, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "out"
    folder.mkdir()
    dead = folder / ".calls-1.csv.part-999999999-abcd"
    alive = folder / f".calls-2.csv.part-{os.getpid()}-abcd"
    dead.write_text("half")
    alive.write_text("being written")
    run_export(engine, kind="calls", fmt="csv", folder=folder, now=T0, tz=TZ)
    assert not dead.exists() and alive.exists()


def test_only_roles_with_export_may_export(engine: Engine, tmp_path: Path) -> None:
    from desk.models import Role
    from desk.session_info import SignedIn
    from desk.store.errors import PermissionDenied

    ids = fill_sample(engine)
    clerk = SignedIn(id=ids["staff"], name="王丽", role=Role.RECEPTIONIST)
    with pytest.raises(PermissionDenied):
        run_export(engine, kind="calls", fmt="csv", folder=tmp_path, now=T0, tz=TZ, actor=clerk)
    admin = SignedIn(id=ids["staff"], name="王丽", role=Role.ADMIN)
    run_export(engine, kind="calls", fmt="csv", folder=tmp_path, now=T0, tz=TZ, actor=admin)
    with Session(engine) as session:
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "export")).one()
    assert (audit.staff_id, audit.actor) == (ids["staff"], "王丽")


def test_follow_up_rules_are_exported_by_their_label(engine: Engine, tmp_path: Path) -> None:
    fill_sample(engine)
    path = tmp_path / "f.json"
    labels = {"discharge": "出院回访"}
    write_export(engine, kind="followups", fmt="json", path=path, tz=TZ, rule_labels=labels)
    assert json.loads(path.read_text("utf-8"))[0]["rule"] == "出院回访"


# Columns of a record that are the desk's own bookkeeping, not something a reader looks for.
INTERNAL = {
    "Call": {"org_initials", "caller_initials", "department_id", "recorder_id"},
    "Visit": {"visitor_initials", "department_id", "received_by_id"},
    "Appointment": {"department_id", "created_by_id"},
    # due_at is the first calling window of the due day (exported as due_on and next_try_at)
    "FollowupTask": {
        "enrollment_id",
        "subject_id",
        "department_id",
        "held_by",
        "held_until",
        "due_at",
    },
    "FollowupSubject": {"id", "kind", "import_key", "department_id", "created_at", "updated_at"},
    "FollowupAttempt": {"id", "task_id", "staff_id"},
}


@pytest.mark.parametrize(
    ("kind", "models"),
    [
        ("calls", ("Call",)),
        ("visits", ("Visit",)),
        ("appointments", ("Appointment",)),
        ("followups", ("FollowupTask", "FollowupSubject", "FollowupAttempt")),
    ],
)
def test_every_field_of_a_record_is_exported(kind: str, models: tuple[str, ...]) -> None:
    from sqlalchemy import inspect as sa_inspect

    from desk.store.export_columns import export_kind

    exported = {
        (column.expr.parent.mapper.class_.__name__, column.expr.key)
        for column in export_kind(kind).columns
        if hasattr(column.expr, "parent")
    }
    for name in models:
        fields = {a.key for a in sa_inspect(getattr(m, name)).column_attrs}
        missing = fields - INTERNAL[name] - {key for model, key in exported if model == name}
        assert not missing, f"{kind}: {name} fields not exported: {sorted(missing)}"


def test_followups_carry_the_last_call_in_full(engine: Engine, tmp_path: Path) -> None:
    ids = fill_sample(engine)
    with session_scope(engine) as session:
        attempt = session.exec(select(m.FollowupAttempt)).one()
        attempt.staff_id = ids["staff"]
        attempt.medication_ok = False
        attempt.doctor_callback = True
        attempt.call_back_at = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
        subject = session.exec(select(m.FollowupSubject)).one()
        subject.phone_ext, subject.notes = "12", "耳背，请大声说话"
    write_export(engine, kind="followups", fmt="json", path=tmp_path / "f.json", tz=TZ)
    row = json.loads((tmp_path / "f.json").read_text("utf-8"))[0]
    assert row["called_by"] == "王丽"
    assert (row["medication_ok"], row["doctor_callback"]) == ("否", "是")
    assert row["call_back_at"] == "2026-11-26 10:00"
    assert row["next_try_at"] == "2026-11-24 09:05"
    assert (row["extension"], row["remarks"]) == ("12", "耳背，请大声说话")
    with session_scope(engine) as session:
        session.exec(select(m.FollowupAttempt)).one().medication_ok = None
    write_export(engine, kind="followups", fmt="json", path=tmp_path / "g.json", tz=TZ)
    assert json.loads((tmp_path / "g.json").read_text("utf-8"))[0]["medication_ok"] is None
