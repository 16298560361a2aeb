"""Snapshot fixtures: the app at a fixed size, on a fresh database, with a frozen clock."""

from __future__ import annotations

from tests.ui.conftest import (  # noqa: F401  (re-exported fixtures)
    add_staff,
    admin,
    app,
    no_prebuilt_screens,
)

SIZE = (100, 30)
