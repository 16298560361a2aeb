"""The foundation's commands: --version, doctor, staff, demo, db upgrade, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desk import __version__


def test_version(desk_cli) -> None:
    result = desk_cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"desk {__version__}"


def test_help_is_in_the_chosen_language(desk_cli) -> None:
    chinese = desk_cli("--help")
    assert "前台来电来访登记与回访台" in chinese.output
    assert "选项" in chinese.output
    assert "显示此帮助并退出" in chinese.output and "Show this message" not in chinese.output
    english = desk_cli("--help", lang="en")
    assert "front-desk register" in english.output
    assert "Show this message and exit." in english.output


def test_an_unknown_command_is_named_in_the_chosen_language(desk_cli) -> None:
    result = desk_cli("import", "followups")
    assert result.exit_code == 2
    assert "没有名为 'followups' 的命令" in result.output


def test_demo_then_doctor_counts_the_calls(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = desk_cli("--db", db, "demo", "--calls", "1000", "--visits", "20", "--subjects", "5")
    assert result.exit_code == 0, result.output
    assert "1,000" in result.output
    doctor = desk_cli("--db", db, "doctor")
    assert doctor.exit_code == 0, doctor.output
    assert "来电" in doctor.output and "1,000" in doctor.output
    assert "0001" in doctor.output or "结构版本" in doctor.output
    assert "剩余磁盘" in doctor.output


def test_global_options_may_follow_the_subcommand(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    result = desk_cli("demo", "--calls", "1000", "--db", db)  # as the foundation issue writes it
    assert result.exit_code == 0, result.output
    doctor = desk_cli("doctor", f"--db={db}", "--lang", "en")
    assert doctor.exit_code == 0, doctor.output
    assert "1,000" in doctor.output and "Calls" in doctor.output


def test_hoisting_leaves_other_words_and_what_follows_a_double_dash() -> None:
    from desk.cli.root import hoist_global_options

    assert hoist_global_options(["call", "list", "--db", "a.db", "--json"]) == [
        "--db",
        "a.db",
        "call",
        "list",
        "--json",
    ]
    assert hoist_global_options(["staff", "add", "--", "--db"]) == ["staff", "add", "--", "--db"]
    assert hoist_global_options(["doctor", "--lang=en"]) == ["--lang=en", "doctor"]


def test_staff_add_and_list(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    added = desk_cli("--db", db, "staff", "add", "李娜", "--role", "supervisor", "--pin", "2468")
    assert added.exit_code == 0, added.output
    assert "李娜" in added.output and "主管" in added.output
    listed = desk_cli("--db", db, "staff", "list", "--json")
    assert json.loads(listed.output) == [
        {"id": 1, "name": "李娜", "role": "supervisor", "active": True}
    ]


def test_staff_add_asks_for_the_pin(desk_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("desk.cli.staff.someone_to_ask", lambda: True)  # typed below
    db = str(tmp_path / "p.db")
    result = desk_cli("--db", db, "staff", "add", "张敏", input="1357\n1357\n")
    assert result.exit_code == 0, result.output
    assert "张敏" in result.output


def test_db_upgrade_reports_revision(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    first = desk_cli("--db", db, "db", "upgrade")
    assert first.exit_code == 0 and "升级" in first.output
    again = desk_cli("--db", db, "db", "upgrade")
    assert again.exit_code == 0 and "已是最新" in again.output


def _one_error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(lines)


def test_not_a_database(desk_cli, tmp_path: Path) -> None:
    text_file = tmp_path / "hostname"
    text_file.write_text("myhost\n")
    message = _one_error_line(desk_cli("--db", str(text_file), "doctor"))
    assert "不是 desk 数据库" in message
    assert text_file.read_text() == "myhost\n"


def test_foreign_sqlite_database_is_refused(desk_cli, tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    message = _one_error_line(desk_cli("--db", str(path), "doctor"))
    assert "不是 desk 数据库" in message


def test_database_newer_than_the_code(desk_cli, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "new.db"
    assert desk_cli("--db", str(db), "db", "upgrade").exit_code == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    message = _one_error_line(desk_cli("--db", str(db), "doctor"))
    assert "更新版本的 desk" in message


def test_cannot_create_the_database(desk_cli) -> None:
    message = _one_error_line(desk_cli("--db", "/proc/nope/x.db", "db", "upgrade"))
    assert "无法为数据库" in message


def test_config_with_a_wrong_type(desk_cli, tmp_path: Path) -> None:
    config = tmp_path / "desk.toml"
    config.write_text('[desk]\nidle_lock_minutes = "soon"\n', encoding="utf-8")
    message = _one_error_line(desk_cli("--config", str(config), "--db", "x.db", "doctor"))
    assert "desk.idle_lock_minutes" in message and "应为整数" in message


def test_staff_add_with_an_empty_name(desk_cli, tmp_path: Path) -> None:
    message = _one_error_line(
        desk_cli("--db", str(tmp_path / "e.db"), "staff", "add", " ", "--pin", "1234")
    )
    assert "请输入姓名" in message


def test_bad_role_and_pin(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert "未知角色" in _one_error_line(
        desk_cli("--db", db, "staff", "add", "甲", "--role", "boss", "--pin", "1234")
    )
    assert "4 到 12 位" in _one_error_line(
        desk_cli("--db", db, "staff", "add", "甲", "--pin", "12")
    )


def test_error_in_english(desk_cli) -> None:
    result = desk_cli("--db", "/proc/nope/x.db", "db", "upgrade", lang="en")
    assert result.exit_code == 2
    assert "Cannot create the folder" in result.output


def test_console_script_runs_as_a_subprocess(tmp_path: Path) -> None:
    db = tmp_path / "sub.db"
    subprocess.run(
        [sys.executable, "-m", "desk", "--db", str(db), "db", "upgrade"],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-m", "desk", "--db", str(db), "--lang", "en", "doctor"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Holiday calendar" in done.stdout  # the whole report, in English
