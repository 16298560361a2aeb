"""A person's draft is found again at any terminal of the same computer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from desk.models import Draft, Role
from desk.session_info import SignedIn
from desk.store.drafts import discard_draft, load_draft, save_draft
from desk.store.engine import session_scope
from desk.store.staff import create_staff


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))


@pytest.fixture(autouse=True)
def ticking(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each draft written a minute after the one before."""
    moments = (datetime(2026, 11, 24, 1, 0, tzinfo=UTC) + timedelta(minutes=n) for n in range(99))
    monkeypatch.setattr("desk.store.drafts.utcnow", lambda: next(moments))
    yield


def _save(engine: Engine, desk: str, staff_id: int | None, payload: dict[str, object]) -> None:
    with session_scope(engine) as session:
        save_draft(session, desk=desk, form="call", staff_id=staff_id, payload=payload)


def _desks(engine: Engine) -> dict[str, object]:
    with session_scope(engine) as session:
        return {d.desk: d.payload for d in session.exec(select(Draft))}


def test_a_draft_comes_back_at_another_terminal_of_the_computer(
    engine: Engine, clerk: SignedIn
) -> None:
    _save(engine, "pc1:/dev/pts/3", clerk.id, {"org": "第一医院"})
    key = {"form": "call", "staff_id": clerk.id}
    with session_scope(engine) as session:
        assert load_draft(session, desk="pc1:/dev/pts/9", **key) is None  # no machine: exact
        assert load_draft(session, desk="pc2:/dev/pts/9", machine="pc2", **key) is None
        draft = load_draft(session, desk="pc1:/dev/pts/9", machine="pc1", **key)
    assert draft is not None and draft.payload == {"org": "第一医院"} and draft.elsewhere == 0
    assert list(_desks(engine)) == ["pc1:/dev/pts/9"]  # it moved to the new terminal
    with session_scope(engine) as session:
        discard_draft(session, desk="pc1:/dev/pts/9", **key)  # saved there: gone for good
        assert load_draft(session, desk="pc1:/dev/pts/3", machine="pc1", **key) is None


def test_the_newest_of_two_terminals_wins_and_the_other_is_kept(
    engine: Engine, clerk: SignedIn
) -> None:
    _save(engine, "pc1:/dev/pts/9", clerk.id, {"org": "旧的"})
    _save(engine, "pc1:/dev/pts/3", clerk.id, {"org": "新的"})
    key = {"form": "call", "staff_id": clerk.id, "machine": "pc1"}
    with session_scope(engine) as session:
        draft = load_draft(session, desk="pc1:/dev/pts/9", **key)
    assert draft is not None and draft.payload == {"org": "新的"} and draft.elsewhere == 1
    with session_scope(engine) as session:
        discard_draft(session, desk="pc1:/dev/pts/9", form="call", staff_id=clerk.id)
        older = load_draft(session, desk="pc1:/dev/pts/9", **key)
    assert older is not None and older.payload == {"org": "旧的"} and older.elsewhere == 0


def test_other_people_and_hosts_that_only_look_alike_are_not_taken(
    engine: Engine, clerk: SignedIn
) -> None:
    with session_scope(engine) as session:
        other = create_staff(session, name="李四", role=Role.RECEPTIONIST, pin="5678").id
    _save(engine, "pc1:/dev/pts/3", other, {"org": "李四的"})
    _save(engine, "pc1x:/dev/pts/3", clerk.id, {"org": "别的电脑"})
    _save(engine, "pc_:/dev/pts/3", clerk.id, {"org": "通配符"})
    _save(engine, "pc1:/dev/pts/4", None, {"org": "无人"})
    key = {"form": "call", "staff_id": clerk.id}
    with session_scope(engine) as session:
        assert load_draft(session, desk="pc1:/dev/pts/9", machine="pc1", **key) is None
        assert load_draft(session, desk="pca:/dev/pts/9", machine="pca", **key) is None
        anonymous = load_draft(
            session, desk="pc1:/dev/pts/9", form="call", staff_id=None, machine="pc1"
        )
    assert anonymous is None  # nobody's draft stays with its own terminal
