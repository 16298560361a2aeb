"""A date or time in the right form that does not exist is called that, not a wrong format."""

from __future__ import annotations

from pathlib import Path

import pytest

VISIT = ("visit", "add", "--name", "张三", "--number", "13812345678", "--matter", "咨询")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((*VISIT, "--at", "2026-02-30 10:00"), "没有这一天：2026-02-30"),
        ((*VISIT, "--at", "2026-11-20 25:00"), "没有这个时刻：25:00"),
        (("appointments", "--date", "2026-02-30"), "没有这一天：2026-02-30"),
        (("export", "calls", "--from", "2026-02-30"), "没有这一天：2026-02-30"),
        (("export", "calls", "--to", "2026-13-01"), "没有这一天：2026-13-01"),
        (("report", "shift", "--date", "2026-02-29"), "没有这一天：2026-02-29"),
        (("report", "monthly", "--month", "2026-13"), "没有这个月份：2026-13"),
        (("audit", "--since", "2026-02-30"), "没有这一天：2026-02-30"),
    ],
)
def test_a_day_that_does_not_exist_is_named(
    desk_cli, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    db = str(tmp_path / "d.db")
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    result = desk_cli("--db", db, *args)
    assert result.exit_code == 2
    assert said in result.output
    assert "Traceback" not in result.output and "写成" not in result.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((*VISIT, "--at", "tomorrow"), "2026-11-24 09:05"),
        (("appointments", "--date", "24/11/2026"), "2026-11-24"),
        (("export", "calls", "--from", "yesterday"), "2026-11-24"),
    ],
)
def test_a_wrong_form_still_shows_the_form(
    desk_cli, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    db = str(tmp_path / "f.db")
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    result = desk_cli("--db", db, *args)
    assert result.exit_code == 2 and said in result.output
