"""An export or a backup killed midway (SIGKILL) leaves nothing under the final name."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desk.models import Call, Staff, utcnow
from desk.store.demo import fill_demo
from desk.store.engine import session_scope

EXPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from desk.store.engine import open_database
    from desk.store.export import write_export

    def stall(done):
        print("midway", flush=True)
        time.sleep(60)

    write_export(open_database(sys.argv[1]), kind="calls", fmt=sys.argv[3], path=Path(sys.argv[2]),
                 tz=ZoneInfo("Asia/Shanghai"), progress=stall)
    """
)
BACKUP = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime
    from pathlib import Path
    import desk.store.backup as backup

    def stall(path, **options):
        print("midway", flush=True)
        time.sleep(60)

    backup.check_sqlite_copy = stall
    backup.backup_sqlite(Path(sys.argv[1]), Path(sys.argv[2]), now=datetime.now(UTC))
    """
)


def _kill_when_midway(script: str, *args: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "midway"
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_killed_export_leaves_no_file(
    sqlite_engine: Engine, sqlite_url: str, tmp_path: Path, fmt: str
) -> None:
    fill_demo(sqlite_engine, calls=12_000, departments=("内科",), orgs=20)
    final = tmp_path / "out" / f"calls.{fmt}"
    _kill_when_midway(EXPORT, sqlite_url, str(final), fmt)
    assert not final.exists()
    leftovers = list(final.parent.iterdir())
    assert all(p.name.startswith(".calls") and ".part-" in p.name for p in leftovers)


def test_killed_backup_leaves_no_file(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as session:
        staff = Staff(name="王丽")
        session.add(staff)
        session.flush()
        session.add(Call(received_at=utcnow(), recorder_id=staff.id))
    folder = tmp_path / "backups"
    _kill_when_midway(BACKUP, str(sqlite_engine.url.database), str(folder))
    assert [p for p in folder.iterdir() if not p.name.startswith(".")] == []
