"""`desk import subjects` and `desk report followups` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from desk.cli.root import build_app

HEADER = "姓名,性别,年龄,电话,科室,出院日期\n"


@pytest.fixture
def args(tmp_path: Path) -> list[str]:
    config = tmp_path / "desk.toml"
    config.write_text('departments = ["内科", "外科"]\n', encoding="utf-8")
    return ["--db", str(tmp_path / "desk.db"), "--config", str(config), "--lang", "en"]


def _run(args: list[str], *more: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(build_app(), [*args, *more])


def test_import_refuses_bad_rows_then_skips_them(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER
        + "张三,男,65,13812345678,内科,2026-11-10\n李四,女,四十,13912345678,外科,2026-11-12\n",
        encoding="utf-8",
    )
    refused = _run(args, "import", "subjects", str(path), "--rule", "discharge")
    assert refused.exit_code == 1
    assert "Row 3, column 年龄" in refused.output
    taken = _run(args, "import", "subjects", str(path), "--rule", "discharge", "--skip-bad")
    assert taken.exit_code == 0, taken.output
    assert "Imported 1 subjects" in taken.output
    again = _run(args, "import", "subjects", str(path), "--rule", "discharge", "--skip-bad")
    assert "Imported 0 subjects" in again.output and "1 already" in again.output


def test_report_followups_json(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "张三,男,65,13812345678,内科,2026-11-10\n", encoding="utf-8")
    assert _run(args, "import", "subjects", str(path), "--rule", "discharge").exit_code == 0
    result = _run(args, "report", "followups", "--month", "2026-11", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    total = next(r for r in data["rows"] if r["department"] is None)
    assert (total["rule"], total["due"], total["reached"], total["target"]) == (
        "discharge",
        1,
        0,
        0.8,
    )
    table = _run(args, "report", "followups", "--quarter", "2026-Q4")
    assert table.exit_code == 0 and "80.0 %" in table.output
    both = _run(args, "report", "followups")
    assert both.exit_code != 0


@pytest.mark.filterwarnings("ignore:chinese_calendar has no holiday data")
def test_replan_after_a_rule_edit(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "张三,男,65,13812345678,内科,2099-01-05\n", encoding="utf-8")
    assert _run(args, "import", "subjects", str(path), "--rule", "discharge").exit_code == 0
    config = Path(args[3])
    config.write_text(
        config.read_text(encoding="utf-8")
        + '[[followup.rules]]\nname = "discharge"\nlabel = "出院回访"\nevent = "discharge"\n'
        'tasks = [{ days = 10, after = "discharged" }]\n',
        encoding="utf-8",
    )
    result = _run(args, "followups", "replan", "--rule", "discharge")
    assert result.exit_code == 0, result.output
    assert "1 tasks" in result.output


def _workbook(path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "电话", "出院日期"])
    for i in range(1, 300):
        sheet.write_row(i, 0, [f"患者{i}", f"139{i:08d}", "2026-11-10"])
    book.close()


def _broken_sheet(path: Path, tmp_path: Path) -> None:
    """A workbook whose sheet XML breaks off midway (a file cut short in a copy)."""
    import zipfile

    whole = tmp_path / "whole.xlsx"
    _workbook(whole)
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith("sheet1.xml"):
                data = data[: len(data) // 2] + b"<c r="
            out.writestr(name, data)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        # Not a zip at all: said in the user's words (zipfile's reason is English only).
        (
            lambda path, _tmp: path.write_text("这不是表格", encoding="utf-8"),
            ("is not an XLSX workbook", "save it from Excel or WPS as .xlsx"),
        ),
        (_broken_sheet, ("cannot be read as an XLSX workbook", "not well-formed")),
    ],
    ids=["not-a-workbook", "sheet-cut-short"],
)
def test_import_of_a_damaged_workbook_is_one_clear_line(
    args: list[str], tmp_path: Path, make, says: tuple[str, str]
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "register.xlsx"
    make(path, tmp_path)
    result = _run(args, "import", "subjects", str(path), "--rule", "discharge")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines == [lines[0]] and all(part in lines[0] for part in says)
    assert "zip" not in lines[0] and "Traceback" not in result.output
    whole = tmp_path / "whole.xlsx"
    _workbook(whole)
    assert _run(args, "import", "subjects", str(whole), "--rule", "discharge").exit_code == 0
