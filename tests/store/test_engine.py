"""The database: pragmas, migrations that keep data, refusal of foreign databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from desk.models import Call, Staff
from desk.store.engine import (
    DatabaseError,
    head_revision,
    is_sqlite,
    open_database,
    schema_state,
    upgrade,
)


def test_sqlite_pragmas(sqlite_engine) -> None:
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_fresh_database_is_at_head(engine) -> None:
    state = schema_state(engine)
    assert state.current and state.revision == head_revision()


def test_timestamps_are_aware_utc(engine) -> None:
    received = datetime(2026, 11, 24, 9, 5, tzinfo=UTC)
    with Session(engine) as session:
        staff = Staff(name="王丽", role="admin", pin_hash="x")
        session.add(staff)
        session.flush()
        session.add(Call(received_at=received, caller="张三", content="咨询", recorder_id=staff.id))
        session.commit()
    with Session(engine) as session:
        call = session.exec(select(Call)).one()
        assert call.received_at == received and call.received_at.tzinfo is not None


def test_upgrade_from_the_initial_revision_keeps_data(db_url) -> None:
    upgrade(db_url, "0001")
    engine = open_database(db_url, migrate=False) if head_revision() == "0001" else None
    from desk.store.engine import make_engine

    engine = engine or make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff (name, role, pin_hash, active, failed_pins, created_at) "
                "VALUES ('王丽', 'admin', 'x', true, 0, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO call (received_at, org, caller, content, number_raw, org_initials, "
                "caller_initials, recorder_id, priority, category, status, is_sales_lead, desk, "
                "created_at, updated_at) VALUES ('2026-01-01 01:00:00', '第一医院', '张三', "
                "'咨询门诊时间', '13812345678', 'dyyy', 'zs', 1, 1, 'consultation', 'registered', "
                "false, 'd', '2026-01-01 01:00:00', '2026-01-01 01:00:00')"
            )
        )
    engine.dispose()
    upgraded = open_database(db_url)
    with Session(upgraded) as session:
        call = session.exec(select(Call)).one()
        assert (call.org, call.caller, call.content) == ("第一医院", "张三", "咨询门诊时间")
        assert session.exec(select(Staff)).one().name == "王丽"
    assert schema_state(upgraded).current
    upgraded.dispose()


def test_newer_schema_is_refused(engine, db_url) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(db_url)


def test_backend_detection(engine, db_url) -> None:
    assert is_sqlite(engine) == db_url.startswith("sqlite")


def test_revisions_read_from_files_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from desk.store.engine import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    head, known = known_revisions()
    assert head == scripts.get_current_head()
    assert known == {script.revision for script in scripts.walk_revisions()}


def test_start_does_not_import_alembic_or_pypinyin(tmp_path) -> None:
    """Both take a noticeable part of a second; the app loads them only when needed."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    open_database(url).dispose()
    probe = (
        "import sys\n"
        "from desk.store.engine import open_database\n"
        "import desk.app\n"
        f"open_database({url!r})\n"
        "print(sorted(m for m in ('alembic', 'pypinyin') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
