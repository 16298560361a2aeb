"""Configuration: the shipped default, a user's file over it, and clear errors."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from desk.config import ConfigError, database_url, load_settings


def test_shipped_default_has_the_spec_rules() -> None:
    settings = load_settings()
    assert settings.windows == ((time(8), time(11)), (time(14), time(17)))
    names = {rule.name for rule in settings.rules}
    assert {"discharge", "construction", "sales_lead_phone", "complaint_resolved"} <= names
    discharge = settings.rule("discharge")
    assert discharge is not None and discharge.target_rate == 0.8
    assert discharge.tasks[0].days == 7 and discharge.tasks[0].after == "discharged"
    construction = settings.rule("construction")
    assert construction is not None and len(construction.tasks) == 3
    assert construction.tasks[1].midway == ("started", "completed")
    assert "内科" in settings.departments
    assert str(settings.tz) == "Asia/Shanghai"


def test_user_file_overrides_keys(tmp_path: Path) -> None:
    path = tmp_path / "desk.toml"
    path.write_text(
        '[institution]\nname = "兰州第一医院"\n'
        '[calling]\nwindows = ["10:00-12:00", "15:00-17:00"]\n'
        'extra_holidays = ["2026-12-31"]\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.institution_name == "兰州第一医院"
    assert settings.windows[0] == (time(10), time(12))
    assert settings.extra_holidays == (date(2026, 12, 31),)
    assert settings.rule("discharge") is not None  # untouched keys keep the default


def test_config_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.toml"
    path.write_text('[institution]\nname = "环境配置"\n', encoding="utf-8")
    monkeypatch.setenv("DESK_CONFIG", str(path))
    assert load_settings().institution_name == "环境配置"


@pytest.mark.parametrize(
    ("content", "key", "reason"),
    [
        ('[desk]\nidle_lock_minutes = "x"\n', "desk.idle_lock_minutes", "应为整数"),
        ('[calling]\nwindows = ["8-11"]\n', "calling.windows[0]", "08:00-11:00"),
        ('[calling]\nextra_holidays = ["tomorrow"]\n', "calling.extra_holidays[0]", "日期"),
        (
            '[calling]\nextra_holidays = ["2026-02-30"]\n',
            "calling.extra_holidays[0]",
            "没有这一天：2026-02-30",
        ),
        ('[institution]\ntimezone = "Mars/Base"\n', "institution.timezone", "时区"),
        (
            '[[followup.rules]]\nname = "x"\ntasks = [{ days = 3, after = "never" }]\n',
            "followup.rules",
            "事件日期",
        ),
        ('[[followup.rules]]\nname = "x"\ntasks = []\n', "followup.rules", "至少需要一个任务"),
        (
            '[[followup.rules]]\nname = "x"\ntarget_rate = 2\ntasks = [{ at = "since" }]\n',
            "target_rate",
            "0 到 1",
        ),
    ],
)
def test_bad_file_names_key_and_reason(tmp_path: Path, content: str, key: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert key in str(raised.value) and reason in str(raised.value)
    assert str(path) in str(raised.value)


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[institution\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_settings(broken)
    with pytest.raises(ConfigError, match="找不到文件"):
        load_settings(tmp_path / "absent.toml")


def test_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.setenv("DESK_DB", str(tmp_path / "env.db"))
    assert database_url(None).endswith("env.db")
    monkeypatch.delenv("DESK_DB")
    assert database_url(None) == f"sqlite:///{Path.cwd() / 'data' / 'desk.db'}"


@pytest.mark.parametrize(
    ("content", "key", "reason"),
    [
        ("[desk]\nidle_lok_minutes = 3\n", "desk.idle_lok_minutes", "未知的配置项"),
        ("[unknownsection]\nx = 1\n", "unknownsection", "未知的配置节"),
        ('colour = "red"\n', "colour", "未知的配置项"),
        ('[institution]\nnmae = "x"\n', "institution.nmae", "institution.name"),
        (
            '[[followup.rules]]\nname = "x"\ntasks = [{ at = "since" }]\nattempt = 2\n',
            "followup.rules[0].attempt",
            "followup.rules[0].attempts",
        ),
        (
            '[[followup.rules]]\nname = "x"\ntasks = [{ dyas = 3, after = "since" }]\n',
            "followup.rules[0].tasks[0].dyas",
            "days",
        ),
    ],
)
def test_an_unknown_key_is_named_with_the_closest_known_one(
    tmp_path: Path, content: str, key: str, reason: str
) -> None:
    path = tmp_path / "typo.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: {key}: ") and reason in message
    assert "\n" not in message


def test_the_hint_names_the_full_key_path(tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text("[desk]\nidle_lok_minutes = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == (
        f"{path}: desk.idle_lok_minutes: 未知的配置项；是否应为 desk.idle_lock_minutes？"
    )


@pytest.mark.parametrize("language", ["fr", "de_DE", "C"])
def test_an_unsupported_language_in_the_file_lists_the_supported_ones(
    tmp_path: Path, language: str
) -> None:
    path = tmp_path / "lang.toml"
    path.write_text(f'[institution]\nlanguage = "{language}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert "institution.language" in message and "不支持的语言" in message
    assert "zh_CN" in message and "en" in message


@pytest.mark.parametrize("language", ["", "zh_CN", "en", "zh-cn", "en_US.UTF-8"])
def test_a_supported_or_empty_language_loads(tmp_path: Path, language: str) -> None:
    path = tmp_path / "lang.toml"
    path.write_text(f'[institution]\nlanguage = "{language}"\n', encoding="utf-8")
    assert load_settings(path).language == language


def test_a_file_using_every_known_key_loads(tmp_path: Path) -> None:
    path = tmp_path / "full.toml"
    path.write_text(
        'departments = ["内科"]\n'
        '[institution]\nname = "医院"\nlanguage = "en"\ntimezone = "Asia/Shanghai"\n'
        'area_code = "0931"\n'
        '[calling]\nwindows = ["08:00-11:00"]\nextra_holidays = ["2026-12-31"]\n'
        'extra_workdays = ["2026-12-27"]\n'
        '[paths]\nexport_dir = "e"\nbackup_dir = "b"\n'
        "[desk]\nidle_lock_minutes = 5\n"
        '[[followup.rules]]\nname = "r"\nlabel = "R"\nevent = "r"\nattempts = 2\n'
        "target_rate = 0.5\n"
        'tasks = [{ days = 1, after = "since" }, { midway = ["started", "completed"] },'
        ' { at = "since" }, { every_days = 7, after = "since", count = 2 }]\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.idle_lock_minutes == 5 and settings.rules[0].name == "r"
