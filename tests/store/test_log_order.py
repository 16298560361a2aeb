"""The call log is ordered by the time a call came in (newest first), not by when it was
typed in, and pages by (received_at, id) on the time index."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from desk.models import Role
from desk.session_info import SignedIn
from desk.store import search
from desk.store.engine import is_sqlite, session_scope
from desk.store.search import LogFilter, call_count, call_page
from desk.store.staff import create_staff
from tests.calls_helper import add_call


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    """An administrator 王丽."""
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))


@pytest.fixture(params=["sorted", "by_id", "walked"])
def strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every way SQLite reads a page: few matches read whole and sorted by time; many search
    hits read in id order a chunk at a time; many calls found by walking the time index
    (forced here by thresholds of nothing, and no chunk allowed for the walk)."""
    if request.param != "sorted":
        monkeypatch.setattr(search, "FEW_HITS", 0)
        monkeypatch.setattr(search, "FEW_CALLS", 0)
    if request.param == "walked":
        monkeypatch.setattr(search, "MAX_CHUNKS", 0)
    return str(request.param)


def _ids(engine: Engine, **filters: object) -> list[int]:
    with session_scope(engine) as session:
        log_filter = LogFilter(**filters)  # type: ignore[arg-type]
        rows = call_page(session, log_filter=log_filter)
        assert call_count(session, log_filter=log_filter) == len(rows)
    return [r.id for r in rows]


def test_a_call_logged_late_sorts_by_its_own_time(
    engine: Engine, clerk: SignedIn, strategy: str
) -> None:
    """`desk call add --at` an older time, or a correction of an old call, goes where its
    time puts it: below the newer calls, in the plain list, each filter and each search."""
    common = {"recorder_id": clerk.id, "org": "兰州市第一医院", "number_raw": "0931-8942000"}
    newest = add_call(engine, minutes=60, priority=1, status="routed", **common)
    middle = add_call(engine, minutes=30, priority=1, status="routed", **common)
    late_but_old = add_call(engine, minutes=-600, priority=1, status="routed", **common)
    same_time_later = add_call(engine, minutes=30, priority=1, status="routed", **common)
    expected = [newest, same_time_later, middle, late_but_old]
    assert _ids(engine) == expected
    for filters in (
        {"priority": 1},
        {"status": "routed"},
        {"open_only": True},
        {"recorder_id": clerk.id},
        {"received_from": datetime(2026, 11, 23, tzinfo=UTC)},
    ):
        assert _ids(engine, **filters) == expected, filters
    for text in ("兰州", "lzs", "8942", "0931-8942000"):
        assert _ids(engine, text=text, area_code="0931") == expected, text
    assert _ids(engine, text="兰州", priority=1, status="routed") == expected


@pytest.mark.parametrize("text", ["", "医院"])
def test_keyset_pages_through_equal_times_both_ways(
    engine: Engine, clerk: SignedIn, strategy: str, text: str
) -> None:
    """Calls at one same minute are paged by id, and calls typed in out of time order go
    where their times put them: no call is lost or shown twice, down from the top, up from
    a page's first call, and from the oldest end, a page of 2 or 3 at a time."""
    minutes = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, -50, 90, 2, -5, 1, 1]
    ids = [add_call(engine, recorder_id=clerk.id, minutes=m) for m in minutes]
    expected = [i for _m, i in sorted(zip(minutes, ids, strict=True), reverse=True)]
    log_filter = LogFilter(text=text)
    with Session(engine) as session:
        for size in (2, 3):
            walked: list[search.LogRow] = []
            while True:
                after = walked[-1].key if walked else None
                page = call_page(session, log_filter=log_filter, after=after, limit=size)
                walked += page
                if len(page) < size:
                    break
            assert [r.id for r in walked] == expected, size
            upward = call_page(session, log_filter=log_filter, last=True, limit=size)
            while len(upward) < len(expected):
                above = call_page(session, log_filter=log_filter, before=upward[0].key, limit=size)
                upward = above + upward
            assert [r.id for r in upward] == expected, size


@pytest.mark.parametrize(
    "log_filter",
    [LogFilter(), LogFilter(priority=2), LogFilter(status="archived"), LogFilter(recorder_id=1)],
    ids=["plain", "priority", "status", "recorder"],
)
def test_sqlite_pages_walk_the_time_index(
    engine: Engine, clerk: SignedIn, log_filter: LogFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a page is read from ix_call_received_at, newest first, with no sort of all
    the calls and no OFFSET: the first page and the next ones stay quick on a million calls."""
    if not is_sqlite(engine):
        pytest.skip("SQLite's query plan")
    monkeypatch.setattr(search, "FEW_CALLS", 0)  # as when a filter selects many calls
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "ORDER BY" in statement:
            statements.append((statement, parameters))

    add_call(engine, recorder_id=clerk.id)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with Session(engine) as session:
            call_page(session, log_filter=log_filter)
            call_page(session, log_filter=log_filter, after=(datetime(2030, 1, 1, tzinfo=UTC), 9))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(statements) == 2
    for statement, parameters in statements:
        assert "OFFSET" not in statement or parameters[-1] == 0  # type: ignore[index]
        with engine.connect() as connection:
            plan = " | ".join(
                row[3]
                for row in connection.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {statement}",
                    parameters,  # type: ignore[arg-type]
                )
            )
        assert "USING INDEX ix_call_received_at" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
