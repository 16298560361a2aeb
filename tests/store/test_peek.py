"""The read-only look at a desk SQLite file (desk.store.peek) answers as the store does, or
leaves the question to the store; and it never writes."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from desk.models import Department, Role, Staff
from desk.store.calls import entry_choices
from desk.store.drafts import load_draft, save_draft
from desk.store.engine import open_database, session_scope
from desk.store.errors import ValidationError
from desk.store.peek import Peek, sqlite_file
from desk.store.staff import authenticate, confirm_sign_in, create_staff, list_staff
from desk.store.staff_admin import disable_staff, reset_pin
from tests.conftest import FROZEN_NOW


@pytest.fixture
def staffed(sqlite_engine: Engine) -> Engine:
    """Three staff (one disabled), two departments."""
    with session_scope(sqlite_engine) as session:
        create_staff(session, name="王丽", role=Role.ADMIN, pin="1234")
        create_staff(session, name="李娜", role=Role.RECEPTIONIST, pin="5678")
        gone = create_staff(session, name="张敏", role=Role.RECEPTIONIST, pin="1111")
        session.add(Department(name="内科"))
        session.add(Department(name="外科"))
        session.flush()
        assert gone.id is not None
        disable_staff(session, actor=None, staff_id=gone.id)
    return sqlite_engine


def staff_id(engine: Engine, name: str) -> int:
    with session_scope(engine) as session:
        found = session.exec(select(Staff).where(Staff.name == name)).one()
        assert found.id is not None
        return found.id


def test_a_plain_sqlite_url_names_its_file() -> None:
    assert sqlite_file("sqlite:////srv/desk/desk.db") == Path("/srv/desk/desk.db")
    assert sqlite_file("sqlite:///desk.db") == Path("desk.db")
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("sqlite:///desk.db?mode=ro") is None
    assert sqlite_file("postgresql+psycopg://u@h/desk") is None
    assert sqlite_file("sqlite:////srv/a%20b.db") == Path("/srv/a b.db")  # as SQLAlchemy


def test_the_names_are_the_stores(staffed: Engine, sqlite_url: str) -> None:
    peek = Peek.open(sqlite_url)
    assert peek is not None
    with session_scope(staffed) as session:
        listed = [(s.id, s.name) for s in list_staff(session, include_disabled=False)]
    assert peek.staff_names() == listed
    assert [name for _id, name in listed] == ["李娜", "王丽"]
    assert peek.staff_count() == 3


def test_a_right_pin_signs_in_and_anything_else_is_the_stores_to_say(
    staffed: Engine, sqlite_url: str
) -> None:
    peek = Peek.open(sqlite_url)
    assert peek is not None
    wang = staff_id(staffed, "王丽")
    found = peek.sign_in(staff_id=wang, pin="1234", now=FROZEN_NOW)
    assert found is not None and found.staff.name == "王丽" and found.staff.role == Role.ADMIN
    assert peek.sign_in(staff_id=wang, pin="9999", now=FROZEN_NOW) is None
    assert peek.sign_in(staff_id=staff_id(staffed, "张敏"), pin="1111", now=FROZEN_NOW) is None
    assert peek.sign_in(staff_id=9999, pin="1234", now=FROZEN_NOW) is None


def test_a_locked_name_is_the_stores_to_refuse(staffed: Engine, sqlite_url: str) -> None:
    wang = staff_id(staffed, "王丽")
    for _ in range(5):
        with session_scope(staffed) as session, pytest.raises(ValidationError):
            authenticate(session, staff_id=wang, pin="0000", now=FROZEN_NOW)
    peek = Peek.open(sqlite_url)
    assert peek is not None
    assert peek.sign_in(staff_id=wang, pin="1234", now=FROZEN_NOW) is None
    later = FROZEN_NOW + timedelta(minutes=6)  # the lock has run out
    assert peek.sign_in(staff_id=wang, pin="1234", now=later) is not None


def test_the_store_records_a_looked_at_sign_in_unless_the_pin_changed(
    staffed: Engine, sqlite_url: str
) -> None:
    peek = Peek.open(sqlite_url)
    assert peek is not None
    wang = staff_id(staffed, "王丽")
    found = peek.sign_in(staff_id=wang, pin="1234", now=FROZEN_NOW)
    assert found is not None
    with session_scope(staffed) as session:
        confirm_sign_in(
            session, staff_id=wang, pin_hash=found.pin_hash, role=Role.ADMIN, now=FROZEN_NOW
        )
    with sqlite3.connect(sqlite_file(sqlite_url)) as connection:  # type: ignore[arg-type]
        actions = [row[0] for row in connection.execute("SELECT action FROM audit_event")]
    assert actions.count("sign_in") == 1
    with session_scope(staffed) as session, pytest.raises(ValidationError, match="重新登录"):
        confirm_sign_in(  # read as a receptionist: the role changed meanwhile
            session, staff_id=wang, pin_hash=found.pin_hash, role=Role.RECEPTIONIST
        )
    with session_scope(staffed) as session:
        reset_pin(session, actor=None, staff_id=wang, pin="4321")
    with session_scope(staffed) as session, pytest.raises(ValidationError, match="PIN"):
        confirm_sign_in(
            session, staff_id=wang, pin_hash=found.pin_hash, role=Role.ADMIN, now=FROZEN_NOW
        )


def test_pick_lists_are_the_stores_unless_a_department_is_to_be_added(
    staffed: Engine, sqlite_url: str
) -> None:
    peek = Peek.open(sqlite_url)
    assert peek is not None
    with session_scope(staffed) as session:
        expected = entry_choices(session, department_names=("内科",))
    assert peek.entry_choices(department_names=("内科",)) == expected
    assert peek.entry_choices(department_names=("内科", "儿科")) is None


def test_a_draft_at_this_desk_is_the_stores(staffed: Engine, sqlite_url: str) -> None:
    peek = Peek.open(sqlite_url)
    assert peek is not None
    wang = staff_id(staffed, "王丽")
    key = {"desk": "host:/dev/pts/3", "form": "call", "staff_id": wang}
    assert peek.draft(**key, machine="host") is not None
    assert peek.draft(**key, machine="host").draft is None  # type: ignore[union-attr]
    with session_scope(staffed) as session:
        save_draft(session, payload={"org": "第一医院", "caller": "[bold]x"}, **key)
    with session_scope(staffed) as session:
        expected = load_draft(session, machine="host", **key)
    found = peek.draft(**key, machine="host")
    assert found is not None and found.draft == expected


def test_a_draft_at_another_terminal_is_the_stores_to_move(
    staffed: Engine, sqlite_url: str
) -> None:
    wang = staff_id(staffed, "王丽")
    with session_scope(staffed) as session:
        save_draft(session, desk="host:/dev/pts/1", form="call", staff_id=wang, payload={"a": 1})
    peek = Peek.open(sqlite_url)
    assert peek is not None
    here = {"desk": "host:/dev/pts/3", "form": "call", "staff_id": wang}
    assert peek.draft(**here, machine="host") is None
    assert peek.draft(**here, machine="HOST") is None  # the store matches it with LIKE
    assert peek.draft(**here, machine=None) is not None  # DESK_ID: this desk only


def test_another_revision_or_anything_not_ours_is_left_to_the_store(
    tmp_path: Path, sqlite_url: str, staffed: Engine
) -> None:
    assert Peek.open(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    assert Peek.open(f"sqlite:///{other}") is None
    text = tmp_path / "text.db"
    text.write_text("hello")
    assert Peek.open(f"sqlite:///{text}") is None
    path = sqlite_file(sqlite_url)
    assert path is not None
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    assert Peek.open(sqlite_url) is None


def test_looking_writes_nothing(staffed: Engine, sqlite_url: str) -> None:
    staffed.dispose()
    path = sqlite_file(sqlite_url)
    assert path is not None
    before = {p.name: p.read_bytes() for p in path.parent.glob("desk.db*")}
    peek = Peek.open(sqlite_url)
    assert peek is not None
    wang = staff_id(open_database(sqlite_url), "王丽")
    after_open = {p.name: p.read_bytes() for p in path.parent.glob("desk.db*")}
    peek.staff_names()
    peek.sign_in(staff_id=wang, pin="0000", now=FROZEN_NOW)  # a wrong PIN is not counted here
    peek.entry_choices(department_names=("儿科",))
    peek.draft(desk="d", form="call", staff_id=wang, machine="host")
    assert {p.name: p.read_bytes() for p in path.parent.glob("desk.db*")} == after_open
    assert set(before) <= set(after_open)


def test_a_file_another_program_keeps_locked_is_the_stores_to_wait_for(
    staffed: Engine, sqlite_url: str
) -> None:
    path = sqlite_file(sqlite_url)
    assert path is not None and Peek.open(sqlite_url) is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert Peek.open(sqlite_url) is None  # the card says the database is busy
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert Peek.open(sqlite_url) is not None
