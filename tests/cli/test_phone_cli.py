"""Phone numbers on the command line: short numbers, stored form, full-width search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from desk.cli.root import build_app
from desk.models import Call, Role
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


def desk(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), ["--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


def add(db: str, number: str, org: str = "第一医院") -> tuple[int, str, str]:
    return desk(
        db, "call", "add", "--org", org, "--caller", "张三", "--content", "咨询", "--number", number
    )


def stored(db: str) -> list[tuple[str, str | None, str | None]]:
    engine = open_database(db)
    try:
        with Session(engine) as session:
            calls = session.exec(select(Call).order_by(Call.id))
            return [(c.number_raw, c.number_e164, c.number_ext) for c in calls]
    finally:
        engine.dispose()


@pytest.mark.parametrize("number", ["110", "120", "119", "12345", "95555", "１２０"])
def test_real_service_numbers_are_accepted(db: str, number: str) -> None:
    code, _out, err = add(db, number)
    assert (code, err) == (0, "")


def test_made_up_short_numbers_are_refused_with_one_message(db: str) -> None:
    errors = set()
    for number in ("123", "1234"):
        code, _out, err = add(db, number)
        assert code == 2
        errors.add(err)
    assert len(errors) == 1
    assert "电话号码位数不够" in errors.pop()
    assert stored(db) == []


def test_the_number_is_stored_as_shown(db: str) -> None:
    for number in ("13812345678", "138-1234-5678", "１３８１２３４５６７８", "0931-8942000转123"):
        assert add(db, number)[0] == 0
    mobile = ("138 1234 5678", "+8613812345678", None)
    assert stored(db) == [mobile, mobile, mobile, ("0931-8942000 转123", "+869318942000", "123")]


@pytest.mark.parametrize(
    ("search", "orgs"),
    [
        ("１３８１２", ["第一医院"]),
        ("１３８　１２３４　５６７８", ["第一医院"]),
        ("８９４２０００", ["天天便利店"]),
        ("０９３１－８９４", ["天天便利店"]),
    ],
)
def test_call_list_searches_full_width_digits(db: str, search: str, orgs: list[str]) -> None:
    assert add(db, "13812345678")[0] == 0
    assert add(db, "0931-8942000转123", org="天天便利店")[0] == 0
    code, out, err = desk(db, "call", "list", "--search", search, "--json")
    assert (code, err) == (0, "")
    assert [row["org"] for row in json.loads(out)] == orgs


@pytest.mark.parametrize(
    ("search", "orgs"),
    [
        ("+8613812345678", ["第一医院"]),
        ("+86 138 1234 5678", ["第一医院"]),
        ("0931-8942000转123", ["天天便利店"]),
        ("0931-8942000 ext 123", ["天天便利店"]),
        ("0931-8942000", ["兰州分店", "天天便利店"]),
    ],
)
def test_call_list_finds_a_whole_number_however_typed(
    db: str, search: str, orgs: list[str]
) -> None:
    assert add(db, "13812345678")[0] == 0
    assert add(db, "0931-8942000转123", org="天天便利店")[0] == 0
    assert add(db, "0931-8942000", org="兰州分店")[0] == 0
    code, out, err = desk(db, "call", "list", "--search", search, "--json")
    assert (code, err) == (0, "")
    assert [row["org"] for row in json.loads(out)] == orgs
