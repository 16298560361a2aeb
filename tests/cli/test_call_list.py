"""`desk call list`: search, open only, limit, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from desk.cli.root import build_app
from desk.models import Role
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import create_staff
from tests.calls_helper import add_call


def _run(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        build_app(), ["--db", str(tmp_path / "desk.db"), "call", "list", *args]
    )


def _fill(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
    return {
        "old": add_call(engine, recorder_id=clerk.id, org="兰州市第一医院", caller="[b]赵敏[/b]"),
        "new": add_call(
            engine,
            recorder_id=clerk.id,
            org="北京协和医院",
            priority=1,
            category="complaint",
            status="archived",
            minutes=5,
        ),
    }


def test_list_json_newest_first(tmp_path: Path, sqlite_engine: Engine) -> None:
    ids = _fill(sqlite_engine)
    result = _run(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [ids["new"], ids["old"]]
    assert rows[0] | {"id": 0} == {
        "id": 0,
        "time": "2026-11-24 09:05",
        "org": "北京协和医院",
        "caller": "张三",
        "content": "咨询专家门诊时间",
        "number": "13812345678",
        "recorder": "王丽",
        "priority": "urgent",
        "category": "complaint",
        "status": "archived",
        "department": None,
        "corrects_id": None,
    }


def test_list_search_open_limit(tmp_path: Path, sqlite_engine: Engine) -> None:
    ids = _fill(sqlite_engine)
    assert [r["id"] for r in json.loads(_run(tmp_path, "--open", "--json").output)] == [ids["old"]]
    found = json.loads(_run(tmp_path, "--search", "lzs", "--json").output)
    assert [r["id"] for r in found] == [ids["old"]]
    assert len(json.loads(_run(tmp_path, "--limit", "1", "--json").output)) == 1
    text = _run(tmp_path, "--search", "兰州")
    assert text.exit_code == 0
    assert "[b]赵敏[/b]" in text.output and "已登记" in text.output and "缓" in text.output


def test_list_refuses_a_one_character_search(tmp_path: Path, sqlite_engine: Engine) -> None:
    _fill(sqlite_engine)
    result = _run(tmp_path, "--search", "兰")
    assert result.exit_code == 2
    assert "2" in result.output
