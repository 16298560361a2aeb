"""`desk visit add|list` and `desk appointments`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from desk.store.appointments import AppointmentCreate, book_appointment
from desk.store.engine import open_database, session_scope
from tests.conftest import TZ


def test_visit_add_and_list(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    added = desk_cli(
        "--db",
        db,
        "visit",
        "add",
        "--name",
        "张三",
        "--number",
        "13812345678",
        "--matter",
        "来信反映[bold]停车[/]难",
        "--channel",
        "letter",
        "--category",
        "complaint",
        "--at",
        "2026-11-24 09:05",
    )
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "1"
    listed = desk_cli("--db", db, "visit", "list", "--json")
    [row] = json.loads(listed.output)  # one array, as `call list --json` prints
    assert row["visitor"] == "张三" and row["channel"] == "letter"
    assert row["matter"] == "来信反映[bold]停车[/]难"
    assert row["time"] == "2026-11-24 09:05"  # as `--at` takes it, like a call's
    assert row["number"] == "138 1234 5678" and row["priority"] == "deferrable"
    assert row["category"] == "complaint" and row["department"] is None
    table = desk_cli("--db", db, "visit", "list", "--search", "停车")
    assert "[bold]停车[/]" in table.output and "来信" in table.output


def test_visit_add_bad_number(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "b.db")
    desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234")
    result = desk_cli(
        "--db", db, "visit", "add", "--name", "张三", "--number", "12", "--matter", "咨询"
    )
    assert result.exit_code == 2 and "电话号码" in result.output
    assert (
        desk_cli(
            "--db",
            db,
            "visit",
            "add",
            "--name",
            "张三",
            "--number",
            "13812345678",
            "--matter",
            "咨询",
            "--at",
            "yesterday",
        ).exit_code
        == 2
    )


def test_appointments_for_a_day(desk_cli, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        book_appointment(
            session,
            data=AppointmentCreate(
                person_name="张三",
                number="13812345678",
                service="胃镜检查",
                expert="刘主任",
                starts_at=datetime(2026, 11, 25, 9, 0, tzinfo=TZ),
                notes="青霉素过敏",
            ),
            actor=None,
            tz=TZ,
        )
    engine.dispose()
    result = desk_cli("--db", str(db), "appointments", "--date", "2026-11-25", "--json")
    assert result.exit_code == 0
    [row] = json.loads(result.output)
    assert row["expert"] == "刘主任" and row["starts_at"].startswith("2026-11-25T09:00")
    assert "暂无" in desk_cli("--db", str(db), "appointments", "--date", "2026-11-26").output
    assert desk_cli("--db", str(db), "appointments", "--date", "25/11").exit_code == 2


def test_visit_add_lead_enrols_its_followups(desk_cli, tmp_path: Path) -> None:
    from sqlmodel import select

    from desk.models import FollowupEnrollment, FollowupTask

    db = str(tmp_path / "lead.db")
    desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234")
    args = ("--name", "周女士", "--number", "13812345678", "--matter", "看房", "--lead")
    added = desk_cli("--db", db, "visit", "add", *args)
    assert added.exit_code == 0, added.output
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        enrollment = session.exec(select(FollowupEnrollment)).one()
        assert enrollment.rule_name == "sales_lead_visit" and enrollment.visit_id == 1
        assert len(session.exec(select(FollowupTask)).all()) >= 3
    engine.dispose()


def test_a_disabled_staff_member_cannot_receive_a_visit(desk_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    assert desk_cli("--db", db, "staff", "add", "孙小美", "--pin", "1234").exit_code == 0
    assert desk_cli("--db", db, "staff", "disable", "孙小美").exit_code == 0
    result = desk_cli(
        *("--db", db, "visit", "add", "--name", "张三", "--matter", "咨询"),
        *("--number", "13812345678", "--receiver", "孙小美"),
    )
    assert result.exit_code == 2 and "孙小美 已停用" in result.output
    assert desk_cli("--db", db, "visit", "list", "--json").output.strip() == "[]"
