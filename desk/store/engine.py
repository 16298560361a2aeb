"""Open the database: SQLite (WAL, FULL sync, IMMEDIATE writes) or PostgreSQL, migrated."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlmodel import Session, create_engine

from desk.i18n import _
from desk.store.errors import DatabaseError, MissingDatabase, is_busy, os_reason
from desk.store.peek import write_lock_refused
from desk.store.revisions import MIGRATIONS as MIGRATIONS
from desk.store.revisions import head_revision as head_revision
from desk.store.revisions import known_revisions

if TYPE_CHECKING:
    from alembic.config import Config

BUSY_TIMEOUT_S = 15
RETRY_LOCKED_S = 1.0
"""At start, how often to try again a database another program keeps locked."""
_read_engines: dict[str, Engine] = {}


@dataclass(frozen=True)
class SchemaState:
    """What a database holds: our revision, the code's, and whether it is empty."""

    revision: str | None
    head: str
    empty: bool

    @property
    def current(self) -> bool:
        """The database is at the code's revision."""
        return self.revision == self.head


def is_sqlite(engine: Engine) -> bool:
    """The engine talks to SQLite."""
    return engine.dialect.name == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_engine(url: str, *, immediate: bool, foreign_keys: bool = True) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            f"foreign_keys={'ON' if foreign_keys else 'OFF'}",
            f"busy_timeout={BUSY_TIMEOUT_S * 1000}",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]

    return engine


def _supported(url: str) -> str:
    """The backend of a URL desk can use, else a DatabaseError saying what desk supports."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            _(
                "desk cannot use the database {url}: it works with a SQLite file "
                "(a path, or sqlite:///path) or a PostgreSQL URL (postgresql+psycopg://…)."
            ).format(url=_shown(url))
        )
    return backend


def _shown(url: str) -> str:
    """A URL fit to print: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for writing: on SQLite each transaction takes the write lock up front."""
    if _supported(url) == "sqlite":
        return _sqlite_engine(url, immediate=True, foreign_keys=foreign_keys)
    try:
        return create_engine(url, pool_pre_ping=True)
    except ImportError as error:
        raise DatabaseError(
            _(
                "The PostgreSQL driver is not installed (no module {module}); install it with: "
                "pip install 'desk[postgres]', and write the URL as postgresql+psycopg://…"
            ).format(module=repr(error.name or str(error)))
        ) from None


def read_engine(engine: Engine) -> Engine:
    """An engine for long reads (screens, exports) that never holds SQLite's write lock."""
    if not is_sqlite(engine):
        return engine
    url = engine.url.render_as_string(hide_password=False)
    if url not in _read_engines:
        _read_engines[url] = _sqlite_engine(url, immediate=False)
    return _read_engines[url]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One short unit of work: commit on success, roll back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config() -> Config:
    """Alembic's configuration, pointing at desk's migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite gives -wal/-shm its mode)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise DatabaseError(
            _("Cannot create the database {path}: {reason}").format(
                path=path, reason=os_reason(error)
            )
        ) from None


def prepare_file(url: str, *, create: bool = True) -> None:
    """Create the folder and an owner-only SQLite file; refuse a file that is not SQLite.

    With create=False a missing file is refused (MissingDatabase) and nothing is made."""
    path = sqlite_path(url)
    if path is None:
        return
    if not create and not path.exists():
        raise MissingDatabase(_("The database {path} does not exist.").format(path=path), path=path)
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file.").format(path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            _("Cannot create the folder for the database {path}: {reason}").format(
                path=path, reason=os_reason(error)
            )
        ) from None
    if not path.exists():
        create_private(path)
    if path.stat().st_size:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise not_ours(path)
        _look_before_opening(path)


def not_ours(where: object) -> DatabaseError:
    """The error for a database (or any file) desk did not make."""
    return DatabaseError(
        _("{path} is not a desk database; desk will not touch it.").format(path=where)
    )


def damaged(where: object) -> DatabaseError:
    """The error for a desk database SQLite finds damaged."""
    return DatabaseError(
        _(
            "The database {where} is damaged (SQLite: database disk image is malformed). "
            "Check a backup with desk verify and put it back with desk restore."
        ).format(where=where)
    )


def _look_before_opening(path: Path) -> None:
    """Read an existing SQLite file's table list without writing anything: another program's
    database is refused, and a damaged one called damaged, before desk's own connection could
    change it (it would switch the file to WAL mode)."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            names = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        reason = str(error).lower()
        if "malformed" in reason:
            raise damaged(path) from None
        if "not a database" in reason:
            raise not_ours(path) from None
        return  # cannot look read-only (locked, say): opening it will say what is wrong
    if names and "alembic_version" not in names:
        raise not_ours(path)


def schema_state(engine: Engine) -> SchemaState:
    """Read the schema revision and check the database is ours."""
    head, known = known_revisions()
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in tables:
                rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
                revision = rows[0][0] if len(rows) == 1 else None  # several: not ours
    except OperationalError as error:
        raise DatabaseError(
            _("Cannot open the database {url}: {reason}").format(
                url=engine.url.render_as_string(), reason=" ".join(os_reason(error).split())
            )
        ) from None
    except SADatabaseError as error:
        if "malformed" in str(error.orig).lower():
            raise damaged(engine.url.render_as_string()) from None
        raise not_ours(engine.url.render_as_string()) from None
    if revision is None and tables:
        raise not_ours(engine.url.render_as_string())
    if revision is not None and revision not in known:
        raise DatabaseError(
            _(
                "The database was made by a newer desk (schema {revision}); "
                "update desk before using it."
            ).format(revision=revision)
        )
    return SchemaState(revision=revision, head=head, empty=revision is None)


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to a revision, with SQLite's foreign keys off while tables move."""
    from alembic import command

    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            if is_sqlite(engine):
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(_("The upgrade left broken references; nothing changed."))
    finally:
        engine.dispose()


def open_database(url: str, *, migrate: bool = True, create: bool = True) -> Engine:
    """Check the database is ours, bring its schema up to date, and return the write engine."""
    _supported(url)
    prepare_file(url, create=create)
    engine = make_engine(url)
    state = schema_state(engine)
    if not state.current:
        if not migrate:
            raise DatabaseError(_("The database schema is out of date; run: desk db upgrade"))
        upgrade(url)
    return engine


def write_lock_taken(url: str, *, timeout_s: float = 1.0) -> bool:
    """Whether another program holds an existing SQLite file's write lock (or an exclusive
    lock) now, waiting at most `timeout_s` for it; never creates or changes anything."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return False
    refused = write_lock_refused(path, timeout_s=timeout_s)
    return refused is not None and is_busy(refused)  # else opening it says what is wrong


def wait_while_locked(
    url: str, *, still_wanted: Callable[[], bool], told: Callable[[bool], object]
) -> None:
    """Before opening: while another program holds the SQLite write lock, say so once
    (`told(True)`), try again each second, and say when it is free (`told(False)`); stops
    early when no longer `still_wanted` (the user quit)."""
    waited = False
    while still_wanted():
        started = time.monotonic()
        if not write_lock_taken(url, timeout_s=RETRY_LOCKED_S):
            break
        if not waited:
            waited = True
            told(True)
        time.sleep(max(0.0, RETRY_LOCKED_S - (time.monotonic() - started)))  # once a second
    if waited:
        told(False)


def open_when_free(
    url: str,
    *,
    connect: Callable[[], Engine],
    still_wanted: Callable[[], bool],
    told: Callable[[bool], object],
) -> Engine:
    """`connect()`, first waiting while another program keeps the SQLite file locked (see
    wait_while_locked); a lock taken again meanwhile is waited out too, until not
    `still_wanted`."""
    while True:
        wait_while_locked(url, still_wanted=still_wanted, told=told)
        try:
            return connect()
        except Exception as error:
            if not is_busy(error) or not still_wanted():
                raise
            told(True)  # taken again between the look and the opening
            time.sleep(RETRY_LOCKED_S)
