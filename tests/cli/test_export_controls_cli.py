"""`desk export calls -f csv`: a call holding an escape sequence and a formula exports safely."""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from pathlib import Path

from typer.testing import CliRunner

from desk.cli.root import build_app


def desk(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(build_app(), ["--db", str(db), *args])


def test_csv_export_of_a_call_with_an_escape_sequence(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert desk(db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    added = desk(
        db,
        "call",
        "add",
        "--org",
        "=1+1",
        "--caller",
        "张三",
        "--content",
        "\x1b[31m红色\x1b[0m 正文",
        "--number",
        "13812345678",
    )
    assert added.exit_code == 0, added.output
    with closing(sqlite3.connect(db)) as connection:
        (content,) = connection.execute("SELECT content FROM call").fetchone()
    assert content == "\x1b[31m红色\x1b[0m 正文"  # the database keeps it as typed

    target = tmp_path / "calls.csv"
    result = desk(db, "export", "calls", "-f", "csv", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert b"\x1b" not in target.read_bytes()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["主要内容"] == "␛[31m红色␛[0m 正文"
    assert row["来电单位"] == "'=1+1"
