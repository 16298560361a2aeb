"""A year without holiday data is said plainly: by `desk doctor` and as a one-line note."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

from desk.cli import _say_own_warnings_plainly
from desk.rules.workdays import WorkCalendar


def test_doctor_warns_of_a_coming_year_without_holiday_data(
    desk_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desk.cli.doctor.has_holiday_data", lambda year: year <= 2026)
    db = str(tmp_path / "d.db")
    desk_cli("--db", db, "db", "upgrade")
    result = desk_cli("--db", db, "doctor")
    assert result.exit_code == 0, result.output
    assert "节假日数据中没有" in result.output and "extra_holidays" in result.output
    assert "未发现问题" not in result.output


def test_doctor_is_content_when_the_data_reaches_far_enough(
    desk_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desk.cli.doctor.has_holiday_data", lambda year: year <= 2099)
    db = str(tmp_path / "d.db")
    desk_cli("--db", db, "db", "upgrade")
    result = desk_cli("--db", db, "doctor")
    assert "到 2099 年底" in result.output and "未发现问题" in result.output


def test_the_planning_warning_is_one_line_in_the_users_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)  # put back after
    _say_own_warnings_plainly()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        WorkCalendar().is_workday(date(2099, 3, 1))  # planning in a year without data
    err = capsys.readouterr().err
    assert err.startswith("注意：节假日数据中没有 2099 年")
    assert "workdays.py" not in err and "Warning" not in err and err.count("\n") == 1
