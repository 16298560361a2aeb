"""Where an entry screen's pick lists and draft come from: read ahead with the sign-in, read
by the look at the database while its code loads (desk.store.peek), or from the store."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar

from textual.worker import get_current_worker

from desk.identity import desk_id, desk_machine
from desk.store.shapes import EntryChoices, SavedDraft
from desk.widgets.db import run_db

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from textual.worker import Worker

    from desk.app import DeskApp
    from desk.config import Settings
    from desk.store.peek import Peek


class EntryLoading:
    """EntryScreen's loading of its form (the screen shows what is loaded in `_loaded`)."""

    DRAFT_FORM: ClassVar[str] = ""
    GROUP: ClassVar[str] = ""

    if TYPE_CHECKING:  # provided by EntryScreen and Textual's Screen
        desk_app: DeskApp
        app: Any

        def _staff_id(self) -> int | None: ...
        def _draft_key(self, staff_id: int | None) -> dict[str, Any]: ...
        def _loaded(self, result: tuple[EntryChoices, SavedDraft | None]) -> None: ...
        def run_worker(self, work: Any, **kwargs: Any) -> Worker[Any]: ...

    @classmethod
    def look_ahead(
        cls, peek: Peek, settings: Settings, staff_id: int
    ) -> tuple[EntryChoices, SavedDraft | None] | None:
        """(Off the UI thread) the pick lists and the person's draft at this desk, read by the
        look at the database while its code loads; None when the store must answer."""
        choices = peek.entry_choices(department_names=settings.departments)
        kept = peek.draft(
            desk=desk_id(), form=cls.DRAFT_FORM, staff_id=staff_id, machine=desk_machine()
        )
        return None if choices is None or kept is None else (choices, kept.draft)

    def _load(self) -> None:
        """Load the pick lists and the signed-in person's draft at this desk: read ahead with
        the sign-in, or by the look at the database while its code loads
        (desk.store.peek), else from the store."""
        names = self.desk_app.settings.departments
        key = self._draft_key(self._staff_id())
        machine = desk_machine()  # a new terminal window gets a new terminal name
        staff_id = key["staff_id"]
        ahead = self.desk_app.form_ahead(self.DRAFT_FORM, staff_id)
        if ahead is not None:
            self._loaded(ahead)  # drawn once, filled
            return
        peek = self.desk_app.early_peek()
        if peek is not None and staff_id is None:
            return  # built behind the sign-in card: loaded for whoever signs in
        if peek is not None:
            settings = self.desk_app.settings

            def look() -> None:
                worker = get_current_worker()
                try:
                    found = self.look_ahead(peek, settings, staff_id)
                except Exception:  # noqa: BLE001 - the store loads it, or says what is wrong
                    log.exception("could not look at the form's lists and draft")
                    found = None
                if worker.is_cancelled:
                    return
                if found is None:
                    self.app.call_from_thread(self._load_from_store, names, key, machine)
                else:
                    self.app.call_from_thread(self._loaded, found)

            self.run_worker(look, thread=True, group=f"{self.GROUP}.look", exclusive=True)
            return
        self._load_from_store(names, key, machine)

    def _load_from_store(
        self, names: tuple[str, ...], key: dict[str, Any], machine: str | None
    ) -> None:
        """Load the pick lists and the draft through the store (it may add a configured
        department, or move the draft another terminal of this computer keeps)."""

        def job(session):  # type: ignore[no-untyped-def]
            from desk.store.calls import entry_choices
            from desk.store.drafts import load_draft

            draft = load_draft(session, machine=machine, **key)
            return entry_choices(session, department_names=names), draft

        run_db(self, job, self._loaded, group=f"{self.GROUP}.load")
