"""The demo's bulk load: search index, organisation list, triggers and settings after it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, func, select

from desk.models import Call, CallOrg, Role
from desk.session_info import SignedIn
from desk.store.demo import fill_demo
from desk.store.demo_bulk import Phases, stamp_texts
from desk.store.engine import session_scope, sqlite_path
from desk.store.search import LogFilter, call_page
from desk.store.staff import create_staff
from tests.calls_helper import add_call

NOW = datetime(2026, 11, 24, tzinfo=UTC)
CALL_TRIGGERS = {
    "call_org_after_insert",
    "call_org_after_update",
    "call_fts_ai",
    "call_fts_ad",
    "call_fts_au",
}


def _ids(engine: Engine, query: str) -> list[int]:
    with Session(engine) as session:
        return [r.id for r in call_page(session, log_filter=LogFilter(text=query), limit=10_000)]


def _schema(engine: Engine) -> dict[str, set[str]]:
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT type, name FROM sqlite_master WHERE tbl_name = 'call' AND sql IS NOT NULL"
        ).all()
    found: dict[str, set[str]] = {"index": set(), "trigger": set()}
    for kind, name in rows:
        found.setdefault(kind, set()).add(name)
    return found


def _org_list_matches_calls(engine: Engine) -> None:
    with Session(engine) as session:
        expected = session.exec(
            select(Call.org, func.count(), func.max(Call.received_at)).group_by(Call.org)
        ).all()
        kept = session.exec(select(CallOrg.org, CallOrg.calls, CallOrg.last_call_at)).all()
    assert sorted(kept) == sorted(expected)


def test_stamp_texts_match_sqlite() -> None:
    stamps = [0, 1_764_000_000, 1_764_000_059, 1_764_086_399, None]
    with sqlite3.connect(":memory:") as connection:
        expected = [
            connection.execute(
                "SELECT strftime('%Y-%m-%d %H:%M:%S.000000', ?, 'unixepoch')", (s,)
            ).fetchone()[0]
            for s in stamps
        ]
    assert stamp_texts(stamps) == expected


def test_fresh_sqlite_load_leaves_a_working_database(sqlite_engine: Engine) -> None:
    before = _schema(sqlite_engine)
    phases = Phases()
    counts = fill_demo(sqlite_engine, calls=2_000, orgs=30, now=NOW, phases=phases)
    assert counts["calls"] == 2_000
    assert {"make rows", "insert rows", "indexes", "search index"} <= set(phases)
    assert _schema(sqlite_engine) == before
    assert CALL_TRIGGERS <= before["trigger"]
    _org_list_matches_calls(sqlite_engine)
    with Session(sqlite_engine) as session:
        sample = session.get(Call, 1234)
        assert sample is not None
        org, content, number = sample.org, sample.content, sample.number_raw
        assert sample.desk == "demo" and sample.created_at == sample.received_at
    assert 1234 in _ids(sqlite_engine, org[1:3])
    assert 1234 in _ids(sqlite_engine, content[2:5])
    assert 1234 in _ids(sqlite_engine, number[-7:])
    # The engine's settings are back: WAL on the file, FULL sync on every connection.
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        config = connection.exec_driver_sql("SELECT k FROM call_fts_config").scalars().all()
    assert "hashsize" not in config


def test_triggers_work_after_the_load(sqlite_engine: Engine) -> None:
    fill_demo(sqlite_engine, calls=500, orgs=10, now=NOW)
    with session_scope(sqlite_engine) as session:
        clerk = SignedIn.of(create_staff(session, name="新人", role=Role.ADMIN, pin="1234"))
        old = session.get(Call, 77)
        assert old is not None
        old_org, old_content = old.org, old.content
    new = add_call(sqlite_engine, recorder_id=clerk.id, org="独一无二卫生院", content="咨询门诊")
    assert _ids(sqlite_engine, "无二卫") == [new]
    with Session(sqlite_engine) as session:
        kept = session.get(CallOrg, "独一无二卫生院")
        assert kept is not None and kept.calls == 1
    _org_list_matches_calls(sqlite_engine)
    # The update trigger takes out the terms the bulk load put in: they must be the same.
    with sqlite_engine.begin() as connection:
        connection.execute(
            text("UPDATE call SET org = '别的单位', content = '另外的事' WHERE id = 77")
        )
    assert 77 not in _ids(sqlite_engine, old_org)
    assert 77 not in _ids(sqlite_engine, old_content)
    assert 77 in _ids(sqlite_engine, "另外的事")


def test_a_second_load_adds_to_the_first(engine: Engine) -> None:
    fill_demo(engine, calls=300, orgs=10, now=NOW)
    fill_demo(engine, calls=200, orgs=10, now=NOW, seed=8)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Call)).one() == 500
        first, last = session.get(Call, 1), session.get(Call, 500)
        assert first is not None and last is not None
        assert session.exec(select(func.sum(CallOrg.calls))).one() == 500
    assert 1 in _ids(engine, first.org)
    assert 500 in _ids(engine, last.org)
    _org_list_matches_calls(engine)


def test_same_seed_same_calls(tmp_path: Path) -> None:
    from desk.store.engine import open_database

    rows = []
    for name in ("a.db", "b.db"):
        engine = open_database(f"sqlite:///{tmp_path / name}")
        fill_demo(engine, calls=200, orgs=10, now=NOW)
        with engine.connect() as connection:
            rows.append(connection.exec_driver_sql("SELECT * FROM call ORDER BY id").all())
        engine.dispose()
    assert rows[0] == rows[1] and len(rows[0]) == 200


def test_load_waits_in_wal_when_another_connection_is_open(sqlite_engine: Engine) -> None:
    path = sqlite_path(sqlite_engine.url.render_as_string())
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)  # idle, as another desk's pool keeps it
    try:
        assert other.execute("SELECT count(*) FROM call").fetchone() == (0,)
        fill_demo(sqlite_engine, calls=300, orgs=10, now=NOW)
        assert other.execute("SELECT count(*) FROM call").fetchone() == (300,)
    finally:
        other.close()
    assert 150 in _ids(sqlite_engine, _org_of(sqlite_engine, 150))
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def _org_of(engine: Engine, call_id: int) -> str:
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        return call.org


@pytest.mark.parametrize("calls", [1, 3])
def test_tiny_loads(sqlite_engine: Engine, calls: int) -> None:
    assert fill_demo(sqlite_engine, calls=calls, orgs=2, now=NOW)["calls"] == calls
    _org_list_matches_calls(sqlite_engine)


def test_a_failed_load_leaves_the_database_as_it_was(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.store import demo_load

    before = _schema(sqlite_engine)

    def broken(self: demo_load.SearchBuilder) -> None:
        self.error = RuntimeError("disk full")

    monkeypatch.setattr(demo_load.SearchBuilder, "run", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        fill_demo(sqlite_engine, calls=300, orgs=10, now=NOW)
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM call").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM call_org").scalar() == 0
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert _schema(sqlite_engine) == before
    monkeypatch.undo()
    fill_demo(sqlite_engine, calls=300, orgs=10, now=NOW)
    assert 150 in _ids(sqlite_engine, _org_of(sqlite_engine, 150))


def test_demo_numbers_are_stored_as_the_forms_store_them(engine: Engine) -> None:
    """The call entry and `desk call add` keep the shown form (138 1234 5678) beside E.164;
    the demo's calls look the same, so the log and the search treat them alike."""
    from desk.rules.phone import parse_phone

    fill_demo(engine, calls=200, orgs=10, now=NOW)
    with Session(engine) as session:
        rows = session.exec(select(Call.number_raw, Call.number_e164).limit(50)).all()
    assert rows
    for shown, e164 in rows:
        phone = parse_phone(shown)
        assert (phone.display, phone.e164) == (shown, e164)
    digits = rows[0][1][-7:]
    assert _ids(engine, digits)  # a run of digits still finds the call


def test_demo_visits_and_follow_up_people_have_numbers_the_panel_finds(engine: Engine) -> None:
    """Their E.164 once kept the shown spaces (+86184 6612 3904), so the caller panel, which
    looks numbers up by E.164, missed every demo visitor."""
    from desk.models import FollowupSubject, Visit
    from desk.rules.phone import parse_phone

    fill_demo(engine, calls=20, visits=20, subjects=20, orgs=10, now=NOW)
    with Session(engine) as session:
        visits = session.exec(select(Visit.number_raw, Visit.number_e164)).all()
        people = session.exec(select(FollowupSubject.phone_raw, FollowupSubject.phone_e164)).all()
    assert visits and people
    for shown, e164 in [*visits, *people]:
        assert parse_phone(shown).e164 == e164


def test_demo_open_work_is_recent(engine: Engine) -> None:
    """Every demo call older than a month has been told its answer; the queue holds the
    last month's work only, as at a real desk."""
    from desk.models import OPEN_STATUSES

    fill_demo(engine, calls=3_000, orgs=20, now=NOW)
    month_ago = datetime(2026, 10, 24, tzinfo=UTC)
    with Session(engine) as session:
        open_calls = session.exec(
            select(Call.received_at).where(col(Call.status).in_(list(OPEN_STATUSES)))
        ).all()
    assert open_calls
    assert all(_aware(received) >= month_ago for received in open_calls)


def test_only_matters_involving_leaders_await_an_instruction(engine: Engine) -> None:
    fill_demo(engine, calls=3_000, orgs=20, now=NOW)
    with Session(engine) as session:
        pairs = set(session.exec(select(Call.category, Call.status)).all())
    waiting = {category for category, status in pairs if status == "awaiting_instruction"}
    assert waiting <= {"involves_leader"}
    assert ("involves_leader", "routed") not in pairs


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
