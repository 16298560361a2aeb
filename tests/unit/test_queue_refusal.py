"""Why a work-queue key cannot act (store.steps.queue_refusal), and the screen kept small."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import desk
from desk.models import Role
from desk.session_info import SignedIn
from desk.store.steps import queue_refusal, refusal

ADMIN = SignedIn(id=1, name="王丽", role=Role.ADMIN)
CLERK = SignedIn(id=2, name="张敏", role=Role.RECEPTIONIST)


@dataclass(frozen=True)
class Item:
    id: int
    status: str

    def refusal(self, step: str) -> str | None:
        return refusal(step, record_id=self.id, status=self.status)


def test_every_key_on_an_empty_queue_says_why_but_the_others() -> None:
    said = queue_refusal("route", None, actor=ADMIN, callbacks_waiting=False)
    assert said is not None and "空" in said
    assert queue_refusal("open", None, actor=ADMIN, callbacks_waiting=False) is not None
    assert queue_refusal("switch_table", None, actor=ADMIN, callbacks_waiting=False) is None


def test_the_callback_key_needs_a_callback_waiting() -> None:
    item = Item(1, "registered")
    assert queue_refusal("callback_done", item, actor=ADMIN, callbacks_waiting=False)
    assert queue_refusal("callback_done", None, actor=ADMIN, callbacks_waiting=True) is None


def test_a_step_follows_the_status_and_archiving_the_role() -> None:
    fresh, settled = Item(7, "registered"), Item(8, "fed_back")
    assert queue_refusal("route", fresh, actor=ADMIN, callbacks_waiting=False) is None
    assert queue_refusal("book", settled, actor=ADMIN, callbacks_waiting=False) is None
    assert "7" in (queue_refusal("archive", fresh, actor=ADMIN, callbacks_waiting=False) or "")
    assert queue_refusal("archive", settled, actor=ADMIN, callbacks_waiting=False) is None
    assert queue_refusal("archive", settled, actor=CLERK, callbacks_waiting=False)


def test_the_queue_screen_stays_within_the_module_size_guideline() -> None:
    """STYLE.md: no module past ~400 lines; the queue's refusals and questions live beside it."""
    screen = Path(desk.__file__).parent / "screens" / "queue.py"
    assert len(screen.read_text(encoding="utf-8").splitlines()) <= 400
