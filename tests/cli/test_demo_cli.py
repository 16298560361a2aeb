"""`desk demo` fills an empty or demo-only database, and will not mix into real records."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_foundation_cli import _one_error_line

SMALL = ("--calls", "50", "--visits", "3", "--subjects", "2")


def staff(desk_cli, db: str) -> dict[str, str]:
    listed = desk_cli("--db", db, "staff", "list", "--json")
    return {row["name"]: row["role"] for row in json.loads(listed.output)}


def test_demo_names_its_admin_and_supervisor(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    result = desk_cli("--db", db, "demo", *SMALL)
    assert result.exit_code == 0, result.output
    assert "PIN 1234" in result.output
    assert "王丽 是管理员" in result.output and "李娜 是主管" in result.output
    roles = staff(desk_cli, db)
    assert roles["王丽"] == "admin" and roles["李娜"] == "supervisor"
    assert sorted(roles.values()).count("receptionist") == 6
    english = desk_cli("--db", str(tmp_path / "e.db"), "demo", *SMALL, lang="en")
    assert "王丽 is an administrator and 李娜 a supervisor" in english.output


def test_demo_twice_on_a_demo_only_database(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert desk_cli("--db", db, "demo", *SMALL).exit_code == 0
    again = desk_cli("--db", db, "demo", *SMALL)
    assert again.exit_code == 0, again.output
    assert len(staff(desk_cli, db)) == 8


def test_demo_refuses_a_database_with_real_staff(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "real.db")
    added = desk_cli("--db", db, "staff", "add", "张三", "--role", "admin", "--pin", "2468")
    assert added.exit_code == 0, added.output
    result = desk_cli("--db", db, "demo", *SMALL)
    message = _one_error_line(result)
    assert len(result.output.strip().splitlines()) == 1
    assert "已有真实记录" in message and "--into-existing" in message
    assert staff(desk_cli, db) == {"张三": "admin"}  # nothing was added
    doctor = desk_cli("--db", db, "doctor")
    assert "来电" in doctor.output and " 0" in doctor.output


def test_demo_refuses_a_database_with_a_real_call(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "calls.db")
    assert desk_cli("--db", db, "demo", *SMALL).exit_code == 0
    call = ("call", "add", "--org", "第一医院", "--caller", "张三", "--number", "13812345678")
    added = desk_cli("--db", db, *call, "--content", "咨询", "--recorder", "王丽")
    assert added.exit_code == 0, added.output
    message = _one_error_line(desk_cli("--db", db, "demo", *SMALL))
    assert "不是 desk demo 生成的来电" in message


def test_into_existing_adds_anyway(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "real.db")
    assert desk_cli("--db", db, "staff", "add", "张三", "--pin", "2468").exit_code == 0
    result = desk_cli("--db", db, "demo", *SMALL, "--into-existing")
    assert result.exit_code == 0, result.output
    assert len(staff(desk_cli, db)) == 9


def test_refusal_in_english(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "real.db")
    assert desk_cli("--db", db, "staff", "add", "张三", "--pin", "2468").exit_code == 0
    message = _one_error_line(desk_cli("--db", db, "demo", lang="en"))
    assert "already holds real records (staff members who are not demo staff)" in message
