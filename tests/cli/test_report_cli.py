"""`desk report monthly` and `desk report shift`, and a command line that never loads Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from desk.cli.root import build_app
from desk.config import load_settings
from desk.store.demo import fill_demo
from desk.store.engine import open_database
from tests.conftest import FROZEN_NOW

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "desk.db"
    engine = open_database(f"sqlite:///{path}")
    fill_demo(
        engine,
        calls=200,
        visits=20,
        subjects=60,
        departments=("内科", "外科"),
        orgs=5,
        years=1,
        settings=load_settings(db=str(path)),
        now=FROZEN_NOW,
    )
    engine.dispose()
    return str(path)


def test_monthly_report_to_xlsx(db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    result = runner.invoke(
        build_app(), ["--db", db, "report", "monthly", "--quarter", "2026-Q4", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "按科室" in result.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "概况"


def test_monthly_report_shows_followups_and_json(db: str) -> None:
    result = runner.invoke(build_app(), ["--db", db, "report", "monthly", "--quarter", "2026-Q4"])
    assert result.exit_code == 0, result.output
    for heading in ("回访率", "是否达标", "满意度", "很不满意"):
        assert heading in result.output
    result = runner.invoke(
        build_app(), ["--db", db, "report", "monthly", "--quarter", "2026-Q4", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["period"] == "2026-Q4"
    assert data["calls"] == sum(c["calls"] for c in data["by_category"])
    assert {"complaint_ratio", "complaints"} <= set(data["by_department"][0])
    assert list(data["satisfaction"]) == ["1", "2", "3", "4", "5"]
    totals = [r for r in data["followup_rates"] if r["department"] is None]
    assert totals and {"due", "attempted", "reached", "rate", "target", "meets_target"} <= set(
        totals[0]
    )
    assert data["followups_due"] == sum(r["due"] for r in totals)
    assert isinstance(data["opinions"], list)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "monthly"],
        ["report", "monthly", "--month", "2026-11", "--quarter", "2026-Q4"],
        ["report", "monthly", "--month", "2026-13"],
        ["report", "shift", "--date", "tomorrow"],
    ],
)
def test_report_bad_input(db: str, args: list[str]) -> None:
    result = runner.invoke(build_app(), ["--db", db, *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_shift_report(db: str) -> None:
    result = runner.invoke(build_app(), ["--db", db, "report", "shift", "--date", "2026-11-24"])
    assert result.exit_code == 0, result.output
    assert "待办" in result.output


def test_the_command_line_never_loads_textual() -> None:
    code = (
        "import sys; from desk.cli.root import build_app; build_app(); "
        "import desk.store.export, desk.store.backup, desk.store.reports, desk.store.shift; "
        "assert 'textual' not in sys.modules, 'textual loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
