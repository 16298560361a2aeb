"""The operating system's and SQLite's refusals are said in the user's language."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from desk.store.errors import ValidationError, database_failure, failure_text, os_reason


@pytest.mark.parametrize(
    ("number", "english", "chinese"),
    [
        (errno.ENOSPC, "No space left on device", "磁盘已满"),
        (errno.EROFS, "Read-only file system", "文件系统为只读"),
        (errno.EACCES, "Permission denied", "没有权限"),
        (errno.EPERM, "Operation not permitted", "不允许此操作"),
        (errno.ENOENT, "No such file or directory", "文件或文件夹不存在"),
        (errno.EDQUOT, "Disk quota exceeded", "磁盘配额已用完"),
        (errno.EIO, "Input/output error", "输入/输出错误"),
    ],
)
def test_common_system_errors_by_errno(number: int, english: str, chinese: str) -> None:
    error = OSError(number, english, "/srv/desk/export/calls.csv")
    assert chinese in os_reason(error) and english not in os_reason(error)
    assert failure_text(error) == f"{os_reason(error)}（/srv/desk/export/calls.csv）"


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        ("database is locked", "正被其他程序占用"),
        ("disk I/O error", "输入/输出错误"),
        ("unable to open database file", "无法打开数据库文件"),
        ("attempt to write a readonly database", "数据库文件为只读"),
        ("database or disk is full", "磁盘已满"),
    ],
)
def test_common_sqlite_errors_by_their_text(message: str, chinese: str) -> None:
    wrapped = OperationalError("INSERT INTO call ...", {}, sqlite3.OperationalError(message))
    assert chinese in os_reason(wrapped) and message not in os_reason(wrapped)
    assert message not in database_failure(wrapped)
    assert failure_text(wrapped) == database_failure(wrapped)


def test_an_unknown_error_keeps_its_own_words() -> None:
    assert os_reason(sqlite3.OperationalError("no such table: spam")) == "no such table: spam"
    assert os_reason(OSError(errno.EMLINK, "Too many links")) == "Too many links"
    unknown = sqlite3.OperationalError("no such table: spam")
    assert "no such table: spam" in database_failure(unknown)


def test_desk_own_errors_are_left_as_they_are() -> None:
    assert failure_text(ValidationError("请输入结果。")) == "请输入结果。"


def test_a_file_being_written_is_named_by_its_folder() -> None:
    error = OSError(errno.ENOSPC, "No space left on device", "/exports/.calls.csv.part-12-ab")
    assert failure_text(error) == "磁盘已满（/exports）"
