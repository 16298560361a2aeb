"""`desk audit` names a saved follow-up call in Chinese: what came of it, when to call back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from desk.config import load_settings
from desk.models import AttemptResult, FollowupTask
from desk.store.engine import open_database, session_scope
from desk.store.followup_work import record_outcome

TZ = ZoneInfo("Asia/Shanghai")


def test_audit_shows_a_saved_follow_up_call(tmp_path: Path, desk_cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "desk.db"
    config = tmp_path / "desk.toml"
    config.write_text('departments = ["内科"]\n', encoding="utf-8")
    subjects = tmp_path / "list.csv"
    subjects.write_text("姓名,电话,科室,出院日期\n张三,13812345678,内科,2026-11-10\n", "utf-8")
    common = ("--db", str(db), "--config", str(config))
    result = desk_cli(*common, "import", "subjects", str(subjects), "--rule", "discharge")
    assert result.exit_code == 0, result.output
    engine = open_database(f"sqlite:///{db}")
    try:
        with Session(engine) as session:
            task_id = session.exec(select(FollowupTask.id)).one()
        with session_scope(engine) as session:
            record_outcome(
                session,
                actor=None,
                settings=load_settings(config),
                task_id=task_id,
                desk="A",
                result=AttemptResult.CALL_BACK_LATER,
                call_back_at=datetime(2026, 11, 25, 15, 30, tzinfo=TZ),
                now=datetime(2026, 11, 24, 9, 5, tzinfo=TZ),
            )
    finally:
        engine.dispose()
    out = desk_cli(*common, "audit").stdout
    assert "登记回访结果" in out
    assert "结果：约定再打；约定 2026-11-25 15:30 再打" in out
    assert "call_back" not in out and "followup.attempt" not in out
