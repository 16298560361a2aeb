"""Shared fixtures: hermetic settings, a fresh database per test (SQLite, and PostgreSQL when
DESK_TEST_DATABASE_URL is set), a frozen clock, and a signed-in app for Pilot tests."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

# What desk keeps between runs (desk.kept) goes to a folder of this test process's own, never
# the user's: set before desk is imported, as importing it reads the message catalogs.
KEPT_FOLDER = os.environ["DESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="desk-kept-")

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from desk.config import Settings, load_settings
from desk.i18n import set_language
from desk.store.engine import open_database

TZ = ZoneInfo("Asia/Shanghai")
FROZEN_NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)
PG_URL = os.environ.get("DESK_TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_unconfigure(config: pytest.Config) -> None:
    os.environ["DESK_CACHE_DIR"] = ""  # what is kept as the process ends goes nowhere
    shutil.rmtree(KEPT_FOLDER, ignore_errors=True)


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Fixed language, no user configuration, a fixed desk id, work in a temp folder."""
    for var in ("DESK_CONFIG", "DESK_DB", "DESK_LANG", "DESK_PIN", "DESK_BACKUP_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DESK_CACHE_DIR", KEPT_FOLDER)
    monkeypatch.setenv("DESK_ID", "test-desk")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.chdir(tmp_path)
    set_language("zh_CN")
    yield
    set_language("zh_CN")


def _postgres_database() -> str:
    """A new, empty PostgreSQL database (UTF-8 locale) for one test."""
    if not PG_URL:
        pytest.skip("DESK_TEST_DATABASE_URL is not set")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(
            text(
                f'CREATE DATABASE "{name}" TEMPLATE template0 '
                "ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
        )
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_postgres(url: str) -> None:
    if not PG_URL:
        return
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = make_url(url).database
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a fresh database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.db'}"
        return
    url = _postgres_database()
    yield url
    _drop_postgres(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL of a fresh SQLite file (for tests about SQLite itself, and the UI)."""
    return f"sqlite:///{tmp_path / 'desk.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """The migrated database of `db_url`."""
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """The migrated SQLite database of `sqlite_url`."""
    engine = open_database(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The shipped configuration, with the test's SQLite file as its database."""
    return load_settings(db=str(tmp_path / "desk.db"))


@pytest.fixture
def clock() -> Callable[[], datetime]:
    """A frozen clock: 2026-11-24 09:05 in Asia/Shanghai."""
    return lambda: FROZEN_NOW


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursor blink makes snapshots flaky; keep the cursor shown."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    if hasattr(TextArea, "_toggle_cursor"):
        monkeypatch.setattr(TextArea, "_toggle_cursor", lambda self: None)
