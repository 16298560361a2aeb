"""Snapshot fixtures: the app at a fixed size, on a fresh database, with a frozen clock."""

from __future__ import annotations

from tests.ui.conftest import add_staff, admin, app  # noqa: F401  (re-exported fixtures)

SIZE = (100, 30)
