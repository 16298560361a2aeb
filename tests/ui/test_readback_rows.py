"""The read-back block says the promise with its unit, and a sales lead when ticked."""

from __future__ import annotations

from datetime import UTC, datetime

from desk.dialogs.readback import readback_dialog
from desk.store.calls import CallCreate, EntryChoices


def _call(**values: object) -> CallCreate:
    data: dict[str, object] = {
        "received_at": datetime(2026, 11, 24, 1, 5, tzinfo=UTC),
        "org": "第一医院",
        "caller": "张三",
        "content": "病房漏水",
        "number": "13812345678",
        "recorder_id": None,
        "priority": 1,
    }
    return CallCreate(**{**data, **values})  # type: ignore[arg-type]


def test_the_reply_promise_is_read_back_with_its_unit() -> None:
    rows = dict(readback_dialog(_call(reply_within_hours=4), "138 1234 5678", EntryChoices()).rows)
    assert rows["回复时限"] == "4 小时"
    assert "销售线索" not in rows
    days = readback_dialog(_call(reply_within_days=2), "138 1234 5678", EntryChoices()).rows
    assert dict(days)["回复时限"] == "2 个工作日"


def test_a_ticked_sales_lead_is_read_back() -> None:
    rows = dict(readback_dialog(_call(is_sales_lead=True), "138 1234 5678", EntryChoices()).rows)
    assert rows["销售线索"] == "跟进此客户"
