"""`desk visit list` and `desk call list` piped: the same tab-separated shape, a header first."""

from __future__ import annotations

from pathlib import Path

import pytest


def _fill(desk_cli, db: str) -> None:  # type: ignore[no-untyped-def]
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    common = ("--number", "13812345678", "--at", "2026-11-24 09:05")
    added = desk_cli(
        "--db", db, "visit", "add", "--name", "张三", "--matter", "来信\t反映\n停车难",
        "--channel", "letter", "--category", "complaint", *common,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    called = desk_cli(
        "--db", db, "call", "add", "--caller", "李四", "--content", "咨询门诊", *common
    )
    assert called.exit_code == 0, called.output


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("zh_CN", "编号\t时间\t方式\t单位\t来访人\t电话\t事由\t优先级\t类别\t状态\t科室"),
        (
            "en",
            "No.\tTime\tChannel\tInstitution\tVisitor\tNumber\tMatter\tPriority\tCategory\t"
            "Status\tDepartment",
        ),
    ],
)
def test_visit_list_prints_tab_separated_lines(
    desk_cli, tmp_path: Path, lang: str, header: str
) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "v.db")
    _fill(desk_cli, db)
    result = desk_cli("--db", db, "visit", "list", lang=lang)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == header
    [row] = [line.split("\t") for line in lines[1:]]
    assert len(row) == len(header.split("\t"))
    assert row[0] == "1" and row[1] == "2026-11-24 09:05" and row[4] == "张三"
    assert row[6] == "来信 反映 停车难"  # a tab or line break typed in stays in its field
    if lang == "zh_CN":
        assert (row[2], row[8], row[9]) == ("来信", "投诉", "已登记")
    assert "━" not in result.output and "│" not in result.output


def test_call_list_has_a_header_line_too(desk_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "c.db")
    _fill(desk_cli, db)
    lines = desk_cli("--db", db, "call", "list").output.splitlines()
    assert lines[0].split("\t")[:4] == ["编号", "时间", "来电单位", "来电人"]
    assert [len(line.split("\t")) for line in lines] == [11, 11]


def test_visit_add_names_the_values_it_takes(desk_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "w.db")
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    base = ("--db", db, "visit", "add", "--name", "张三", "--number", "13812345678")
    channel = desk_cli(*base, "--matter", "来信", "--channel", "e-mail", lang="en")
    assert channel.exit_code == 2
    assert "Unknown channel e-mail; use walk-in, letter or email." in channel.output
    priority = desk_cli(*base, "--matter", "来信", "--priority", "high")
    assert priority.exit_code == 2
    assert "未知的优先级 high" in priority.output and "urgent, important" in priority.output
