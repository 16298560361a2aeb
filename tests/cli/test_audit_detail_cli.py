"""`desk audit` prints each row's detail as words; `desk audit --json` keeps the raw JSON."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from desk.models import Staff
from desk.store.engine import open_database, session_scope
from desk.store.errors import ValidationError
from desk.store.staff import authenticate


def _wrong_pin(db: Path, name: str) -> None:
    engine = open_database(f"sqlite:///{db}")
    try:
        with Session(engine) as session:
            staff_id = session.exec(select(Staff.id).where(Staff.name == name)).one()
        for _ in range(2):
            try:
                with session_scope(engine) as session:
                    authenticate(session, staff_id=staff_id, pin="9999")
            except ValidationError:
                pass
    finally:
        engine.dispose()


def test_audit_prints_words_and_json_keeps_the_keys(tmp_path: Path, desk_cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "desk.db"
    for args in (
        ("staff", "add", "王丽", "--role", "admin", "--pin", "1234"),
        ("staff", "add", "李娜", "--pin", "1234"),
        ("staff", "role", "李娜", "supervisor"),
    ):
        assert desk_cli("--db", str(db), *args).exit_code == 0
    _wrong_pin(db, "李娜")

    result = desk_cli("--db", str(db), "audit")
    assert result.exit_code == 0
    out = result.stdout
    for words in ("连续输错 1 次", "连续输错 2 次", "姓名：李娜；角色：接待员 → 主管"):
        assert words in out
    assert "姓名：王丽；角色：管理员" in out
    assert "wrong_pins" not in out and '{"' not in out

    raw = json.loads(desk_cli("--db", str(db), "audit", "--json").stdout)
    details = [json.loads(r["detail"]) for r in raw]
    assert details[:2] == [{"wrong_pins": 2}, {"wrong_pins": 1}]
    assert details[2] == {"name": "李娜", "from": "receptionist", "to": "supervisor"}


def test_english_command_line_prints_english_words(tmp_path: Path, desk_cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "desk.db"
    assert desk_cli("--db", str(db), "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    _wrong_pin(db, "王丽")
    result = desk_cli("--db", str(db), "audit", lang="en")
    assert result.exit_code == 0
    assert "2 wrong PINs in a row" in result.stdout
    assert "name: 王丽; role: Receptionist" in result.stdout
