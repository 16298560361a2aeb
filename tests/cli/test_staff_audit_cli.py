"""`desk staff disable|enable|reset-pin|role` and `desk audit` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select
from typer.testing import CliRunner

from desk.cli.root import build_app
from desk.identity import os_user
from desk.models import AuditEvent, Staff
from desk.store.engine import open_database
from desk.store.staff import pin_matches

runner = CliRunner()


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def _staff(db: Path, name: str) -> Staff:
    engine = open_database(f"sqlite:///{db}")
    try:
        with Session(engine) as session:
            return session.exec(select(Staff).where(Staff.name == name)).one()
    finally:
        engine.dispose()


def test_disable_enable_reset_and_role(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert _run(db, "staff", "add", "王丽", "--role", "admin", "--pin", "1234")[0] == 0
    assert _run(db, "staff", "add", "李娜", "--pin", "1234")[0] == 0

    code, out, _ = _run(db, "staff", "disable", "李娜")
    assert code == 0 and "李娜 已停用" in out
    assert not _staff(db, "李娜").active
    code, out, _ = _run(db, "staff", "list", "--json")
    assert {r["name"]: r["active"] for r in json.loads(out)} == {"王丽": True, "李娜": False}

    assert _run(db, "staff", "enable", "李娜")[0] == 0
    assert _staff(db, "李娜").active

    code, out, _ = _run(db, "staff", "reset-pin", "李娜", "--pin", "8642")
    assert code == 0 and pin_matches("8642", _staff(db, "李娜").pin_hash)

    assert _run(db, "staff", "role", "李娜", "supervisor")[0] == 0
    assert _staff(db, "李娜").role == "supervisor"

    code, _, err = _run(db, "staff", "disable", "王丽")
    assert code == 2 and "唯一在用的管理员" in err
    code, _, err = _run(db, "staff", "disable", "无名氏")
    assert code == 2 and "无名氏" in err
    code, _, err = _run(db, "staff", "reset-pin", "李娜", "--pin", "12")
    assert code == 2 and "4 到 12" in err

    engine = open_database(f"sqlite:///{db}")
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    engine.dispose()
    assert [e.action for e in events] == [
        "staff_add",
        "staff_add",
        "staff_disable",
        "staff_enable",
        "staff_reset_pin",
        "staff_role",
    ]
    assert {(e.actor, e.os_user, e.staff_id) for e in events} == {(os_user(), os_user(), None)}


def test_reset_pin_asks_twice_when_not_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("desk.cli.staff.someone_to_ask", lambda: True)  # typed below
    db = tmp_path / "desk.db"
    _run(db, "staff", "add", "王丽", "--role", "admin", "--pin", "1234")
    result = runner.invoke(
        build_app(), ["--db", str(db), "staff", "reset-pin", "王丽"], input="5555\n5555\n"
    )
    assert result.exit_code == 0, result.output
    assert pin_matches("5555", _staff(db, "王丽").pin_hash)


def test_audit_prints_table_and_json_with_filters(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    _run(db, "staff", "add", "王丽", "--role", "admin", "--pin", "1234")
    _run(db, "staff", "add", "[b]李娜[/b]", "--pin", "1234")
    _run(db, "staff", "disable", "[b]李娜[/b]")

    code, out, _ = _run(db, "audit", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["action"] for r in rows] == ["staff_disable", "staff_add", "staff_add"]
    assert rows[0]["actor"] == os_user() and rows[0]["at"].endswith("+08:00")
    assert '"[b]李娜[/b]"' in rows[0]["detail"]

    code, out, _ = _run(db, "audit", "--action", "disable")
    assert code == 0 and "停用员工" in out and "[b]李娜[/b]" in out
    code, out, _ = _run(db, "audit", "--who", "nobody-at-all")
    assert code == 0 and "没有符合条件的审计记录" in out
    code, out, _ = _run(db, "audit", "--since", "2999-01-01", "--json")
    assert json.loads(out) == []
    code, out, _ = _run(db, "audit", "--since", "2000-01-01", "--json")
    assert len(json.loads(out)) == 3
    code, _, err = _run(db, "audit", "--since", "yesterday")
    assert code == 2 and "yesterday" in err


def test_audit_names_who_was_signed_in_and_labels_every_action(tmp_path: Path, desk_cli) -> None:
    """What 王丽 did in the app shows as hers, with named actions; the filter takes Chinese."""
    from desk.session_info import SignedIn
    from desk.store.appointments import AppointmentCreate, book_appointment
    from desk.store.engine import session_scope
    from desk.store.visits import VisitCreate, create_visit
    from tests.conftest import FROZEN_NOW, TZ

    db = tmp_path / "desk.db"
    added = desk_cli("--db", str(db), "staff", "add", "王丽", "--role", "admin", "--pin", "1234")
    assert added.exit_code == 0
    engine = open_database(f"sqlite:///{db}")
    wang = SignedIn.of(_staff(db, "王丽"))
    with session_scope(engine) as session:
        visit = create_visit(
            session,
            data=VisitCreate("张三", "13812345678", "咨询体检", FROZEN_NOW, wang.id),
            actor=wang,
        )
        book_appointment(
            session,
            data=AppointmentCreate(
                "张三", "13812345678", "体检", "", FROZEN_NOW, visit_id=visit.id
            ),
            actor=wang,
            tz=TZ,
        )
    engine.dispose()

    result = desk_cli("--db", str(db), "audit")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "来访 #" in line or "预约 #" in line]
    assert len(lines) == 2 and all("王丽" in line for line in lines)
    assert "登记预约" in lines[0] and "登记来访" in lines[1]
    assert "appointment_booked" not in result.stdout and "visit_add" not in result.stdout
    filtered = desk_cli("--db", str(db), "audit", "--action", "登记来访")
    assert filtered.exit_code == 0 and "登记来访" in filtered.stdout
    assert "登记预约" not in filtered.stdout
