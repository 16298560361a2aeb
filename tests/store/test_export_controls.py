"""Exports keep what was typed in the database, but a CSV never carries control characters,
and a cell that would start a spreadsheet formula is neutralised."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from desk.export.cells import csv_bytes, visible_controls
from desk.models import Call, Role
from desk.session_info import SignedIn
from desk.store.calls import CallCreate, create_call
from desk.store.engine import session_scope
from desk.store.export import write_export
from desk.store.staff import create_staff

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)
CONTENT = "\x1b[31m红色警告\x1b[0m 响铃\x07 删除\x7f 八位CSI\x9b2J 制表\t换行\n回车\r结束"
SHOWN = "␛[31m红色警告␛[0m 响铃␇ 删除␡ 八位CSI\\x9b2J 制表\t换行\n回车\r结束"
RAW_CONTROLS = [bytes([c]) for c in range(0x20) if c not in (9, 10, 13)] + [b"\x7f", b"\xc2\x9b"]


def _save(engine: Engine, *, org: str, content: str) -> int:
    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))
    data = CallCreate(
        received_at=NOW - timedelta(minutes=3),
        org=org,
        caller="张三",
        content=content,
        number="13812345678",
        recorder_id=clerk.id,
    )
    with session_scope(engine) as session:
        call = create_call(session, data=data, actor=clerk, now=NOW)
        assert call.id is not None
        return call.id


@pytest.fixture
def call_id(engine: Engine) -> int:
    return _save(engine, org="=1+1", content=CONTENT)


def test_the_database_keeps_the_text_as_typed(engine: Engine, call_id: int) -> None:
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None and call.content == CONTENT.strip() and call.org == "=1+1"


@pytest.mark.parametrize("bom", [False, True])
def test_csv_shows_control_characters_and_neutralises_formulas(
    engine: Engine, call_id: int, tmp_path: Path, bom: bool
) -> None:
    path = tmp_path / "calls.csv"
    assert write_export(engine, kind="calls", fmt="csv", path=path, tz=TZ, bom=bom) == 1
    data = path.read_bytes()
    assert [c for c in RAW_CONTROLS if c in data] == []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["主要内容"] == SHOWN.strip()
    assert row["来电单位"] == "'=1+1"


def test_xlsx_has_no_raw_controls_and_keeps_formulas_as_plain_text(
    engine: Engine, call_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "calls.xlsx"
    write_export(engine, kind="calls", fmt="xlsx", path=path, tz=TZ)
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    assert b"\x1b" not in sheet
    assert b"_x001B_" not in sheet  # OOXML's escape, which Excel turns back into ESC
    assert b"<f>" not in sheet  # no cell is a formula
    cells = [c.value for c in next(openpyxl.load_workbook(path).active.iter_rows(min_row=2))]
    assert "=1+1" in cells  # as typed: a text cell needs no apostrophe, which would show
    # the same stand-ins as the CSV; CR, like tab and newline, stays (OOXML writes it _x000D_)
    assert SHOWN.strip().replace("\r", "_x000D_") in cells
    assert not any("\x1b" in c for c in cells if isinstance(c, str))


def test_xlsx_shows_an_escape_sequence_like_the_csv(engine: Engine, tmp_path: Path) -> None:
    _save(engine, org="@SUM(A1)", content="\x1b[31m红色")
    path = tmp_path / "calls.xlsx"
    write_export(engine, kind="calls", fmt="xlsx", path=path, tz=TZ)
    cells = [c.value for c in next(openpyxl.load_workbook(path).active.iter_rows(min_row=2))]
    assert "␛[31m红色" in cells and "@SUM(A1)" in cells


def test_json_escapes_controls_itself(engine: Engine, call_id: int, tmp_path: Path) -> None:
    path = tmp_path / "calls.json"
    write_export(engine, kind="calls", fmt="json", path=path, tz=TZ)
    assert b"\x1b" not in path.read_bytes()
    assert json.loads(path.read_text("utf-8"))[0]["content"] == CONTENT.strip()


def test_a_formula_behind_a_control_character_stays_text(engine: Engine, tmp_path: Path) -> None:
    _save(engine, org="@SUM(A1)", content="-2+3\x1b]0;title\x07")
    path = tmp_path / "calls.csv"
    write_export(engine, kind="calls", fmt="csv", path=path, tz=TZ)
    with path.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["来电单位"], row["主要内容"]) == ("'@SUM(A1)", "'-2+3␛]0;title␇")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('plain 中文, "quoted"\r\n', 'plain 中文, "quoted"\r\n'),
        ("\x00\x1b\x9f", "␀␛\\x9f"),
        ("买买提·艾力 ±5°", "买买提·艾力 ±5°"),  # U+00B7 etc. share C1's lead byte, not C1
    ],
)
def test_csv_bytes(text: str, shown: str) -> None:
    assert visible_controls(text) == shown
    assert csv_bytes(text) == shown.encode("utf-8")


def test_bidi_controls_are_shown_in_csv_and_xlsx_but_kept_in_the_database(
    engine: Engine, tmp_path: Path
) -> None:
    call_id = _save(engine, org="\u202e院医一第", content="回电\u2066138\u2069 👨\u200d👩\u200d👧")
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None and call.org == "\u202e院医一第"
    org, content = "⟨U+202E⟩院医一第", "回电⟨U+2066⟩138⟨U+2069⟩ 👨\u200d👩\u200d👧"
    csv_path = tmp_path / "calls.csv"
    write_export(engine, kind="calls", fmt="csv", path=csv_path, tz=TZ)
    assert "\u202e" not in csv_path.read_text("utf-8")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["来电单位"], row["主要内容"]) == (org, content)
    xlsx_path = tmp_path / "calls.xlsx"
    write_export(engine, kind="calls", fmt="xlsx", path=xlsx_path, tz=TZ)
    cells = [c.value for c in next(openpyxl.load_workbook(xlsx_path).active.iter_rows(min_row=2))]
    assert org in cells and content in cells


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\u202eb", "a⟨U+202E⟩b"),
        ("\u200e\u200f\u061c", "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"),
        ("—“引号”…\u2014", "—“引号”…\u2014"),  # other characters of the same UTF-8 block
    ],
)
def test_csv_bytes_and_bidi(text: str, shown: str) -> None:
    assert csv_bytes(text) == shown.encode("utf-8")
