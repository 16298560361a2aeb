"""Run one store function in a thread worker and hand its result back on the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from desk.store.errors import DatabaseError, StoreError, database_failure

if TYPE_CHECKING:
    from sqlmodel import Session

    from desk.app import DeskApp

T = TypeVar("T")
log = logging.getLogger("desk")


def run_db(
    node: DOMNode,
    job: Callable[[Session], T],
    done: Callable[[T], Any] | None = None,
    *,
    group: str,
    read_only: bool = False,
    failed: Callable[[StoreError], Any] | None = None,
    broken: Callable[[str], Any] | None = None,
) -> Worker[None]:
    """Start `job(session)` in a thread; call `done(result)` on the UI thread if not superseded.

    A newer call in the same group supersedes an older one. A StoreError goes to `failed`
    (or an error dialog); a failure of the database itself (a full disk, say) is put in
    words by `database_failure` and goes to `broken` (or the error dialog). The database
    code loads now if it has not (desk.looking).
    """
    app: DeskApp = node.app  # type: ignore[assignment]
    app.load_database()

    def work() -> None:
        worker = get_current_worker()
        try:
            # The database stack loads after the first screen is drawn (DeskApp.engine waits).
            from desk.store.engine import read_engine, session_scope

            engine = read_engine(app.engine) if read_only else app.engine
            with session_scope(engine) as session:
                result = job(session)
        except StoreError as error:
            if not worker.is_cancelled:
                app.call_from_thread(failed or app.show_error, error if failed else str(error))
            return
        except DatabaseError as error:  # the database could not be opened at start
            if app.start_failure is not None or not app.is_running:
                return  # the app is ending, and the command line says why
            if not worker.is_cancelled:
                app.call_from_thread(broken or app.show_error, str(error))
            return
        except Exception as error:  # noqa: BLE001 - any database failure must reach the user
            log.exception("database work failed")
            if not worker.is_cancelled:
                app.call_from_thread(broken or app.show_error, database_failure(error))
            return
        if done is not None and not worker.is_cancelled:
            app.call_from_thread(done, result)

    return node.run_worker(work, thread=True, group=group, exclusive=True, exit_on_error=False)
