"""A command that only reads, exports, checks or backs up never makes a database that is not
there (a typo in --db, or cron in the wrong folder): one line, exit status 2, nothing made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk.store.backup import list_backups
from desk.store.engine import open_database, prepare_file
from desk.store.errors import MissingDatabase


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _refused(result, path: Path) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert str(path.absolute()) in lines[0] and "--db" in lines[0] and "DESK_DB" in lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def test_nightly_on_a_typo_keeps_the_real_backups(desk_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    real, backups = tmp_path / "real.db", tmp_path / "backups"
    assert desk_cli("--db", str(real), "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    assert desk_cli("--db", str(real), "backup", "--to", str(backups)).exit_code == 0
    before = _files(backups)
    assert len(list_backups(backups)) == 1

    typo = tmp_path / "typo.db"
    result = desk_cli(
        "--db", str(typo), "nightly", "--keep", "1", "--to", str(backups),
        "--out", str(tmp_path / "exports"),
    )  # fmt: skip
    line = _refused(result, typo)
    assert "没有数据库" in line
    assert _files(backups) == before
    made = {p.name for p in tmp_path.iterdir()} - {
        "backups",
        "real.db",
        "real.db-wal",
        "real.db-shm",
    }
    assert made == set()  # no typo.db, -wal, -shm, no exports folder


@pytest.mark.parametrize(
    "command",
    [
        ("export", "calls"),
        ("export", "all"),
        ("backup",),
        ("audit",),
        ("doctor",),
        ("call", "list"),
        ("staff", "list"),
        ("visit", "list"),
        ("appointments",),
        ("report", "shift"),
        ("report", "monthly", "--month", "2026-11"),
        ("followups", "replan"),
    ],
)
def test_reading_commands_refuse_a_missing_file(desk_cli, tmp_path: Path, command) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "no" / "such" / "typo.db"
    out = tmp_path / "out"
    extra = ("--to", str(out)) if command == ("backup",) else ()
    if command[0] == "export":
        extra = ("--out", str(out))
    _refused(desk_cli("--db", str(typo), *command, *extra), typo)
    assert list(tmp_path.iterdir()) == []  # no file, no -wal/-shm, no folder


def test_export_of_a_typo_is_refused_in_english(desk_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "typo.db"
    line = _refused(desk_cli("--db", str(typo), "export", "calls", lang="en"), typo)
    assert "There is no database at" in line and "desk db upgrade" in line
    assert list(tmp_path.iterdir()) == []


def test_default_path_in_the_wrong_folder(
    desk_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """cron running `desk nightly` outside the install folder: data/desk.db is not there."""
    monkeypatch.delenv("DESK_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    _refused(desk_cli("nightly", "--keep", "1"), Path("data") / "desk.db")
    _refused(desk_cli("export", "calls"), Path("data") / "desk.db")
    assert list(tmp_path.iterdir()) == []


def test_desk_db_environment_typo(desk_cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "typo.db"
    monkeypatch.setenv("DESK_DB", str(typo))
    _refused(desk_cli("audit"), typo)
    assert list(tmp_path.iterdir()) == []


def test_commands_that_add_records_still_create(desk_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    staff_db = tmp_path / "staff.db"
    assert desk_cli("--db", str(staff_db), "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    assert staff_db.exists()

    upgraded = tmp_path / "sub" / "upgraded.db"
    assert desk_cli("--db", str(upgraded), "db", "upgrade").exit_code == 0
    assert upgraded.exists()
    assert desk_cli("--db", str(upgraded), "doctor").exit_code == 0

    calls = tmp_path / "calls.db"
    desk_cli(
        "--db", str(calls), "call", "add", "--caller", "张三", "--content", "咨询",
        "--number", "13812345678", "--recorder", "王丽",
    )  # fmt: skip
    assert calls.exists()  # made (the recorder is unknown in a new database: refused after)

    visits = tmp_path / "visits.db"
    desk_cli(
        "--db", str(visits), "visit", "add", "--name", "张三", "--number", "13812345678",
        "--matter", "来访",
    )  # fmt: skip
    assert visits.exists()

    demo = tmp_path / "demo.db"
    result = desk_cli("--db", str(demo), "demo", "--calls", "5", "--visits", "1", "--subjects", "1")
    assert result.exit_code == 0, result.output
    listed = desk_cli("--db", str(demo), "call", "list", "--json")
    assert len(json.loads(listed.stdout)) == 5


def test_open_database_refuses_without_create(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "x.db"
    with pytest.raises(MissingDatabase) as raised:
        open_database(f"sqlite:///{path}", create=False)
    assert raised.value.path == path
    assert list(tmp_path.iterdir()) == []
    prepare_file("postgresql+psycopg://desk@localhost/desk", create=False)  # not a file: no check
