"""What desk keeps between runs (desk.kept): where, written whole, and the message catalogs
read from it until a catalog file changes."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk import i18n
from desk.kept import cache_folder, keep, read_kept


def test_the_folder_is_chosen_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DESK_CACHE_DIR", str(tmp_path / "chosen"))
    assert cache_folder() == tmp_path / "chosen"
    monkeypatch.setenv("DESK_CACHE_DIR", "")
    assert cache_folder() is None
    assert keep("x", b"data") is False
    assert read_kept("x") is None


def test_without_a_choice_it_is_the_users_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DESK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "desk"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "desk"


def test_only_an_absolute_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_CACHE_DIR", "relative/folder")
    assert cache_folder() is None
    monkeypatch.delenv("DESK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "relative-home")
    assert cache_folder() is None


def test_a_folder_others_may_write_to_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    monkeypatch.setenv("DESK_CACHE_DIR", str(folder))
    assert keep("thing", b"data")
    assert read_kept("thing") == b"data"
    folder.chmod(0o777)
    assert read_kept("thing") is None
    folder.chmod(0o700)
    assert read_kept("thing") == b"data"


def test_a_file_is_kept_whole_and_read_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DESK_CACHE_DIR", str(tmp_path / "new" / "folder"))
    assert read_kept("thing") is None
    assert keep("thing", "来电".encode())
    assert read_kept("thing") == "来电".encode()
    assert keep("thing", b"second")
    assert read_kept("thing") == b"second"
    assert sorted(p.name for p in (tmp_path / "new" / "folder").iterdir()) == ["thing"]


def test_a_folder_that_cannot_be_written_is_passed_over_quietly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DESK_CACHE_DIR", str(blocker / "desk"))
    with caplog.at_level(logging.DEBUG, logger="desk.kept"):
        assert keep("thing", b"data") is False
        assert read_kept("thing") is None
    assert blocker.read_text() == "not a folder"
    assert caplog.records, "said at debug level"
    # Nothing Python would print by itself: not for a cron job's mail, nor the terminal.
    assert all(record.levelno < logging.WARNING for record in caplog.records)


@pytest.fixture
def catalogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A copy of the Chinese catalogs, and an empty cache folder."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR / "zh_CN", locale / "zh_CN")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setenv("DESK_CACHE_DIR", str(tmp_path / "kept"))
    i18n.catalog.cache_clear()
    yield locale / "zh_CN"
    i18n.catalog.cache_clear()


def read_catalog() -> dict[str, str]:
    i18n.catalog.cache_clear()
    return i18n.catalog("zh_CN")


def test_the_catalog_is_kept_and_read_from_what_was_kept(catalogs: Path) -> None:
    messages = read_catalog()
    assert messages["Wrong PIN."] == "PIN 错误。"
    kept = json.loads(read_kept("catalog-zh_CN.json") or b"")
    assert kept["messages"] == messages
    # What was kept is what is read while no catalog file changes.
    kept["messages"]["Wrong PIN."] = "from what was kept"
    keep("catalog-zh_CN.json", json.dumps(kept).encode())
    assert read_catalog()["Wrong PIN."] == "from what was kept"


def test_a_changed_catalog_file_is_read_again(catalogs: Path) -> None:
    read_catalog()
    po = catalogs / "core.po"
    po.write_text(
        po.read_text(encoding="utf-8") + '\nmsgid "A new message"\nmsgstr "新的消息"\n',
        encoding="utf-8",
    )
    assert read_catalog()["A new message"] == "新的消息"


def test_a_catalog_fix_of_the_same_size_and_time_is_read_again(catalogs: Path) -> None:
    assert read_catalog()["Wrong PIN."] == "PIN 错误。"
    po = catalogs / "core.po"
    status = po.stat()
    po.write_text(po.read_text(encoding="utf-8").replace("PIN 错误。", "PIN 有误。"), "utf-8")
    os.utime(po, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert po.stat().st_size == status.st_size
    assert read_catalog()["Wrong PIN."] == "PIN 有误。"


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"stamps": 1}', b"[]", b"\xff\xfe"])
def test_a_damaged_kept_catalog_is_read_from_the_files(catalogs: Path, damage: bytes) -> None:
    expected = read_catalog()
    keep("catalog-zh_CN.json", damage)
    assert read_catalog() == expected
    assert json.loads(read_kept("catalog-zh_CN.json") or b"")["messages"] == expected
