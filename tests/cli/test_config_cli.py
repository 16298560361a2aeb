"""A configuration typo or an unsupported language stops the command with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_foundation_cli import _one_error_line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[desk]\nidle_lok_minutes = 3\n", "desk.idle_lok_minutes: 未知的配置项"),
        ("[unknownsection]\nkey = 1\n", "unknownsection: 未知的配置节"),
        ('[institution]\nlanguage = "fr"\n', "institution.language: 不支持的语言 'fr'"),
    ],
)
def test_doctor_refuses_a_config_typo(desk_cli, tmp_path: Path, content: str, expected: str):
    config = tmp_path / "a.toml"
    config.write_text(content, encoding="utf-8")
    result = desk_cli("--config", str(config), "--db", str(tmp_path / "x.db"), "doctor")
    message = _one_error_line(result)
    assert len(result.output.strip().splitlines()) == 1
    assert f"{config}: {expected}" in message and "未发现问题" not in message


def test_the_hint_comes_in_english_too(desk_cli, tmp_path: Path) -> None:
    config = tmp_path / "a.toml"
    config.write_text("[desk]\nidle_lok_minutes = 3\n", encoding="utf-8")
    result = desk_cli("--config", str(config), "--db", str(tmp_path / "x.db"), "doctor", lang="en")
    message = _one_error_line(result)
    assert "unknown key; did you mean desk.idle_lock_minutes?" in message


def test_lang_flag_with_an_unsupported_language(desk_cli, tmp_path: Path) -> None:
    result = desk_cli("--lang", "fr", "--db", str(tmp_path / "x.db"), "doctor")
    message = _one_error_line(result)
    assert "--lang" in message and "'fr'" in message and "zh_CN, en" in message
    assert not (tmp_path / "x.db").exists()


def test_desk_lang_with_an_unsupported_language(
    desk_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_LANG", "fr")
    message = _one_error_line(desk_cli("--db", str(tmp_path / "x.db"), "doctor"))
    assert "DESK_LANG" in message and "'fr'" in message and "zh_CN, en" in message


def test_supported_languages_still_work(desk_cli, tmp_path: Path) -> None:
    assert desk_cli("--db", str(tmp_path / "x.db"), "db", "upgrade").exit_code == 0
    for lang in ("en", "zh_CN", "en_US.UTF-8"):
        result = desk_cli("--lang", lang, "--db", str(tmp_path / "x.db"), "doctor")
        assert result.exit_code == 0, result.output


def test_the_console_script_refuses_fr(tmp_path: Path) -> None:
    env = {**os.environ, "DESK_LANG": "fr", "LANG": "zh_CN.UTF-8"}
    env.pop("DESK_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "desk", "--db", str(tmp_path / "x.db"), "doctor"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1
    assert "DESK_LANG" in done.stderr and "zh_CN, en" in done.stderr
