"""Insert calls straight into the table for store and UI tests (no entry form needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from desk.models import Call, Department
from desk.rules.pinyin import initials
from desk.store.engine import session_scope


def add_call(engine: Engine, *, recorder_id: int, minutes: int = 0, **values: Any) -> int:
    """Add one call received `minutes` after 2026-11-24 09:00 Shanghai; returns its id."""

    data: dict[str, Any] = {
        "received_at": datetime(2026, 11, 24, 1, 0, tzinfo=UTC) + timedelta(minutes=minutes),
        "org": "第一医院",
        "caller": "张三",
        "content": "咨询专家门诊时间",
        "number_raw": "13812345678",
        "number_e164": "+8613812345678",
    }
    data.update(values)
    data["org_initials"] = initials(data["org"])
    data["caller_initials"] = initials(data["caller"])
    with session_scope(engine) as session:
        call = Call(recorder_id=recorder_id, **data)
        session.add(call)
        session.flush()
        assert call.id is not None
        return call.id


def add_department(engine: Engine, name: str = "内科") -> int:
    """Add a department; returns its id."""
    with session_scope(engine) as session:
        department = Department(name=name)
        session.add(department)
        session.flush()
        assert department.id is not None
        return department.id


def shown(widget: object) -> str:
    """The text a Static shows, whatever it holds (Content, Text or a Rich table)."""
    import io

    from rich.console import Console

    content = widget.content  # type: ignore[attr-defined]
    console = Console(width=300, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(content if not hasattr(content, "plain") else content.plain)
    return capture.get()


async def settle(app: object, pilot: object, rounds: int = 3) -> None:
    """Wait for the app's workers and let the screen update (a superseded worker is fine)."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        try:
            await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        except WorkerCancelled:
            pass
        await pilot.pause()  # type: ignore[attr-defined]
    # A table sizes its columns to new rows when its own messages run out (DataTable._on_idle);
    # on a loaded machine that can come after the app's pause: wait for it, then draw.
    from textual.widgets import DataTable

    for _ in range(40):
        tables = app.screen.query(DataTable)  # type: ignore[attr-defined]
        if not any(t._require_update_dimensions or t._updated_cells for t in tables):
            break
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
