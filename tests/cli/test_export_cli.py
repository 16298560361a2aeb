"""`desk export`, `backup`, `verify`, `restore` and `nightly` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from desk.cli.root import build_app
from desk.models import Staff
from desk.store.demo import fill_demo
from desk.store.engine import open_database

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "desk.db"
    engine = open_database(f"sqlite:///{path}")
    fill_demo(engine, calls=30, visits=5, subjects=3, departments=("内科", "外科"), orgs=5)
    engine.dispose()
    return str(path)


def desk(db: str, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(build_app(), ["--db", db, *args], env=env)


def test_export_all_kinds(db: str, tmp_path: Path) -> None:
    result = desk(db, "export", "--out", str(tmp_path / "x"), "--excel")
    assert result.exit_code == 0, result.output
    names = sorted(p.name.split("-")[0] for p in (tmp_path / "x").iterdir())
    assert names == ["appointments", "calls", "followups", "visits"]
    assert "30" in result.output


def test_export_one_kind_to_a_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "calls.jsonl"
    result = desk(db, "export", "calls", "-f", "jsonl", "--out", str(target), "--mask")
    assert result.exit_code == 0, result.output
    assert len(target.read_text("utf-8").splitlines()) == 30


@pytest.mark.parametrize(
    "args",
    [
        ["export", "letters"],
        ["export", "calls", "-f", "pdf"],
        ["export", "calls", "--from", "2026-13-01"],
        ["export", "calls", "--from", "2026-11-02", "--to", "2026-11-01"],
    ],
)
def test_bad_input_exits_2_with_one_line(db: str, args: list[str]) -> None:
    result = desk(db, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_backup_verify_restore(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    result = desk(db, "backup", "--to", str(folder), "--keep", "3")
    assert result.exit_code == 0, result.output
    backup = next(folder.glob("*.db"))
    assert desk(db, "verify", str(backup)).exit_code == 0
    refused = desk(db, "restore", str(backup))
    assert refused.exit_code == 2 and "--force" in refused.output
    restored = desk(db, "restore", str(backup), "--force")
    assert restored.exit_code == 0, restored.output
    assert list(tmp_path.glob("desk.db.replaced-*"))
    engine = open_database(f"sqlite:///{db}")
    from sqlmodel import Session, select

    from desk.models import AuditEvent

    with Session(engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "restore" in actions
    engine.dispose()
    assert session is not None and Staff is not None


def test_wrong_passphrase_is_one_clear_line(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    env = {"DESK_BACKUP_PASSPHRASE": "right"}
    assert desk(db, "backup", "--to", str(folder), "--encrypt", env=env).exit_code == 0
    backup = next(folder.glob("*.enc"))
    wrong = desk(db, "restore", str(backup), "--force", env={"DESK_BACKUP_PASSPHRASE": "x"})
    assert wrong.exit_code == 2
    assert "口令不对" in wrong.output and "Traceback" not in wrong.output
    assert desk(db, "verify", str(backup), env={"DESK_BACKUP_PASSPHRASE": "x"}).exit_code == 1


def test_restore_refuses_a_stray_file(db: str, tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("hello")
    result = desk(db, "restore", str(stray), "--force")
    assert result.exit_code == 2
    assert "不是 desk 备份" in result.output


def test_nightly_runs_every_step(db: str, tmp_path: Path) -> None:
    result = desk(db, "nightly", "--out", str(tmp_path / "e"), "--to", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    steps = [line.split(" ", 2)[2].split("：")[0] for line in lines]
    assert steps == ["导出来电", "导出来访", "导出预约", "导出回访", "备份", "轮换旧备份"]
    again = desk(db, "nightly", "--out", str(tmp_path / "e"), "--to", str(tmp_path / "b"))
    assert again.exit_code == 0
    sizes = sorted(len(p.read_text("utf-8").splitlines()) for p in (tmp_path / "e").glob("calls-*"))
    assert sizes == [1, 31]  # the second night found nothing changed: a header only


def test_nightly_goes_on_after_a_failed_step(db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "e"
    blocker.write_text("a file where the export folder should be")
    result = desk(db, "nightly", "--out", str(blocker), "--to", str(tmp_path / "b"))
    assert result.exit_code == 1
    assert "导出来电：失败：" in result.output
    assert "备份：成功，" in result.output
    assert list((tmp_path / "b").glob("*.db.json"))
    assert json.loads(next((tmp_path / "b").glob("*.db.json")).read_text())["tables"]["call"] == 30


def test_nightly_asks_for_the_passphrase_before_exporting_anything(db: str, tmp_path: Path) -> None:
    """Under cron there is nobody to ask: the night says so at once, not after the exports."""
    night = ("nightly", "--encrypt", "--out", str(tmp_path / "e"), "--to", str(tmp_path / "b"))
    result = desk(db, *night, env={"DESK_BACKUP_PASSPHRASE": ""})
    assert result.exit_code == 2  # refused before any step ran, as a wrong option is
    assert "DESK_BACKUP_PASSPHRASE" in result.output
    assert not (tmp_path / "e").exists() and not (tmp_path / "b").exists()
    result = desk(db, *night, env={"DESK_BACKUP_PASSPHRASE": "长城长"})
    assert result.exit_code == 0, result.output
    (manifest,) = (tmp_path / "b").glob("*.json")
    assert json.loads(manifest.read_text())["encryption"]["cipher"] == "AES-256-GCM"


def test_export_one_kind_to_a_new_path_without_extension_makes_a_folder(
    db: str, tmp_path: Path
) -> None:
    target = tmp_path / "x" / "exp3"
    result = desk(db, "export", "calls", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.is_dir()
    files = list(target.iterdir())
    assert len(files) == 1 and files[0].name.startswith("calls-") and files[0].suffix == ".csv"
    assert len(files[0].read_text("utf-8-sig").splitlines()) == 31


def test_export_one_kind_to_a_new_file_with_extension_still_writes_that_file(
    db: str, tmp_path: Path
) -> None:
    target = tmp_path / "new" / "all-calls.csv"
    result = desk(db, "export", "calls", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.is_file()


def test_out_help_says_a_new_path_without_extension_is_a_folder(db: str) -> None:
    result = desk(db, "export", "--help", env={"COLUMNS": "300"})
    assert "没有扩展名的路径会作为文件夹新建" in " ".join(result.output.split())
