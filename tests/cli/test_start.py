"""Bare `desk` goes straight to the app, and fails with one line like every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.cli.start import app_options


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {}),
        (["--db", "x.db"], {"--db": "x.db"}),
        (["--db=x.db", "--lang", "en"], {"--db": "x.db", "--lang": "en"}),
        (["--config", "d.toml", "--db", "x"], {"--config": "d.toml", "--db": "x"}),
    ],
)
def test_only_global_options_start_the_app(args: list[str], expected: dict[str, str]) -> None:
    assert app_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [["doctor"], ["--db", "x.db", "doctor"], ["--help"], ["--version"], ["--db"], ["-h"]],
)
def test_anything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert app_options(args) is None


def run_desk(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", **(env_extra or {})}
    for name in ("DESK_CONFIG", "DESK_DB", "DESK_LANG"):
        if name not in (env_extra or {}):
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "desk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_a_database_that_is_not_ours_is_one_line(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"not a database at all" * 100)
    done = run_desk("--db", str(other))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1
    assert "不是 desk 数据库" in done.stderr
    assert other.read_bytes() == b"not a database at all" * 100


def test_a_bad_language_from_the_environment_names_it(tmp_path: Path) -> None:
    done = run_desk("--db", str(tmp_path / "x.db"), env_extra={"DESK_LANG": "fr"})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "DESK_LANG" in done.stderr and "zh_CN, en" in done.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_bad_configuration_file_is_one_line_in_english(tmp_path: Path) -> None:
    config = tmp_path / "desk.toml"
    config.write_text("[desk]\nidle_lok_minutes = 5\n", encoding="utf-8")
    done = run_desk("--lang", "en", f"--config={config}", "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "idle_lock_minutes" in done.stderr and "Error" in done.stderr


def test_the_database_named_in_the_environment_is_the_one_opened(tmp_path: Path) -> None:
    other = tmp_path / "env.db"
    other.write_bytes(b"x" * 2048)
    done = run_desk(env_extra={"DESK_DB": str(other)})
    assert done.returncode == 2 and str(other) in done.stderr


def test_without_a_terminal_desk_says_it_needs_one(tmp_path: Path) -> None:
    """Cron running bare `desk` would wait forever on a screen nobody sees."""
    done = run_desk("--db", str(tmp_path / "x.db"))
    assert done.returncode == 2 and done.stdout == ""
    assert "需要在终端中启动" in done.stderr and "desk nightly" in done.stderr
    assert "Traceback" not in done.stderr


def test_without_a_terminal_no_database_is_made(tmp_path: Path) -> None:
    """Cron starting bare `desk` with a wrong path must leave nothing behind (not even the
    folder): stdin and stdout are no terminal here."""
    done = run_desk("--db", str(tmp_path / "new" / "new.db"))
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "需要在终端中启动" in done.stderr
    assert not (tmp_path / "new").exists()
    done = run_desk("--db", str(tmp_path / "new.db"))
    assert done.returncode == 2 and "需要在终端中启动" in done.stderr
    assert not (tmp_path / "new.db").exists()


def test_an_empty_language_option_shuts_out_the_environment(tmp_path: Path) -> None:
    """`--lang=` given empty means no choice, as on the full command line: DESK_LANG=fr is
    not blamed on --lang and does not stop the start."""
    done = run_desk("--lang=", "--db", str(tmp_path / "x.db"), env_extra={"DESK_LANG": "fr"})
    assert done.returncode == 2
    assert "不支持" not in done.stderr and "需要在终端中启动" in done.stderr


def test_in_a_terminal_a_database_desk_cannot_use_is_one_line(tmp_path: Path) -> None:
    """The card is drawn, the database is refused behind it, and desk ends with one line
    after giving the terminal back."""
    import signal

    from tests.ui.test_draft_survives_kill import Terminal

    other = tmp_path / "other.db"
    other.write_bytes(b"not a database at all" * 100)
    terminal = Terminal(other)
    try:
        terminal.wait_for("不是 desk 数据库", timeout=30)
        status = terminal.wait_for_exit()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2
        after = terminal.seen.rsplit("\x1b[?1049l", 1)[-1]  # what follows the app's screen
        assert "不是 desk 数据库" in after and "Traceback" not in terminal.seen
    finally:
        try:
            os.kill(terminal.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(terminal.fd)
    assert other.read_bytes() == b"not a database at all" * 100
