"""`desk import subjects` as an administrator reads it: no rows, every problem, both dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from desk.cli.root import build_app
from desk.i18n import set_language
from desk.store.engine import open_database, session_scope

HEADER = "姓名,电话,入院日期,出院日期\n"


@pytest.fixture
def args(tmp_path: Path) -> list[str]:
    config = tmp_path / "desk.toml"
    config.write_text('departments = ["内科", "外科"]\n', encoding="utf-8")
    return ["--db", str(tmp_path / "desk.db"), "--config", str(config)]


def _run(args: list[str], lang: str, *more: str) -> Result:
    set_language(lang)
    return CliRunner().invoke(build_app(), [*args, "--lang", lang, *more])


def _subjects(tmp_path: Path) -> int:
    engine = open_database(f"sqlite:///{tmp_path / 'desk.db'}")
    with session_scope(engine) as session:
        count = session.connection().exec_driver_sql("SELECT count(*) FROM followup_subject")
        return int(count.scalar_one())


@pytest.mark.parametrize(
    ("lang", "said"), [("zh_CN", "中没有数据行，未导入任何数据"), ("en", "holds no rows")]
)
def test_a_header_only_file_says_it_holds_no_rows(
    args: list[str], tmp_path: Path, lang: str, said: str
) -> None:
    path = tmp_path / "出院名单.csv"
    path.write_text(HEADER, encoding="utf-8")
    result = _run(args, lang, "import", "subjects", str(path))
    assert result.exit_code == 1
    assert said in result.output and "出院名单.csv" in result.output
    assert "已导入" not in result.output and "Imported" not in result.output  # no row counts
    assert _subjects(tmp_path) == 0


def test_an_empty_file_is_not_a_file_of_missing_columns(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "空.csv"
    path.write_bytes(b"")
    result = _run(args, "zh_CN", "import", "subjects", str(path))
    assert result.exit_code == 1
    assert "没有数据行" in result.output and "缺少" not in result.output


def test_every_problem_of_a_row_is_shown(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER + "张三,13812345678,2026-11-01,2026-11-10\n,13912345678,2026-13-01,\n",
        encoding="utf-8",
    )
    result = _run(args, "zh_CN", "import", "subjects", str(path))
    assert result.exit_code == 1
    assert "第 3 行，姓名 列" in result.output
    assert "第 3 行，入院日期 列" in result.output
    assert "有 1 行无法接收（共 2 处问题）" in result.output
    assert _subjects(tmp_path) == 0


def test_discharge_before_admission_names_both_dates(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "张三,13812345678,2026-11-10,2026-11-01\n", encoding="utf-8")
    chinese = _run(args, "zh_CN", "import", "subjects", str(path))
    assert chinese.exit_code == 1
    assert "第 2 行，出院日期 列：出院日期 2026-11-01 早于入院日期 2026-11-10。" in chinese.output
    english = _run(args, "en", "import", "subjects", str(path))
    assert "Row 2, column 出院日期: The discharge date 2026-11-01 is before" in english.output
    assert _subjects(tmp_path) == 0


def test_missing_columns_are_not_counted_as_rows(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("名字,号码\n张三,13812345678\n", encoding="utf-8")
    result = _run(args, "zh_CN", "import", "subjects", str(path))
    assert result.exit_code == 1
    assert "第 1 行，姓名 / name 列：缺少这一列。" in result.output
    assert "文件第一行须是列标题" in result.output and "行无法接收" not in result.output


def test_an_old_excel_workbook_says_to_save_it_as_xlsx(args: list[str], tmp_path: Path) -> None:
    path = tmp_path / "出院名单.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # an OLE2 header
    result = _run(args, "zh_CN", "import", "subjects", str(path))
    assert result.exit_code == 2
    assert "出院名单.xls 是旧版工作簿" in result.output and ".xlsx" in result.output
    assert "缺少这一列" not in result.output


def test_a_missing_rule_date_column_is_named_once_in_chinese(
    args: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("姓名,电话\n张三,13812345678\n李四,13912345678\n", encoding="utf-8")
    result = _run(args, "zh_CN", "import", "subjects", str(path), "--rule", "discharge")
    assert result.exit_code == 1
    assert "第 1 行，出院日期 / discharged 列：缺少这一列" in result.output
    assert "第 2 行" not in result.output and "第 3 行" not in result.output
