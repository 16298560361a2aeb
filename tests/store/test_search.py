"""The call log's search box and filters, and its paging order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from desk.models import Call, Role
from desk.session_info import SignedIn
from desk.store.demo import fill_demo
from desk.store.engine import session_scope
from desk.store.search import LogFilter, call_count, call_page, fts_match
from desk.store.staff import create_staff
from tests.calls_helper import add_call, add_department


@pytest.fixture
def calls(engine: Engine) -> dict[str, int]:
    """A few calls that differ in organisation, caller, content and number."""
    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
        other = SignedIn.of(create_staff(session, name="李娜", role=Role.ADMIN, pin="1234"))
    dept = add_department(engine, "外科")
    ids = {
        "lanzhou": add_call(
            engine,
            recorder_id=clerk.id,
            org="兰州市第一人民医院",
            caller="赵敏",
            content="咨询骨科专家门诊",
            number_raw="0931-8942000",
            minutes=1,
        ),
        "beijing": add_call(
            engine,
            recorder_id=clerk.id,
            org="北京协和医院",
            caller="钱多多",
            content="投诉候诊时间过长",
            number_raw="138 1234 5678",
            priority=1,
            category="complaint",
            minutes=2,
        ),
        "shop": add_call(
            engine,
            recorder_id=other.id,
            org="天天便利店",
            caller="孙兰",
            content="报修空调，CT室漏水",
            number_raw="13900001111",
            department_id=dept,
            status="routed",
            minutes=3,
        ),
    }
    return ids


def _ids(engine: Engine, **filters: object) -> list[int]:
    with session_scope(engine) as session:
        rows = call_page(session, log_filter=LogFilter(**filters))  # type: ignore[arg-type]
        assert call_count(session, log_filter=LogFilter(**filters)) == len(rows)  # type: ignore[arg-type]
    return [r.id for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("兰州", ["lanzhou"]),
        ("兰", None),
        ("第一人民", ["lanzhou"]),
        ("医院", ["beijing", "lanzhou"]),
        ("钱多", ["beijing"]),
        ("候诊时间", ["beijing"]),
        ("专家 骨科", ["lanzhou"]),
        ("孙兰", ["shop"]),
        ("ct室", ["shop"]),
        ("lzs", ["lanzhou"]),
        ("bjxh", ["beijing"]),
        ("qdd", ["beijing"]),
        ("8942", ["lanzhou"]),
        ("1234", ["beijing"]),
        ("138-1234", ["beijing"]),
        ("0000111", ["shop"]),
        ("兰州医院", []),
        ('"医院', ["beijing", "lanzhou"]),
    ],
)
def test_search_kinds(engine: Engine, calls: dict[str, int], text: str, expected) -> None:
    if expected is None:
        assert fts_match(text) is None
        assert _ids(engine, text=text) == []
        return
    assert _ids(engine, text=text) == [calls[k] for k in expected]


def test_search_with_filters(engine: Engine, calls: dict[str, int]) -> None:
    assert _ids(engine, text="医院", priority=1) == [calls["beijing"]]
    assert _ids(engine, category="complaint") == [calls["beijing"]]
    assert _ids(engine, status="routed") == [calls["shop"]]
    with session_scope(engine) as session:
        call = session.get(Call, calls["shop"])
        assert call is not None
        dept, recorder = call.department_id, call.recorder_id
    assert _ids(engine, department_id=dept) == [calls["shop"]]
    assert _ids(engine, recorder_id=recorder) == [calls["shop"]]
    start = datetime(2026, 11, 24, 1, 2, tzinfo=UTC)
    assert _ids(engine, received_from=start) == [calls["shop"], calls["beijing"]]
    assert _ids(engine, received_to=start) == [calls["lanzhou"]]


def test_search_syntax_in_the_box_is_plain_text(engine: Engine, calls: dict[str, int]) -> None:
    assert _ids(engine, text="[b]医院[/b]") == [calls["beijing"], calls["lanzhou"]]
    assert _ids(engine, text="OR 医院") == []
    assert _ids(engine, text="医院 NEAR(") == []


def test_paging_is_newest_first_and_keyset(engine: Engine) -> None:
    fill_demo(engine, calls=450, orgs=20, now=datetime(2026, 11, 24, tzinfo=UTC))
    with Session(engine) as session:
        first = call_page(session, log_filter=LogFilter())
        second = call_page(session, log_filter=LogFilter(), after=first[-1].key)
        by_offset = call_page(session, log_filter=LogFilter(), offset=100)
        total = call_count(session, log_filter=LogFilter())
    keys = [r.key for r in first + second]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 200
    assert [r.id for r in by_offset] == [r.id for r in second]
    assert total == 450
    assert first[0].recorder and first[0].content


def test_demo_calls_are_indexed_and_triggers_come_back(engine: Engine) -> None:
    fill_demo(engine, calls=300, orgs=10, now=datetime(2026, 11, 24, tzinfo=UTC))
    with Session(engine) as session:
        sample = session.get(Call, 150)
        assert sample is not None
        org = sample.org
    hits = _ids(engine, text=org[1:3])
    assert 150 in hits
    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="新人", role=Role.ADMIN, pin="1234"))
    new = add_call(engine, recorder_id=clerk.id, org="独一无二卫生院")
    assert _ids(engine, text="无二卫") == [new]


def test_change_marker_moves_when_another_desk_saves(engine: Engine, db_url: str) -> None:
    from desk.store.engine import make_engine
    from desk.store.search import change_marker

    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
        before = change_marker(session)
    other_desk = make_engine(db_url)
    add_call(other_desk, recorder_id=clerk.id)
    other_desk.dispose()
    with session_scope(engine) as session:
        assert change_marker(session) != before


def test_search_migration_goes_down_and_up(engine: Engine, db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from desk.store.engine import alembic_config, make_engine, upgrade

    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
    add_call(engine, recorder_id=clerk.id, org="兰州市第一医院")
    engine.dispose()
    migrator = make_engine(db_url, foreign_keys=False)
    with migrator.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        assert "call_fts" not in inspect(connection).get_table_names()
    migrator.dispose()
    upgrade(db_url, "head")
    assert _ids(engine, text="兰州") == [1]
