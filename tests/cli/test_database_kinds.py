"""A database desk cannot use, or a missing PostgreSQL driver: one line saying what to do."""

from __future__ import annotations

import sys

import pytest

from desk.store.engine import DatabaseError, make_engine, open_database
from tests.cli.test_foundation_cli import _one_error_line


def test_postgresql_without_its_driver(desk_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails
    result = desk_cli("--db", "postgresql+psycopg://u@127.0.0.1:1/x", "doctor")
    message = _one_error_line(result)
    assert len(result.output.strip().splitlines()) == 1
    assert "未安装 PostgreSQL 驱动" in message and "pip install 'desk[postgres]'" in message
    assert "ModuleNotFoundError" not in message


def test_postgresql_without_its_driver_in_english(
    desk_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    message = _one_error_line(
        desk_cli("--db", "postgresql+psycopg://u:secret@127.0.0.1:1/x", "doctor", lang="en")
    )
    assert "PostgreSQL driver is not installed" in message
    assert "pip install 'desk[postgres]'" in message


@pytest.mark.parametrize("url", ["mysql://x", "mysql+pymysql://u:secret@h/db", "oracle://h/db"])
def test_other_kinds_of_database_say_what_desk_supports(desk_cli, url: str) -> None:
    result = desk_cli("--db", url, "doctor")
    message = _one_error_line(result)
    assert len(result.output.strip().splitlines()) == 1
    assert "SQLite" in message and "PostgreSQL" in message
    assert "MySQLdb" not in message and "secret" not in message


def test_an_unparsable_url_says_what_desk_supports(desk_cli) -> None:
    message = _one_error_line(desk_cli("--db", "://", "doctor"))
    assert "SQLite" in message and "PostgreSQL" in message


def test_the_store_raises_database_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DatabaseError, match="SQLite"):
        open_database("mysql://x")
    with pytest.raises(DatabaseError, match="SQLite"):
        make_engine("mysql://x")
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(DatabaseError, match="desk\\[postgres\\]"):
        make_engine("postgresql+psycopg://u@127.0.0.1:1/x")
