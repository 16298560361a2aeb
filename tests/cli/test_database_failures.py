"""The command line on a database that fails under it (a full disk): one clear line."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from desk.models import Call
from desk.store.engine import open_database
from tests.ui.test_database_failures import LONG_REPORT, disk_full


def test_call_add_on_a_full_disk_is_one_line_and_saves_nothing(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "full.db")
    staff = ("staff", "add", "王丽", "--role", "receptionist", "--pin", "1234")
    assert desk_cli("--db", db, *staff).exit_code == 0
    call = ("call", "add", "--org", "第一医院", "--caller", "张三", "--number", "13812345678")
    assert desk_cli("--db", db, *call, "--content", "咨询").exit_code == 0
    with disk_full(Engine):
        result = desk_cli("--db", db, *call, "--content", LONG_REPORT)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "磁盘已满" in lines[0], result.output
    assert "INSERT" not in result.output and "Traceback" not in result.output
    engine = open_database(f"sqlite:///{db}")
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Call)).one() == 1
    engine.dispose()
