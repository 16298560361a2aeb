"""`desk call add`: logs one call and prints its id; bad values give one line and status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from desk.cli.root import build_app
from desk.models import Call, Callback, Role
from desk.store.engine import open_database, session_scope
from desk.store.staff import create_staff


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    engine = open_database(url)
    with session_scope(engine) as session:
        create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234")
    engine.dispose()
    return url


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), ["--db", db, "call", "add", *args])
    return result.exit_code, result.stdout, result.stderr


def stored(db: str) -> list[Call]:
    engine = open_database(db)
    try:
        with Session(engine) as session:
            return list(session.exec(select(Call)))
    finally:
        engine.dispose()


BASE = (
    "--org",
    "第一医院",
    "--caller",
    "张三",
    "--content",
    "咨询门诊时间",
    "--number",
    "13812345678",
)


def test_adds_a_call_and_prints_its_id(db: str) -> None:
    code, out, err = run(
        db, *BASE, "--priority", "urgent", "--category", "complaint", "--at", "2026-01-05 08:30"
    )
    assert (code, err) == (0, "")
    calls = stored(db)
    assert out.strip() == str(calls[0].id)
    call = calls[0]
    assert (call.org, call.caller, call.priority, call.category) == (
        "第一医院",
        "张三",
        1,
        "complaint",
    )
    assert call.number_e164 == "+8613812345678"
    assert call.received_at.isoformat() == "2026-01-05T00:30:00+00:00"


def test_single_staff_member_is_the_recorder_and_reply_promise(db: str) -> None:
    code, _out, _err = run(db, *BASE, "--reply-within", "4", "--priority", "2")
    assert code == 0
    engine = open_database(db)
    with Session(engine) as session:
        assert len(session.exec(select(Callback)).all()) == 1
    engine.dispose()


def test_recorder_by_name(db: str) -> None:
    code, _out, _err = run(db, *BASE, "--recorder", "王丽")
    assert code == 0
    code, _out, err = run(db, *BASE, "--recorder", "无名")
    assert code == 2 and "无名" in err and err.count("\n") == 1


def test_a_disabled_staff_member_cannot_be_the_recorder(db: str) -> None:
    from desk.models import Staff

    engine = open_database(db)
    with session_scope(engine) as session:
        create_staff(session, name="孙小美", role=Role.RECEPTIONIST, pin="1234")
        gone = session.exec(select(Staff).where(Staff.name == "孙小美")).one()
        gone.active = False
        session.add(gone)
    engine.dispose()
    code, _out, err = run(db, *BASE, "--recorder", "孙小美")
    assert code == 2 and "孙小美 已停用" in err and err.count("\n") == 1
    assert stored(db) == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--priority", "huge"), "huge"),
        (("--category", "gossip"), "gossip"),
        (("--at", "yesterday"), "09:05"),
        (("--at", "25:00"), "没有这个时刻：25:00"),
        (("--at", "2026-02-30 10:00"), "没有这一天：2026-02-30"),
        (("--at", "2026-13-01 10:00"), "没有这一天：2026-13-01"),
        (("--at", "2099-01-01 10:00"), "晚于现在"),
        (("--number", "12ab"), "电话号码"),
        (("--caller", " "), "来电人"),
        (("--content", ""), "主要内容"),
        (("--reply-within", "0"), "小时"),
    ],
)
def test_bad_values_give_one_line_and_status_2(
    db: str, args: tuple[str, ...], fragment: str
) -> None:
    code, out, err = run(db, *BASE, *args)
    assert code == 2 and out == ""
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err
    assert stored(db) == []


def test_several_staff_need_a_recorder(db: str) -> None:
    engine = open_database(db)
    with session_scope(engine) as session:
        create_staff(session, name="李娜", role=Role.RECEPTIONIST, pin="1234")
    engine.dispose()
    code, _out, err = run(db, *BASE)
    assert code == 2 and "--recorder" in err
